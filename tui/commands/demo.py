"""`cashier demo`: the cashier station with zero set-up — an HQ with demo data on loopback, a temporary
station database, the virtual printer (receipts shown in the app and saved as PNG), and Ctrl+N to cut and
restore the network so the offline flow can be shown end to end."""

from __future__ import annotations

import argparse
from pathlib import Path

COMPACT_HELP = "compact display: ASCII only, 16 colours, no mouse (same as `cashier --compact demo`)"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("demo", help="run the station with demo data, no set-up needed")
    parser.add_argument("--data-dir", type=Path, help="keep the demo databases and receipts here (default: a temp dir)")
    # Also accepted after `demo` (`cashier demo --compact`); SUPPRESS keeps a global `--compact` from being reset.
    parser.add_argument("--compact", action="store_true", default=argparse.SUPPRESS, help=COMPACT_HELP)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from tui.launch import run_demo

    return run_demo(args.lang or "zh_TW", args.data_dir, compact=args.compact)

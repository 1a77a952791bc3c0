"""The `cashier` command line."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from core import __version__
from core.errors import CashierError

# Each module registers its own sub-parser; keep the list in the order `cashier --help` shows.
COMMAND_MODULES: tuple[str, ...] = ("tui.commands.demo", "tui.commands.printer", "tui.commands.hq",
                                    "tui.commands.doctor", "tui.commands.logs", "tui.commands.shift")


COMPACT_HELP = ("compact display for a Linux console or a slow SSH link: ASCII only, 16 colours, no mouse "
                "(overrides [station] display)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cashier", description="Cashier station for Taiwanese retail: sell, issue e-invoices, print."
    )
    parser.add_argument("--version", action="version", version=f"cashier {__version__}")
    parser.add_argument("--config", help="configuration file (default: $CASHIER_CONFIG or the platform dir)")
    parser.add_argument("--lang", choices=("zh_TW", "en"), help="language of messages")
    parser.add_argument("--compact", action="store_true", help=COMPACT_HELP)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:  # plain `cashier`: the station itself
            from tui.launch import run_station

            return run_station(args.config, args.lang, args.compact)
        return int(handler(args) or 0)
    except CashierError as error:
        print(error.text(args.lang or "zh_TW"), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

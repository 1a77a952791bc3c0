"""`cashier logs [--follow] [--lines N] [--hq]`: the station's (or HQ's) log for support over SSH (secrets
already masked when written)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from core.messages import DoctorCode


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("logs", help="show the station's log (JSON lines in the data dir)")
    parser.add_argument("--lines", "-n", type=int, default=50, metavar="N", help="show the last N lines (default: 50)")
    parser.add_argument("--follow", "-f", action="store_true", help="keep printing lines as they are written")
    parser.add_argument("--json", action="store_true", help="print the raw JSON lines")
    parser.add_argument("--data-dir", type=Path, help="the station's data dir (default: from the configuration); "
                                                      "for HQ, its --log-dir (default: the database's folder)")
    parser.add_argument("--hq", action="store_true",
                        help="HQ's log (logs/hq.log) rather than the station's; chosen by itself when a data dir "
                             "holds only HQ's")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from core.errors import CashierError
    from core.log import HQ_LOG_NAME, LOG_NAME, follow, log_path, position, readable, tail

    if args.data_dir is not None:
        data_dir = args.data_dir
    else:
        from core.config import load_config

        data_dir = load_config(args.config).station.data_dir
    path = log_path(data_dir, HQ_LOG_NAME if args.hq else LOG_NAME)
    if not args.hq and not path.exists() and log_path(data_dir, HQ_LOG_NAME).exists():
        path = log_path(data_dir, HQ_LOG_NAME)  # `cashier hq serve`'s folder: its log is the only one there
    show = (lambda line: line) if args.json else readable
    if not path.exists() and not args.follow:
        print(CashierError(DoctorCode.LOGS_NONE, path=str(path)).text(args.lang or "zh_TW"), file=sys.stderr)
        return 1
    # One offset for both: no line written between showing the tail and following is lost or shown twice.
    start = position(path)
    for line in tail(path, args.lines, upto=start.offset if start else 0):
        print(show(line))
    sys.stdout.flush()
    if not args.follow:
        return 0
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    try:
        for line in follow(path, stop=stopped.is_set, wait=stopped.wait, start_at=start):
            print(show(line), flush=True)
    except KeyboardInterrupt:
        pass
    return 0

"""HQ as a process of its own, for the fault campaign: something that can really be killed with SIGKILL and
started again on the same port and database, as a crashed or rebooted headquarters server would be.

    python -m tests.faults.hq_process --db FILE --port P --start ISO-TIME [--seed]

Its clock starts at --start and runs at real speed (the campaign's stations do the same), so invoice
periods are fixed by the test, not by today's date. Prints one JSON line once it accepts connections:
{"port": P, "tokens": {...}} (tokens only with --seed), then serves until killed.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from datetime import datetime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.faults.hq_process")
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--start", required=True, help="the clock's starting instant, ISO 8601 with offset")
    parser.add_argument("--seed", action="store_true", help="seed the demo data first (the first start only)")
    args = parser.parse_args(argv)

    from hq.app import create_app
    from hq.db import HQDatabase
    from hq.server import HQServer
    from hq.settings import HQSettings
    from tests.support.clocks import RunningClock

    clock = RunningClock(datetime.fromisoformat(args.start))
    db = HQDatabase(args.db)
    tokens: dict[str, str] = {}
    if args.seed:
        from hq.seed import seed_demo

        tokens = seed_demo(db, clock.now()).station_tokens
    # The campaign takes the numbers for all its checkouts up front (up to 950): more than HQ's default cap
    # of unused booklets a period allows one station (hq.settings), so this HQ allows 20.
    settings = HQSettings(max_unused_booklets=20)
    server = HQServer(create_app(db=db, clock=clock, settings=settings), port=args.port)  # type: ignore[arg-type]
    server.start()
    print(json.dumps({"port": server.port, "tokens": tokens}), flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        signal.pause()


if __name__ == "__main__":
    sys.exit(main())

"""`cashier hq serve`: the reference headquarters server; `cashier hq station revoke|rotate ID`: its tokens."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

MAX_UNUSED_BOOKLETS = 4  # = hq.settings.MAX_UNUSED_BOOKLETS (tests/hq/test_cli.py): hq stays off start-up


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("hq", help="the reference headquarters server")
    commands = parser.add_subparsers(dest="hq_command", metavar="COMMAND", required=True)
    serve = commands.add_parser("serve", help="run HQ (SQLite by default, PostgreSQL by URL)")
    serve.add_argument("--db", default="hq.sqlite",
                       help="a SQLite file path or a database URL such as postgresql://user@host/db "
                            "(default: hq.sqlite)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8700, help="port to listen on; 0 picks a free one (default: 8700)")
    serve.add_argument("--seed-demo", action="store_true",
                       help="load demo staff, products, customers and invoice ranges, and print station tokens")
    serve.add_argument("--log-dir", type=Path, metavar="DIR",
                       help="write HQ's log to DIR/logs/hq.log, JSON lines, rotated, tokens masked "
                            "(default: the SQLite database's folder, else the platform data dir); "
                            "read it with `cashier logs --data-dir DIR`")
    serve.add_argument("--certfile", type=Path, metavar="FILE",
                       help="serve HTTPS with this certificate (PEM, the chain after it); needs --keyfile")
    serve.add_argument("--keyfile", type=Path, metavar="FILE", help="the private key (PEM) of --certfile")
    serve.add_argument("--max-unused-booklets", type=int, default=MAX_UNUSED_BOOKLETS, metavar="N",
                       help="how many booklets of one period a station may hold unused before HQ refuses it more "
                            f"(default: {MAX_UNUSED_BOOKLETS})")
    serve.set_defaults(handler=run_serve)

    station = commands.add_parser("station", help="a station's token: revoke it, or give the station a new one")
    actions = station.add_subparsers(dest="station_command", metavar="ACTION", required=True)
    for name, words in (("revoke", "stop the station's token working at once (its till says it was revoked)"),
                        ("rotate", "give the station a new token (printed once); the old one stops working")):
        action = actions.add_parser(name, help=words)
        action.add_argument("id", metavar="ID", help="the station's id, e.g. S01")
        action.add_argument("--db", default="hq.sqlite", help="HQ's database, as for `cashier hq serve`")
        action.set_defaults(handler=run_station)


def run_serve(args: argparse.Namespace) -> int:
    # Imported here: FastAPI and uvicorn stay off the start-up path of every other command.
    from hq.server import serve
    from hq.settings import HQSettings

    if (args.certfile is None) != (args.keyfile is None):
        print("--certfile and --keyfile go together", file=sys.stderr)
        return 2
    if args.max_unused_booklets < 1:
        print("--max-unused-booklets must be at least 1", file=sys.stderr)
        return 2
    return serve(args.db, args.host, args.port, seed_demo=args.seed_demo, log_dir=args.log_dir,
                 announce=lambda line: print(line, flush=True), certfile=args.certfile, keyfile=args.keyfile,
                 settings=HQSettings(max_unused_booklets=args.max_unused_booklets))


def run_station(args: argparse.Namespace) -> int:
    """Straight on HQ's database (like a migration), so it works with HQ stopped and needs no admin token."""
    from core.clock import SystemClock
    from core.errors import MESSAGES
    from hq.auth import revoke, rotate
    from hq.db import HQDatabase
    from hq.problems import HQProblemError

    db = HQDatabase(args.db)
    try:
        with db.write() as session:
            if args.station_command == "revoke":
                revoke(session, args.id)
                token = None
            else:
                token = rotate(session, args.id, SystemClock().now())
    except HQProblemError as error:
        zh, _en = MESSAGES[error.problem.code]
        print(f"{zh.format(**error.problem.params)}\n{error.problem.message}", file=sys.stderr)
        return 1
    finally:
        db.close()
    if token is None:
        print(f"station {args.id}: token revoked; its till now says so and keeps every sale until it gets a new one")
    else:
        print(f"station {args.id} token: {token}")
        print("(shown once: put it in that till's [hq] token; the old token no longer works)")
    return 0

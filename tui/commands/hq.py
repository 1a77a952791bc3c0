"""`cashier hq serve`: the reference headquarters server."""

from __future__ import annotations

import argparse
from pathlib import Path


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
    serve.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    # Imported here: FastAPI and uvicorn stay off the start-up path of every other command.
    from hq.server import serve

    return serve(args.db, args.host, args.port, seed_demo=args.seed_demo, log_dir=args.log_dir,
                 announce=lambda line: print(line, flush=True))

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
    register_user_commands(commands)


def run_serve(args: argparse.Namespace) -> int:
    # Imported here: FastAPI and uvicorn stay off the start-up path of every other command.
    from hq.server import serve

    return serve(args.db, args.host, args.port, seed_demo=args.seed_demo, log_dir=args.log_dir,
                 announce=lambda line: print(line, flush=True))


# ---------------------------------------------------------------- back-office users (issue 16)

def register_user_commands(commands: argparse._SubParsersAction) -> None:
    user = commands.add_parser("user", help="back-office users (the web pages under /office)")
    actions = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="create a back-office user; asks for the password twice")
    add.add_argument("name", help="the username to sign in with")
    add.add_argument("--db", default="hq.sqlite", help="HQ's SQLite file or database URL (default: hq.sqlite)")
    add.add_argument("--role", choices=("owner", "manager"), default="owner")
    add.add_argument("--lang", choices=("zh-TW", "en"), default="zh-TW", help="the pages' language for this user")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input (scripts), not a prompt")
    add.set_defaults(handler=run_user_add)


def run_user_add(args: argparse.Namespace) -> int:
    import getpass
    import sys

    from core.clock import SystemClock
    from hq.db import HQDatabase
    from hq.web.auth.passwords import PasswordError, validate_password
    from hq.web.auth.users import UserExistsError, add_user

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            print("the two passwords differ; nothing was changed", file=sys.stderr)
            return 1
    try:
        validate_password(password)
    except PasswordError as error:
        print(f"{error}; nothing was changed", file=sys.stderr)
        return 1
    db = HQDatabase(args.db)
    try:
        with db.write() as session:
            add_user(session, args.name, password, SystemClock().now(), role=args.role, lang=args.lang)
    except UserExistsError:
        print(f"user {args.name} exists already; nothing was changed", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(f"back-office user {args.name} added; sign in at /office/signin")
    return 0

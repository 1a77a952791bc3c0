"""`cashier hq serve|mof|ranges|station`: the reference headquarters server, its MOF filing, its number
ranges and its stations' tokens (revoke, rotate)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.messages import MofCode

MAX_UNUSED_BOOKLETS = 4  # = hq.settings.MAX_UNUSED_BOOKLETS (tests/hq/test_cli.py): hq stays off start-up


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    serve.add_argument("--workers", type=int, default=1, metavar="N",
                       help="serve with N processes, PostgreSQL only (a CPU core each is what pays; default: 1)")
    serve.set_defaults(handler=run_serve)
    _register_mof(commands)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="hq.sqlite", help="HQ's SQLite file or database URL (default: hq.sqlite)")


def _register_mof(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`cashier hq mof export|status|resend` and `cashier hq ranges import` (settings: `[mof]` in --config)."""
    mof = commands.add_parser("mof", help="file invoices with the MOF platform through Turnkey")
    mof_commands = mof.add_subparsers(dest="mof_command", metavar="COMMAND", required=True)
    export = mof_commands.add_parser("export", help="write every document that is due into Turnkey's folders "
                                                    "once, read Turnkey's results, and exit (for cron)")
    _db_option(export)
    export.add_argument("--out", type=Path, metavar="DIR", help="Turnkey's folder (default: [mof] turnkey_dir)")
    export.add_argument("--period", metavar="CODE", help="only this period, e.g. 11512")
    export.set_defaults(handler=run_mof_export)
    status = mof_commands.add_parser("status", help="documents by state, what is late and what is due within "
                                                    "the warning window; exit code 1 when anything is late")
    _db_option(status)
    status.add_argument("--json", action="store_true", help="the report as JSON")
    status.set_defaults(handler=run_mof_status)
    again = mof_commands.add_parser("resend", help="queue a rejected (or held) document again after a fix")
    _db_option(again)
    again.add_argument("id", type=int, help="the document's number (from `status` or the API)")
    again.set_defaults(handler=run_mof_resend)
    ranges = commands.add_parser("ranges", help="invoice number ranges (字軌)")
    ranges_commands = ranges.add_subparsers(dest="ranges_command", metavar="COMMAND", required=True)
    imp = ranges_commands.add_parser("import", help="import the platform's number-range file (CSV or E0501 XML)")
    _db_option(imp)
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--ban", help="the seller's business number (default: [mof] seller_ban)")
    imp.set_defaults(handler=run_ranges_import)

    station = commands.add_parser("station", help="a station's token: revoke it, or give the station a new one")
    actions = station.add_subparsers(dest="station_command", metavar="ACTION", required=True)
    for name, words in (("revoke", "stop the station's token working at once (its till says it was revoked)"),
                        ("rotate", "give the station a new token (printed once); the old one stops working")):
        action = actions.add_parser(name, help=words)
        action.add_argument("id", metavar="ID", help="the station's id, e.g. S01")
        action.add_argument("--db", default="hq.sqlite", help="HQ's database, as for `cashier hq serve`")
        action.set_defaults(handler=run_station)
    register_user_commands(commands)


def run_serve(args: argparse.Namespace) -> int:
    # Imported here: FastAPI and uvicorn stay off the start-up path of every other command.
    from hq.db import normalise_url
    from hq.mof.config import load_mof
    from hq.server import serve
    from hq.settings import HQSettings

    if (args.certfile is None) != (args.keyfile is None):
        print("--certfile and --keyfile go together", file=sys.stderr)
        return 2
    if args.max_unused_booklets < 1:
        print("--max-unused-booklets must be at least 1", file=sys.stderr)
        return 2
    if args.workers < 1:
        print("--workers must be at least 1", file=sys.stderr)
        return 2
    if args.workers > 1 and not normalise_url(args.db).startswith("postgresql"):
        print("--workers needs PostgreSQL: SQLite has a single writer", file=sys.stderr)
        return 2
    return serve(args.db, args.host, args.port, seed_demo=args.seed_demo, log_dir=args.log_dir,
                 announce=lambda line: print(line, flush=True), mof=load_mof(args.config),
                 certfile=args.certfile, keyfile=args.keyfile,
                 settings=HQSettings(max_unused_booklets=args.max_unused_booklets), workers=args.workers)


def run_mof_export(args: argparse.Namespace) -> int:
    from core.clock import SystemClock
    from core.errors import CashierError
    from hq.db import HQDatabase
    from hq.mof.config import load_mof
    from hq.mof.documents import Seller
    from hq.mof.export import export

    config = load_mof(args.config)
    root = args.out or config.turnkey_dir
    if root is None:
        raise CashierError(MofCode.NO_TURNKEY_DIR)
    db = HQDatabase(args.db)
    try:
        report = export(db, root, Seller(config.seller_name, config.seller_ban), now=SystemClock().now(),
                        deadlines=config.deadlines, period=args.period)
    finally:
        db.close()
    print(f"{report.queued} new, {report.handed} handed to Turnkey, {report.held} held, {report.skipped} with "
          f"nothing to report, {report.accepted} accepted, {report.rejected} rejected")
    for reason in report.held_reasons[:20]:
        print(f"  held: {reason}")
    return 0


def run_mof_status(args: argparse.Namespace) -> int:
    from core.clock import SystemClock
    from hq.db import HQDatabase
    from hq.mof.config import load_mof
    from hq.mof.status import status

    config = load_mof(args.config)
    db = HQDatabase(args.db)
    try:
        with db.read() as session:
            report = status(session, SystemClock().now(), config.deadlines)
    finally:
        db.close()
    if args.json:
        print(report.model_dump_json(indent=2))
        return 1 if report.late else 0
    counts = ", ".join(f"{state} {n}" for state, n in sorted(report.counts.items())) or "no documents"
    print(f"MOF filing: {counts}")
    sections = (("LATE", report.late), (f"due within {config.deadlines.due_soon_hours} h", report.due_soon),
                ("rejected or held (fix, then `cashier hq mof resend ID`)", report.attention))
    for title, docs in sections:
        if docs:
            print(f"{title}: {len(docs)}")
            for d in docs:
                why = f" {d.error_code} {d.error_text or ''}".rstrip() if d.error_code else \
                    (f" held: {d.held_reason}" if d.held_reason else "")
                print(f"  #{d.id} {d.kind} {d.reference} {d.state}, due {d.due_at:%Y-%m-%d %H:%M}{why}")
    if report.oldest_open is not None:
        o = report.oldest_open
        print(f"oldest not accepted: #{o.id} {o.kind} {o.reference} ({o.state}) of {o.event_at:%Y-%m-%d %H:%M}")
    return 1 if report.late else 0


def run_mof_resend(args: argparse.Namespace) -> int:
    from core.clock import SystemClock
    from hq.db import HQDatabase
    from hq.mof.export import resend

    db = HQDatabase(args.db)
    try:
        doc = resend(db, args.id, SystemClock().now())
    finally:
        db.close()
    if doc is None:
        print(f"no document #{args.id}")
        return 1
    print(f"#{doc.id} {doc.kind} {doc.reference}: {doc.state} (attempt {doc.attempt})")
    return 0 if doc.state == "queued" else 1


def run_ranges_import(args: argparse.Namespace) -> int:
    from core.clock import SystemClock
    from hq.db import HQDatabase
    from hq.mof.config import load_mof
    from hq.mof.ranges_file import import_ranges, read_ranges

    ban = args.ban or load_mof(args.config).seller_ban
    ranges = read_ranges(args.file)
    db = HQDatabase(args.db)
    try:
        with db.write() as session:
            count = import_ranges(session, ranges, ban, SystemClock().now())
    finally:
        db.close()
    booklets = sum((r.end - r.start + 1) // 50 for r in ranges)
    print(f"imported {count} ranges ({booklets} booklets of 50)")
    return 0



def run_station(args: argparse.Namespace) -> int:
    """Straight on HQ's database (like a migration), so it works with HQ stopped and needs no admin token."""
    from core.clock import SystemClock
    from core.messages import message_code
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
        zh = message_code(error.problem.code).text("zh_TW", **error.problem.params)
        print(f"{zh}\n{error.problem.message}", file=sys.stderr)
        return 1
    finally:
        db.close()
    if token is None:
        print(f"station {args.id}: token revoked; its till now says so and keeps every sale until it gets a new one")
    else:
        print(f"station {args.id} token: {token}")
        print("(shown once: put it in that till's [hq] token; the old token no longer works)")
    return 0


# ---------------------------------------------------------------- back-office users

def register_user_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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

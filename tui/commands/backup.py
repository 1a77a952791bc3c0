"""`cashier backup [--dir DIR]` and `cashier restore FILE`: the station database's backups by hand.

A backup runs beside a selling till (SQLite's online backup API); a restore is refused while one sells,
and the restored database takes no e-invoice number until HQ confirms where its numbering stands."""

from __future__ import annotations

import argparse
from pathlib import Path

from core.messages import BackupCode, MessageCode


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = subparsers.add_parser("backup", help="back the station database up now (to [backup] dir)")
    backup.add_argument("--dir", metavar="DIR", help="back up to this folder instead of [backup] dir")
    backup.set_defaults(handler=backup_command)
    restore = subparsers.add_parser("restore", help="put a backup back as the station database (till stopped)")
    restore.add_argument("file", metavar="FILE", help="a backup file (station-YYYYMMDD-HHMMSS.db)")
    restore.set_defaults(handler=restore_command)


def _language(args: argparse.Namespace, configured: str) -> str:
    return str(args.lang or configured)


def backup_command(args: argparse.Namespace) -> int:
    from core.backup.schedule import BackupSchedule
    from core.clock import SystemClock
    from core.config import load_config
    from core.doctor.model import human_size
    from core.errors import BackupError

    config = load_config(args.config)
    lang = _language(args, config.station.language)
    folder = Path(args.dir).expanduser() if args.dir else config.backup.dir
    if folder is None:
        raise BackupError(BackupCode.NO_DIR)
    database = config.station.data_dir / "station.db"

    def say(code: MessageCode, **params: object) -> str:
        return code.text(lang, **params)

    print(say(BackupCode.PROGRESS, source=database, folder=folder), flush=True)
    outcome = BackupSchedule(database, folder, SystemClock(), keep=config.backup.keep).run()
    if isinstance(outcome, BackupError):
        raise outcome
    print(say(BackupCode.DONE, path=outcome.path, size=human_size(outcome.size)))
    return 0


def restore_command(args: argparse.Namespace) -> int:
    from core.backup.restore import restore
    from core.clock import SystemClock
    from core.config import load_config
    from core.private_files import private_dir

    config = load_config(args.config)
    lang = _language(args, config.station.language)
    source = Path(args.file)

    def say(code: MessageCode, **params: object) -> str:
        return code.text(lang, **params)

    print(say(BackupCode.RESTORE_PROGRESS, path=source), flush=True)
    private_dir(config.station.data_dir)
    result = restore(source, config.station.data_dir / "station.db", SystemClock().now())
    print(say(BackupCode.RESTORE_DONE, path=result.source, kept=result.kept or "-"))
    return 0

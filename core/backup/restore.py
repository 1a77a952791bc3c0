"""`cashier restore FILE`: put a backup back as the station database, never while a till sells.

Holds the station's lock for the whole restore (a till starting meanwhile opens in support mode). The
backup is checked (integrity_check, a station schema this version can open) and copied under a temporary
name first, marked pending (it may be behind HQ: no number until HQ answers, core/store/resume.py), and
only then swapped in; the database it replaces is kept beside it, renamed, never deleted.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.backup.copy import copy_database, verify
from core.clock import TAIPEI
from core.errors import BackupError
from core.messages import BackupCode
from core.station_lock import acquire

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    database: Path
    kept: Path | None  # the database that was replaced, renamed; None if there was none


def _check(backup: Path) -> None:
    from core.store.migrations import LATEST, schema_version

    if not backup.is_file():
        raise BackupError(BackupCode.RESTORE_NOT_FOUND, path=str(backup))
    try:
        problems = verify(backup)
        connection = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = schema_version(connection)
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(BackupCode.RESTORE_DAMAGED, path=str(backup), detail=str(error)) from error
    if problems:
        raise BackupError(BackupCode.RESTORE_DAMAGED, path=str(backup), detail="; ".join(problems[:3]))
    if not {"booklets", "orders", "sync_state", "counters"} <= tables or not 1 <= version <= LATEST:
        raise BackupError(BackupCode.RESTORE_DAMAGED, path=str(backup), detail=f"schema version {version}")


def restore(backup: Path, target: Path, now: datetime) -> RestoreResult:
    """Put `backup` back as the database `target` (the station's lock is in the same folder)."""
    backup = backup.expanduser()
    data_dir = target.parent
    lock = acquire(data_dir, now=now)
    try:
        if lock.read_only:
            owner = lock.owner
            raise BackupError(BackupCode.RESTORE_WHILE_SELLING, pid=owner.pid if owner else "?")
        _check(backup)
        incoming = target.with_name(f"{target.name}.restoring")
        for stale in (incoming, Path(f"{incoming}-journal")):
            stale.unlink(missing_ok=True)
        try:
            copy_database(backup, incoming, now)  # marked pending even if the file came from elsewhere
        except (OSError, sqlite3.Error) as error:
            incoming.unlink(missing_ok=True)
            raise BackupError(BackupCode.FAILED, detail=str(error)) from error
        kept = None
        if target.exists():
            kept = target.with_name(f"{target.name}.before-restore-{now.astimezone(TAIPEI):%Y%m%d-%H%M%S}")
            # With its -wal and -shm: the replaced database stays whole, should anyone need it.
            for side in ("", "-wal", "-shm"):
                source = Path(f"{target}{side}")
                if source.exists():
                    os.replace(source, f"{kept}{side}")
        os.replace(incoming, target)
        fd = os.open(data_dir, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        log.warning("database restored from %s (previous kept as %s): no e-invoice number until HQ confirms",
                    backup, kept)
        return RestoreResult(backup, target, kept)
    finally:
        lock.release()

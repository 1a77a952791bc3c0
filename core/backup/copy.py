"""One backup of the station database, safe against a crash at any instant.

SQLite's online backup API copies a consistent snapshot while the till keeps selling (WAL: readers never
wait for the writer, and the copy steps in small batches so a sale's write lock is never held up long).
The copy is made under a temporary name, marked pending for whoever restores it (a backup put back never
takes a number before HQ answers: core/store/resume.py), switched out of WAL so it is one self-contained
file, checked with integrity_check, fsynced, and only then renamed to its final name. A crash leaves the
older backups and at most a `.partial` file the next backup removes.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.backup.rotation import PARTIAL, backup_name, prune
from core.errors import BackupError
from core.messages import BackupCode
from core.private_files import DIR_MODE, tighten
from core.store.integrity import MAX_PROBLEMS
from core.store.resume import require_raw

PAGES_PER_STEP = 256  # ~1 MiB with 4 KiB pages: the till's writer waits at most for one step
BUSY_TIMEOUT_S = 5.0
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    taken_at: datetime
    size: int
    pruned: tuple[Path, ...]


def _usable_folder(folder: Path) -> None:
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise BackupError(BackupCode.DIR_MISSING, path=str(folder))
    tighten(folder, DIR_MODE)  # sales and customers' numbers: owner-only, like the data dir


def _translate(error: BaseException, folder: Path) -> BackupError:
    text = str(error).lower()
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return BackupError(BackupCode.DIR_FULL, path=str(folder))
    if "full" in text or "disk i/o" in text:  # SQLITE_FULL, or a write cut short by the file system
        return BackupError(BackupCode.DIR_FULL, path=str(folder))
    if isinstance(error, OSError) and error.errno in (errno.ENOENT, errno.EACCES, errno.EROFS, errno.ENODEV):
        return BackupError(BackupCode.DIR_MISSING, path=str(folder))
    return BackupError(BackupCode.FAILED, detail=str(error) or type(error).__name__)


def _fsync(path: Path, *, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def verify(path: Path) -> tuple[str, ...]:
    """PRAGMA integrity_check of a backup file, read-only; () when it is sound. Raises sqlite3.DatabaseError
    for a file that is not a database at all."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = tuple(str(r[0]) for r in connection.execute(f"PRAGMA integrity_check({MAX_PROBLEMS:d})"))
    finally:
        connection.close()
    return () if rows == ("ok",) else rows


Progress = Callable[[int, int, int], object]  # sqlite3's backup progress: (status, remaining, total) pages


def copy_database(source: Path, target: Path, now: datetime, *, pages: int = PAGES_PER_STEP,
                  progress: Progress | None = None) -> None:
    """Copy `source` (a live station database) to `target` (a new file), marked pending, out of WAL."""
    # Not mode=ro: a reader of a WAL file must be able to open its -shm even when no till has it open.
    src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_S)
    try:
        src.execute("PRAGMA query_only = ON")
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # born owner-only
        os.close(fd)
        dst = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S)
        try:
            src.backup(dst, pages=pages, progress=progress)
            dst.execute("PRAGMA journal_mode = DELETE")  # one file, whatever the source's mode
            require_raw(dst, "restored_backup", now)
        finally:
            dst.close()
    finally:
        src.close()


def make_backup(source: Path, folder: Path, now: datetime, *, keep: int, pages: int = PAGES_PER_STEP,
                progress: Progress | None = None) -> BackupResult:
    """Back `source` up into `folder` and keep the newest `keep` backups; raises BackupError (nothing
    half-written is left behind, older backups untouched)."""
    _usable_folder(folder)
    if not source.exists():
        raise BackupError(BackupCode.FAILED, detail=f"no database at {source}")
    final = backup_name(now, folder)
    partial = final.with_name(final.name + PARTIAL)
    try:
        copy_database(source, partial, now, pages=pages, progress=progress)
        problems = verify(partial)
        if problems:
            raise BackupError(BackupCode.VERIFY_FAILED, detail="; ".join(problems[:3]))
        _fsync(partial)
        os.replace(partial, final)
        _fsync(folder, directory=True)
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    except (OSError, sqlite3.Error) as error:
        _cleanup(partial)
        raise _translate(error, folder) from error
    size = final.stat().st_size
    pruned = tuple(prune(folder, keep))
    log.info("database backed up to %s (%d bytes, integrity check ok)", final, size)
    return BackupResult(final, now, size, pruned)


def _cleanup(partial: Path) -> None:
    try:
        partial.unlink(missing_ok=True)
        for side in ("-journal", "-wal", "-shm"):
            Path(f"{partial}{side}").unlink(missing_ok=True)
    except OSError:  # the folder went away (the stick pulled out): nothing to clean
        pass

"""When to back up: every `interval` while the till sells, at shift close, and on demand.

The till calls `tick()` from a timer (a worker thread, never the UI thread); tests call it with a manual
clock. A tick backs up when the interval has passed *and* the database changed since the last backup
(its file and WAL sizes and times), so an idle till does not fill the stick with identical copies.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from core.backup.copy import BackupResult, make_backup
from core.backup.state import BackupState, LastBackup, LastFailure, read_state, write_state
from core.clock import Clock
from core.errors import BackupError
from core.resume.registration import note_seq
from core.store.resume import SEQ_BEFORE

log = logging.getLogger(__name__)


def _seq_of(backup: Path) -> int:
    """The order counter at the moment the backup was taken (before the pending gap it carries)."""
    connection = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT value FROM sync_state WHERE name = ?", (SEQ_BEFORE,)).fetchone()
    except sqlite3.Error:
        return 0
    finally:
        connection.close()
    return int(row[0]) if row else 0


def _fingerprint(database: Path) -> tuple[tuple[int, int], ...]:
    parts = []
    for path in (database, Path(f"{database}-wal")):
        try:
            info = path.stat()
            parts.append((info.st_size, info.st_mtime_ns))
        except OSError:
            parts.append((0, 0))
    return tuple(parts)


class BackupSchedule:
    def __init__(self, database: Path, folder: Path, clock: Clock, *, interval: timedelta = timedelta(minutes=5),
                 keep: int = 48, after: Callable[[BackupResult], None] | None = None) -> None:
        self.database = database
        self.folder = folder
        self.clock = clock
        self.interval = interval
        self.keep = keep
        self._after = after
        self._lock = threading.Lock()  # one backup at a time: the timer and the shift close may meet
        state = read_state(database.parent)
        self._last_at: datetime | None = state.last.at if state.last else None
        self._last_print: tuple[tuple[int, int], ...] | None = None

    @property
    def data_dir(self) -> Path:
        return self.database.parent

    def due(self, now: datetime) -> bool:
        if self._last_at is None or now - self._last_at >= self.interval:
            return self._last_print != _fingerprint(self.database)
        return False

    def tick(self) -> BackupResult | BackupError | None:
        """Back up if due; returns the backup, the reason it failed (also recorded), or None (not due)."""
        if not self.due(self.clock.now()):
            return None
        return self.run()

    def run(self) -> BackupResult | BackupError:
        """Back up now; never raises for a missing or full folder: the failure is recorded and returned."""
        with self._lock:
            now = self.clock.now()
            before = _fingerprint(self.database)
            state = read_state(self.data_dir)
            try:
                result = make_backup(self.database, self.folder, now, keep=self.keep)
            except BackupError as error:
                log.warning("backup failed: %s", error.text("en"))
                self._last_at = now  # retried at the next interval, not on every tick
                write_state(self.data_dir, BackupState(state.last, LastFailure(now, error.code, dict(error.params))))
                return error
            self._last_at, self._last_print = now, before
            write_state(self.data_dir, BackupState(LastBackup(str(result.path), now, result.size), None))
            # Outside the database: a fresh one after a lost disk starts its order numbers past this.
            note_seq(self.data_dir, _seq_of(result.path))
        if self._after is not None:
            try:
                self._after(result)
            except Exception:  # bookkeeping after a good backup must not make it look failed
                log.exception("after-backup step failed")
        return result

"""The staff list straight from the station database, with the stdlib only (sqlite3), for the login
screen while the Station (SQLAlchemy, SQLModel, pydantic) is still opening.

Read-only (`mode=ro`): it never creates, migrates or writes the file — the Station does. A database
that is missing or not migrated yet (the first run) raises StaffPreviewUnavailable, and the caller
waits for the Station instead. PINs are checked with core.pins.verify_pin (hashlib) on these rows."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from core.messages.store import StoreCode


class StaffPreviewUnavailable(Exception):  # noqa: N818 - a condition to fall back on, not a bug
    """The light read cannot answer; wait for the Station. `text(language)` says why, in zh_TW or en."""

    def __init__(self, code: StoreCode, path: Path, detail: str = "") -> None:
        self.code, self.path, self.detail = code, path, detail
        self.reason = code.value.rpartition(".")[2]  # missing | not_migrated | unreadable
        super().__init__(f"{self.text('zh_TW')} / {self.text('en')}")

    def text(self, language: str = "zh_TW") -> str:
        return self.code.text(language, path=self.path, detail=self.detail)


@dataclass(frozen=True)
class LightStaff:
    """An active staff member as stored; `pin_hash` stays out of repr (logs, tracebacks)."""

    id: str
    name: str
    role: str
    pin_hash: str = field(repr=False)
    locked_until: str | None = None  # ISO time of a wrong-PIN lock (core.store.lockouts), if one was set

    def locked_at(self, now: datetime) -> datetime | None:
        """Until when this person is locked at `now`, if they are: the preview refuses them without
        checking the PIN, as the Station would (a restart must not be a way around a lock)."""
        if self.locked_until is None:
            return None
        until = datetime.fromisoformat(self.locked_until)
        return until if until > now else None

    def pin_matches(self, pin: str) -> bool:
        """scrypt (>= 100 ms): call it off the UI loop."""
        from core.pins import verify_pin  # hashlib and friends: not before the first frame (the list is read then)

        return verify_pin(pin, self.pin_hash)


def read_active_staff(path: str | Path, timeout: float = 1.0) -> list[LightStaff]:
    """Active staff ordered by id (as core.store.catalog.active_staff orders them). `timeout`: how long
    to wait for a database another connection holds locked (sqlite3's busy timeout) before giving up."""
    path = Path(path)
    if not path.is_file():
        raise StaffPreviewUnavailable(StoreCode.STAFF_PREVIEW_MISSING, path)
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)
    except sqlite3.Error as error:
        raise StaffPreviewUnavailable(StoreCode.STAFF_PREVIEW_UNREADABLE, path, str(error)) from error
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'staff'").fetchone() is not None
        if not version or not has_table:
            raise StaffPreviewUnavailable(StoreCode.STAFF_PREVIEW_NOT_MIGRATED, path)
        has_locks = connection.execute(  # schema version 6 and later
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pin_lockouts'").fetchone() is not None
        locks = "l.locked_until" if has_locks else "NULL"
        join = "LEFT JOIN pin_lockouts l ON l.staff_id = s.id" if has_locks else ""
        rows = connection.execute(
            f"SELECT s.id, s.name, s.role, s.pin_hash, {locks} FROM staff s {join} WHERE s.active "
            "ORDER BY s.id").fetchall()
    except sqlite3.Error as error:
        raise StaffPreviewUnavailable(StoreCode.STAFF_PREVIEW_UNREADABLE, path, str(error)) from error
    finally:
        connection.close()
    return [LightStaff(*row) for row in rows]

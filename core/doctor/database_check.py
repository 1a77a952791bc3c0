"""Doctor check: the station database's integrity, schema version and size, opened read-only so the
check can never change (or migrate) the file support is looking at."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from core.doctor.model import CheckResult, JSONValue, Status, human_size, say
from core.messages import DoctorCode, StoreCode
from core.store.integrity import check_integrity
from core.store.migrations import LATEST


def _size(path: Path) -> int:
    # The WAL holds committed sales not yet checkpointed into the main file: they count too.
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def check_database(path: Path, *, full: bool = False) -> tuple[CheckResult, bool]:
    """(result, usable): usable means the ORM may open it without migrating or tripping on damage."""
    details: dict[str, JSONValue] = {"file": str(path), "exists": path.exists()}
    if not path.exists():
        return CheckResult("database", Status.WARN, say(DoctorCode.DATABASE_MISSING, path=str(path)), details), False
    size = _size(path)
    details.update(size_bytes=size, check="integrity_check" if full else "quick_check")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            rows = list(check_integrity(connection, full=full).problems) or ["ok"]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        details["problems"] = [str(error)]
        status_code = StoreCode.LOCKED if "locked" in str(error).lower() else DoctorCode.DATABASE_DAMAGED
        summary = (say(StoreCode.LOCKED, path=str(path)) if status_code == StoreCode.LOCKED
                   else say(DoctorCode.DATABASE_DAMAGED, detail=str(error), path=str(path)))
        return CheckResult("database", Status.FAIL, summary, details), False
    details.update(schema_version=version, latest_schema=LATEST, problems=[] if rows == ["ok"] else rows)
    if rows != ["ok"]:
        return CheckResult("database", Status.FAIL,
                           say(DoctorCode.DATABASE_DAMAGED, detail="; ".join(rows[:3]), path=str(path)), details), False
    if version > LATEST:
        return CheckResult("database", Status.FAIL, say(StoreCode.TOO_NEW, found=version, supported=LATEST),
                           details), False
    if version < LATEST:
        return CheckResult("database", Status.WARN, say(DoctorCode.DATABASE_OLD_SCHEMA, found=version, latest=LATEST),
                           details), False
    return CheckResult("database", Status.OK, say(DoctorCode.DATABASE_OK, version=version, size=human_size(size)),
                       details), True

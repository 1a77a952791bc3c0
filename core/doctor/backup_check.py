"""Doctor check: the last backup of the station database — when, how big, where — and the last failure.

The files in `[backup] dir` are the truth (core/backup/rotation.py); the state file adds the last
failure (a stick pulled out, a full disk). With --full the newest backup gets its integrity_check again."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from core.backup.copy import verify
from core.backup.rotation import list_backups
from core.backup.state import read_state
from core.config import BackupConfig
from core.doctor.model import CheckResult, JSONValue, Said, Status, human_size, say
from core.messages import DoctorCode, known_code

STALE_INTERVALS = 3  # a backup older than this many intervals: the timer or the folder is not working


def _age(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{max(minutes, 0)} min"


def check_backup(config: BackupConfig, data_dir: Path, now: datetime, *, full: bool = False) -> CheckResult:
    if config.dir is None:
        return CheckResult("backup", Status.WARN, say(DoctorCode.BACKUP_NONE_CONFIGURED), {"dir": None})
    folder = config.dir
    backups = list_backups(folder)
    state = read_state(data_dir)
    details: dict[str, JSONValue] = {"dir": str(folder), "dir_exists": folder.is_dir(), "count": len(backups),
                                  "interval_minutes": config.interval_minutes, "keep": config.keep}
    notes: list[Said] = []
    status = Status.OK
    if state.failure is not None:
        code, params = state.failure.code, state.failure.params
        known = known_code(code)
        reason = known.text("zh_TW", **params) if known else code
        reason_en = known.text("en", **params) if known else code
        at = state.failure.at.isoformat(timespec="seconds")
        last_failed = DoctorCode.BACKUP_LAST_FAILED
        notes.append(Said(last_failed, last_failed.text("zh_TW", at=at, reason=reason),
                          last_failed.text("en", at=at, reason=reason_en)))
        details["last_failure"] = {"at": at, "code": code}
        status = Status.FAIL
    if not backups:
        summary = say(DoctorCode.BACKUP_NONE, path=str(folder))
        return CheckResult("backup", Status.FAIL, summary, details, tuple(notes))
    newest = backups[0]
    age = now - newest.taken_at
    details.update(last_path=str(newest.path), last_at=newest.taken_at.isoformat(), last_size=newest.size,
                   age_minutes=round(age.total_seconds() / 60, 1))
    if age > timedelta(minutes=config.interval_minutes * STALE_INTERVALS):
        notes.append(say(DoctorCode.BACKUP_OLD, age=_age(age)))
        status = Status.FAIL if status is Status.FAIL else Status.WARN
    if full:
        try:
            problems: tuple[str, ...] = verify(newest.path)
        except sqlite3.DatabaseError as error:
            problems = (str(error),)
        details["verified"] = not problems
        if problems:
            notes.insert(0, say(DoctorCode.BACKUP_DAMAGED, path=str(newest.path), detail="; ".join(problems[:3])))
            status = Status.FAIL
    summary = say(DoctorCode.BACKUP_OK, at=newest.taken_at.isoformat(timespec="seconds"), age=_age(age),
                  size=human_size(newest.size), path=str(newest.path))
    return CheckResult("backup", status, summary, details, tuple(notes))

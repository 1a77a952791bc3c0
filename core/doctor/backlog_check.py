"""Doctor check: orders not yet at HQ, judged against the 48-hour rule (a B2C e-invoice must reach the
tax platform within 48 hours of issue, and HQ forwards what the stations upload)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from core.doctor.model import CheckResult, Said, Status, say
from core.messages import DoctorCode

if TYPE_CHECKING:
    from core.store.upload_records import OutboxSummary

UPLOAD_DEADLINE = timedelta(hours=48)
UPLOAD_WARNING = timedelta(hours=24)  # half the deadline gone: time to look, not yet too late


def check_backlog(summary: OutboxSummary, now: datetime) -> CheckResult:
    counts = summary.counts
    age = now - summary.oldest_pending if summary.oldest_pending else None
    age_hours = round(age / timedelta(hours=1), 1) if age is not None else None
    details = {
        "waiting": counts.get("waiting", 0), "uploading": counts.get("uploading", 0),
        "failed": counts.get("failed", 0), "attention": summary.attention, "success": counts.get("success", 0),
        "pending": summary.pending,
        "oldest_pending": summary.oldest_pending.isoformat(timespec="seconds") if summary.oldest_pending else None,
        "oldest_age_hours": age_hours, "deadline_hours": UPLOAD_DEADLINE / timedelta(hours=1),
        "last_success": summary.last_success.isoformat(timespec="seconds") if summary.last_success else None,
    }
    notes: list[Said] = []
    status = Status.OK
    if age is not None and age >= UPLOAD_DEADLINE:
        notes.append(say(DoctorCode.BACKLOG_OVERDUE, hours=48))
        status = Status.FAIL
    elif age is not None and age >= UPLOAD_WARNING:
        notes.append(say(DoctorCode.BACKLOG_OVERDUE, hours=24))
        status = Status.WARN
    if summary.attention:
        notes.append(say(DoctorCode.BACKLOG_ATTENTION, count=summary.attention))
        status = Status.FAIL
    if summary.pending == 0 and summary.attention == 0:
        return CheckResult("backlog", status, say(DoctorCode.BACKLOG_OK), details, tuple(notes))
    text = say(DoctorCode.BACKLOG_PENDING, pending=summary.pending, age_hours=age_hours if age_hours is not None else 0,
               attention=summary.attention)
    if status is Status.OK and counts.get("failed", 0):
        status = Status.WARN  # retried automatically, but worth a look
    return CheckResult("backlog", status, text, details, tuple(notes))

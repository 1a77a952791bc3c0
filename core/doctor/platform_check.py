"""Doctor check: the oldest invoice of this station the MOF platform has not accepted (as HQ last said).

HQ files with the platform (hq/mof); the station learns each invoice's platform state with its pull. An
invoice still open after the B2C deadline (48 hours) or rejected by the platform needs a person at HQ.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from core.doctor.model import CheckResult, Said, Status, say
from core.messages import DoctorCode

if TYPE_CHECKING:
    from core.store.mof_state import OpenInvoice

DEADLINE = timedelta(hours=48)
WARNING = timedelta(hours=24)


def check_platform(oldest: OpenInvoice | None, now: datetime) -> CheckResult:
    if oldest is None:
        return CheckResult("platform", Status.OK, say(DoctorCode.PLATFORM_OK))
    age = now - oldest.issued_at
    state = oldest.state or "not-yet-at-hq"
    details = {"number": oldest.number, "order_id": oldest.order_id,
               "issued_at": oldest.issued_at.isoformat(timespec="seconds"), "state": state,
               "error_code": oldest.error_code, "age_hours": round(age / timedelta(hours=1), 1)}
    notes: list[Said] = []
    status = Status.OK
    if oldest.state in ("rejected", "held"):
        notes.append(say(DoctorCode.PLATFORM_REJECTED, number=oldest.number, code=oldest.error_code or oldest.state))
        status = Status.FAIL
    if age >= DEADLINE:
        notes.append(say(DoctorCode.PLATFORM_LATE, number=oldest.number, hours=48))
        status = Status.FAIL
    elif age >= WARNING and status is Status.OK:
        status = Status.WARN
    text = say(DoctorCode.PLATFORM_OPEN, number=oldest.number, issued=oldest.issued_at.strftime("%Y-%m-%d %H:%M"),
               state=state)
    return CheckResult("platform", status, text, details, tuple(notes))

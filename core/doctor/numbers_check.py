"""Doctor check: e-invoice numbers left in this station's booklets, this period and the next."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from core.clock import to_taipei
from core.doctor.model import CheckResult, JSONValue, Said, Status, say
from core.messages import DoctorCode

if TYPE_CHECKING:
    from core.station import NumbersLeft

LOW_NUMBERS = 50  # one booklet: a busy till goes through that in an hour or two
NEXT_PERIOD_NOTICE_DAYS = 7  # the sync fetches next period's booklets ahead; a week out it should have


def check_numbers(left: NumbersLeft, now: datetime) -> CheckResult:
    days_left = (left.next_period.first_day - to_taipei(now).date()).days
    details: dict[str, JSONValue] = {
        "current_period": left.current_period.code, "current_period_label": left.current_period.label,
        "current": left.current, "next_period": left.next_period.code,
        "next_period_label": left.next_period.label, "next": left.next, "period_ends_in_days": days_left}
    notes: list[Said] = []
    status = Status.OK
    if left.current == 0:
        notes.append(say(DoctorCode.NUMBERS_NONE, period=left.current_period.label))
        status = Status.FAIL
    elif left.current < LOW_NUMBERS:
        notes.append(say(DoctorCode.NUMBERS_LOW, period=left.current_period.label, left=left.current))
        status = Status.WARN
    if left.next == 0 and days_left <= NEXT_PERIOD_NOTICE_DAYS:
        notes.append(say(DoctorCode.NUMBERS_NEXT_MISSING, days=days_left, period=left.next_period.label))
        status = Status.FAIL if status is Status.FAIL else Status.WARN
    summary = say(DoctorCode.NUMBERS_OK, current_period=left.current_period.label, current=left.current,
                  next_period=left.next_period.label, next=left.next)
    return CheckResult("numbers", status, summary, details, tuple(notes))

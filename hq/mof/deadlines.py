"""When each document is due at the platform, and what is late or due soon.

Deadlines (secondary sources, and the reference notes; the rules themselves are 統一發票使用辦法 §7 and the
platform's upload FAQ): an issued invoice or its void within 48 hours for a consumer (B2C) and 7 days for a
business buyer (B2B); the blank (unused) numbers of a period by the 10th day after the period ends. Each is a
setting (`[mof]` b2c_hours, b2b_days, blank_days), so a store can follow its accountant's reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from core.clock import TAIPEI
from core.einvoice import Period


@dataclass(frozen=True)
class Deadlines:
    b2c_hours: int = 48
    b2b_days: int = 7
    blank_days: int = 10
    due_soon_hours: int = 6

    def for_event(self, event_at: datetime, *, b2b: bool) -> datetime:
        return event_at + (timedelta(days=self.b2b_days) if b2b else timedelta(hours=self.b2c_hours))

    def period_end(self, period_code: str) -> datetime:
        """The first instant after the period, Taiwan time."""
        nxt = Period.from_code(period_code).next()
        return datetime.combine(nxt.first_day, time(0), tzinfo=TAIPEI)

    def for_blanks(self, period_code: str) -> datetime:
        # "By the 10th day": the whole of that day counts, so the deadline is the start of the 11th.
        return self.period_end(period_code) + timedelta(days=self.blank_days)

    def blanks_ready(self, period_code: str) -> datetime:
        """When a period's blanks are reported: once stations have had the B2C window to upload its last
        sales (an offline till's late invoice would otherwise be reported blank and then issued)."""
        return self.period_end(period_code) + timedelta(hours=self.b2c_hours)

    def late(self, due_at: datetime, now: datetime) -> bool:
        return now > due_at

    def due_soon(self, due_at: datetime, now: datetime) -> bool:
        return now <= due_at <= now + timedelta(hours=self.due_soon_hours)

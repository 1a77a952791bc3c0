"""Time for the whole station comes from a Clock, so period boundaries and tests are deterministic."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from typing import Protocol

# Taiwan has had no daylight saving since 1979; a fixed offset avoids depending on tzdata.
TAIPEI = timezone(timedelta(hours=8), "Asia/Taipei")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current wall time, timezone-aware, in Taiwan time."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(TAIPEI)


class ManualClock:
    """A clock that only moves when told to: for tests, demos and benchmarks."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            start = start.replace(tzinfo=TAIPEI)
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, when: datetime) -> None:
        with self._lock:
            self._now = when if when.tzinfo else when.replace(tzinfo=TAIPEI)

    def advance(self, **delta: float) -> datetime:
        with self._lock:
            self._now += timedelta(**delta)
            return self._now


def to_taipei(when: datetime) -> datetime:
    """Invoices are dated in Taiwan time whatever zone a timestamp arrived in."""
    if when.tzinfo is None:
        return when.replace(tzinfo=TAIPEI)
    return when.astimezone(TAIPEI)

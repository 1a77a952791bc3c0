from __future__ import annotations

import time
from datetime import datetime, timedelta


class RunningClock:
    """Wall time that starts at a fixed instant and runs at real speed: end-to-end tests get fixed dates
    (invoice periods) and still see backoff delays pass."""

    def __init__(self, start: datetime) -> None:
        self._start = start
        self._t0 = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._t0)

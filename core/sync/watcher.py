"""The connectivity watcher: probes HQ's /health, debounced, and reports transitions. It never raises
into its caller (an exception escaping a Textual timer would end the whole app; see the TUI notes)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from core.clock import Clock
from core.errors import CashierError
from core.messages import SyncCode
from core.messages.reason import Reason
from core.sync.protocol import Health

log = logging.getLogger(__name__)

SKEW_WARN = timedelta(minutes=2)
SKEW_SEVERE = timedelta(minutes=10)  # ECPay-style APIs refuse requests this far off


class Link(StrEnum):
    UNKNOWN = "unknown"
    ONLINE = "online"
    OFFLINE = "offline"


@dataclass(frozen=True)
class LinkStatus:
    state: Link = Link.UNKNOWN
    changed_at: datetime | None = None
    last_seen: datetime | None = None  # the last time HQ answered
    clock_skew: timedelta | None = None  # HQ's clock minus ours, from the last answer
    reason: Reason | None = None  # why the last probe failed

    @property
    def online(self) -> bool:
        return self.state is Link.ONLINE

    @property
    def skew_level(self) -> str:
        """ok | warn | severe: the status bar warns, support is told to fix the clock."""
        if self.clock_skew is None or abs(self.clock_skew) < SKEW_WARN:
            return "ok"
        return "severe" if abs(self.clock_skew) >= SKEW_SEVERE else "warn"


def _log_change(status: LinkStatus) -> None:
    if status.state is Link.ONLINE:
        skew = status.clock_skew.total_seconds() if status.clock_skew is not None else 0.0
        level = logging.INFO if status.skew_level == "ok" else logging.WARNING
        log.log(level, "HQ link online (clock skew %+.1f s%s)", skew,
                "" if status.skew_level == "ok" else f", {status.skew_level}: fix the station's clock")
    else:
        reason = status.reason
        log.warning("HQ link offline: %s", f"{reason.code} {reason.params}" if reason else "no answer")


class ConnectivityWatcher:
    """Online after one good probe; offline only after `failures_to_offline` bad ones in a row (one lost
    probe on a busy Wi-Fi must not flip the till to offline mode). From the unknown start-up state one
    failure is enough: there is no good state to protect yet."""

    def __init__(self, probe: Callable[[], Awaitable[Health]], clock: Clock, *,
                 on_change: Callable[[LinkStatus], None] | None = None,
                 on_probe: Callable[[LinkStatus], None] | None = None,
                 interval: float = 5.0, retry_interval: float = 1.0, failures_to_offline: int = 2) -> None:
        if failures_to_offline < 1:
            raise ValueError("failures_to_offline must be at least 1")
        self._probe = probe
        self._clock = clock
        self._on_change = on_change
        self._on_probe = on_probe
        self.interval = interval
        self.retry_interval = retry_interval
        self.failures_to_offline = failures_to_offline
        self._status = LinkStatus()
        self._failures = 0
        self._wake: asyncio.Event | None = None

    @property
    def status(self) -> LinkStatus:
        return self._status

    async def check(self) -> LinkStatus:
        """Probe once and update the state; returns the status, never raises."""
        before = self._clock.now()
        try:
            health = await self._probe()
        except asyncio.CancelledError:
            raise
        except CashierError as error:
            return self._failed(Reason(error.code, dict(error.params)))
        except Exception as error:  # a bug or a broken reply must not take the till down with it
            log.warning("HQ probe failed unexpectedly: %s", type(error).__name__)
            return self._failed(Reason(SyncCode.BAD_REPLY, {"detail": type(error).__name__}))
        after = self._clock.now()
        midpoint = before + (after - before) / 2
        self._failures = 0
        status = replace(self._status, last_seen=after, clock_skew=health.server_time - midpoint, reason=None)
        return self._set(status, Link.ONLINE)

    def _failed(self, reason: Reason) -> LinkStatus:
        self._failures += 1
        status = replace(self._status, reason=reason)
        if self._status.state is Link.ONLINE and self._failures < self.failures_to_offline:
            self._status = status
            self._notify_probe()
            return status
        return self._set(status, Link.OFFLINE)

    def _set(self, status: LinkStatus, state: Link) -> LinkStatus:
        changed = status.state is not state
        if changed:
            status = replace(status, state=state, changed_at=self._clock.now())
            _log_change(status)
        self._status = status
        if changed and self._on_change is not None:
            self._safely(self._on_change, status)
        self._notify_probe()
        return status

    def _notify_probe(self) -> None:
        if self._on_probe is not None:
            self._safely(self._on_probe, self._status)

    @staticmethod
    def _safely(callback: Callable[[LinkStatus], None], status: LinkStatus) -> None:
        try:
            callback(status)
        except Exception:  # the listener's bug is not the watcher's outage
            log.exception("link listener failed")

    def poke(self) -> None:
        """Probe now instead of at the next tick (call on the watcher's loop)."""
        if self._wake is not None:
            self._wake.set()

    def next_delay(self) -> float:
        suspicious = self._status.state is Link.ONLINE and self._failures > 0
        return self.retry_interval if suspicious else self.interval

    async def run(self, stop: asyncio.Event) -> None:
        self._wake = asyncio.Event()
        while not stop.is_set():
            await self.check()
            if stop.is_set():
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.next_delay())
            self._wake.clear()

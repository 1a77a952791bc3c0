"""End-to-end: real uvicorn HQ on 127.0.0.1 (port 0), stations running the real SyncService."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from pathlib import Path

import pytest

from core.station import Station
from core.sync.events import LinkChanged, PullFinished, SyncEvent
from core.sync.service import SyncOptions, SyncService
from core.sync.uploader import Backoff
from hq.app import create_app
from hq.db import HQDatabase
from hq.server import HQServer
from tests.factories import NOON, SELLER, open_station
from tests.support.clocks import RunningClock
from tests.support.fixtures import SeededHQ, seeded

# A generous probe timeout: HQ stopped is a refused connection (instant); a slow answer on a loaded machine
# must not read as offline and add a flicker to the link history the tests assert.
FAST = SyncOptions(probe_interval=0.1, probe_retry_interval=0.05, failures_to_offline=2, probe_timeout=2.0,
                   request_timeout=3.0, batch_size=50, pull_interval=60, min_invoice_numbers=100, idle_check=0.2,
                   backoff=Backoff(base=0.1, factor=2, cap=0.4))
DEADLINE = 20.0


class Events:
    """The service's event sink: a list plus a condition to wait on (no sleeps standing in for sync)."""

    def __init__(self) -> None:
        self.items: list[SyncEvent] = []
        self._cond = threading.Condition()

    def __call__(self, event: SyncEvent) -> None:
        with self._cond:
            self.items.append(event)
            self._cond.notify_all()

    def of(self, kind: type) -> list:
        with self._cond:
            return [e for e in self.items if isinstance(e, kind)]

    def wait(self, condition: Callable[[], bool], timeout: float = DEADLINE, what: str = "condition") -> float:
        """Wait until `condition()` holds (re-checked on every event and at least every 50 ms); returns seconds."""
        start = time.monotonic()
        deadline = start + timeout
        with self._cond:
            while not condition():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
                self._cond.wait(min(left, 0.05))
        return time.monotonic() - start

    def online(self) -> bool:
        changes = self.of(LinkChanged)
        return bool(changes) and changes[-1].status.online

    def offline(self) -> bool:
        changes = self.of(LinkChanged)
        return bool(changes) and not changes[-1].status.online


@dataclass
class Till:
    station: Station
    service: SyncService
    events: Events = field(repr=False)

    def pending(self) -> int:
        return self.service.summary().pending

    def states(self) -> dict[str, int]:
        return {k: v for k, v in self.service.summary().counts.items() if v}


@dataclass
class Rig:
    hq: SeededHQ
    server: HQServer
    tmp: Path
    tills: list[Till] = field(default_factory=list)

    def till(self, station_id: str = "S01", url: str | None = None, options: SyncOptions = FAST) -> Till:
        clock = RunningClock(NOON)
        # A data dir per till, as in a shop: a registration file beside another till's database would mark it
        # restored (core/resume/gate.py).
        data_dir = self.tmp / station_id
        data_dir.mkdir(exist_ok=True)
        station = open_station(data_dir / "station.db", clock, booklets=0,  # type: ignore[arg-type]
                               seller=dc_replace(SELLER, station_id=station_id))
        events = Events()
        token = self.hq.tokens[station_id]
        # The Station runs its own sync service, as at the till (sales and voids announce themselves to it).
        station.start_sync(lambda on_event: station.sync_service(url or self.server.url, token, on_event, options),
                           events)
        assert station.syncing is not None
        till = Till(station, station.syncing, events)
        self.tills.append(till)
        events.wait(lambda: bool(events.of(PullFinished)), what=f"{station_id}'s first pull")
        return till


def rig_on(db: HQDatabase, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Rig]:
    hq = seeded(db, RunningClock(NOON), monkeypatch)  # type: ignore[arg-type]
    server = HQServer(create_app(db=db, clock=hq.clock))
    server.start()
    rig = Rig(hq, server, tmp)
    try:
        yield rig
    finally:
        for till in rig.tills:
            till.service.stop()  # a till a test built itself runs a service its Station does not own
            till.station.close()
        server.stop()


@pytest.fixture
def rig(hq_sqlite: HQDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Rig]:
    yield from rig_on(hq_sqlite, tmp_path, monkeypatch)


@pytest.fixture
def rig_any_db(hq_db: HQDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Rig]:
    """The same, once with HQ on SQLite and once on PostgreSQL."""
    yield from rig_on(hq_db, tmp_path, monkeypatch)

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.clock import ManualClock
from core.station import Station
from tests.factories import NOON, open_station
from tests.support.fixtures import SeededHQ, seeded


@pytest.fixture
def hq(hq_sqlite, monkeypatch: pytest.MonkeyPatch) -> SeededHQ:  # type: ignore[no-untyped-def]
    """Station-side tests need HQ's behaviour, not its database engine: SQLite only (HQ's own tests cover both)."""
    return seeded(hq_sqlite, ManualClock(NOON), monkeypatch)


@pytest.fixture
def shop(tmp_path: Path, clock: ManualClock) -> Iterator[Station]:
    """Station S01 with local staff and one booklet, its clock the test's `clock`."""
    station = open_station(tmp_path / "s01.db", clock)
    yield station
    station.close()

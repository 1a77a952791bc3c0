from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.clock import ManualClock
from core.station import Station
from tests.factories import NOON, open_station

# HQ and sync fixtures (PostgreSQL, a seeded HQ, stations talking to it), shared by tests/hq, sync, e2e.
pytest_plugins = ("tests.support.fixtures",)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOON)


@pytest.fixture
def station(tmp_path: Path, clock: ManualClock) -> Iterator[Station]:
    station = open_station(tmp_path / "station.db", clock)
    yield station
    station.close()

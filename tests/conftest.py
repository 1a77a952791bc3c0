from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from core.clock import ManualClock
from core.station import Station
from tests.factories import NOON, open_station

# HQ and sync fixtures (PostgreSQL, a seeded HQ, stations talking to it), shared by tests/hq, sync, e2e.
pytest_plugins = ("tests.support.fixtures",)


# Deterministic property tests: the same examples on every run and machine, so CI never fails on a draw
# a developer could not replay. Widen exploration locally with --hypothesis-seed or a profile of your own.
settings.register_profile("deterministic", derandomize=True, database=None, print_blob=True)
settings.load_profile("deterministic")


@pytest.fixture(autouse=True)
def _restore_umask() -> Iterator[None]:
    """`cashier`'s entry point sets umask 077 (core/private_files.py); tests calling it in-process must not
    leave that to the tests after them."""
    before = os.umask(0o022)
    os.umask(before)
    yield
    os.umask(before)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOON)


@pytest.fixture
def station(tmp_path: Path, clock: ManualClock) -> Iterator[Station]:
    station = open_station(tmp_path / "station.db", clock)
    yield station
    station.close()


@pytest.fixture
def clean_root_logger() -> Iterator[logging.Logger]:
    """Entry points (the station, the demo, HQ) attach their log file to the root logger; take it off
    again after the test, and the level back."""
    root, httpx = logging.getLogger(), logging.getLogger("httpx")  # set-up quietens httpx
    before, level, httpx_level = list(root.handlers), root.level, httpx.level
    yield root
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    httpx.setLevel(httpx_level)

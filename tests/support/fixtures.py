"""Fixtures for HQ, sync and end-to-end tests (registered by tests/conftest.py)."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from core.clock import ManualClock
from core.pins import hash_pin
from hq.app import create_app
from hq.db import HQDatabase
from hq.seed import seed_demo
from tests.factories import NOON
from tests.support.postgres import pg_server_url, pg_url

with warnings.catch_warnings():
    # Starlette nags about its httpx-based TestClient at import; the client itself works as documented.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

__all__ = ["hq", "hq_db", "hq_sqlite", "pg_server_url", "pg_url"]

DATABASES = ["sqlite", "postgresql"]


@functools.cache
def _cached_pin_hash(pin: str, role: str = "cashier") -> str:
    # Salted scrypt costs >= 100 ms; seeding staff in every test would add up. One hash per PIN is still real.
    return hash_pin(pin, role)


def open_hq_db(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> HQDatabase:
    if kind == "sqlite":
        return HQDatabase(str(tmp_path / "hq.sqlite"))
    db = HQDatabase(request.getfixturevalue("pg_url"), pool_size=10)
    db.truncate_all()
    return db


@pytest.fixture(params=DATABASES)
def hq_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[HQDatabase]:
    """HQ's database, once on SQLite and once on PostgreSQL."""
    db = open_hq_db(request.param, tmp_path, request)
    yield db
    db.close()


@pytest.fixture
def hq_sqlite(tmp_path: Path) -> Iterator[HQDatabase]:
    db = HQDatabase(str(tmp_path / "hq.sqlite"))
    yield db
    db.close()


@dataclass
class SeededHQ:
    db: HQDatabase
    app: Any
    clock: ManualClock
    admin_token: str
    tokens: dict[str, str]

    def client(self, who: str = "S01") -> TestClient:
        token = self.admin_token if who == "ADMIN" else self.tokens[who]
        return TestClient(self.app, headers={"Authorization": f"Bearer {token}"})


def seeded(db: HQDatabase, clock: ManualClock, monkeypatch: pytest.MonkeyPatch) -> SeededHQ:
    monkeypatch.setattr("hq.catalog.hash_pin", _cached_pin_hash)
    result = seed_demo(db, clock.now())
    return SeededHQ(db, create_app(db=db, clock=clock), clock, result.admin_token, result.station_tokens)


@pytest.fixture
def hq(hq_db: HQDatabase, monkeypatch: pytest.MonkeyPatch) -> SeededHQ:
    """A demo-seeded HQ app (in-process, no sockets) on each database, its clock at NOON."""
    return seeded(hq_db, ManualClock(NOON), monkeypatch)

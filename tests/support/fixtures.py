"""Fixtures for HQ, sync and end-to-end tests (registered by tests/conftest.py)."""

from __future__ import annotations

import atexit
import functools
import shutil
import sqlite3
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from core.clock import ManualClock
from core.pins import hash_pin
from hq.app import create_app
from hq.db import HQDatabase
from hq.seed import SeedResult, seed_demo
from hq.tables import HQModel
from tests.factories import NOON
from tests.support.postgres import pg_server_url, pg_url

with warnings.catch_warnings():
    # Starlette nags about its httpx-based TestClient at import; the client itself works as documented.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

__all__ = ["hq", "hq_db", "hq_sqlite", "hq_sqlite_template", "pg_server_url", "pg_url"]

DATABASES = ["sqlite", "postgresql"]


@functools.cache
def _cached_pin_hash(pin: str, role: str = "cashier") -> str:
    # Salted scrypt costs >= 100 ms; seeding staff in every test would add up. One hash per PIN is still real.
    return hash_pin(pin, role)


@pytest.fixture(scope="session")
def hq_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An HQ SQLite database migrated to head once per session. Alembic loads and runs every revision on each
    fresh database, a fifth of a second per test; a test's database is a copy of this one, opened by HQ like
    any database at head. Migrating from nothing is what tests/hq/test_migrations.py checks, on its own files."""
    path = tmp_path_factory.mktemp("hq-template") / "hq.sqlite"
    HQDatabase(str(path)).close()  # the last connection closed: WAL checkpointed, one self-contained file
    return path


def fresh_hq_sqlite(path: Path, template: Path) -> HQDatabase:
    shutil.copyfile(template, path)
    return HQDatabase(str(path))


def open_hq_db(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> HQDatabase:
    if kind == "sqlite":
        return fresh_hq_sqlite(tmp_path / "hq.sqlite", request.getfixturevalue("hq_sqlite_template"))
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
def hq_sqlite(tmp_path: Path, hq_sqlite_template: Path) -> Iterator[HQDatabase]:
    db = fresh_hq_sqlite(tmp_path / "hq.sqlite", hq_sqlite_template)
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
    result = _seeded_sqlite_copy(db, clock.now()) or seed_demo(db, clock.now())
    return SeededHQ(db, create_app(db=db, clock=clock), clock, result.admin_token, result.station_tokens)


# seed_demo's SQLite database per `now`, made once per session: an empty SQLite database of exactly the same
# schema and revision gets its pages (SQLite's backup API) instead of 200 products, staff, customers and
# booklets written row by row in each test. The result differs from seeding it only in the tokens, which
# are random once per session instead of once per test.
_SEED_COPIES: dict[datetime, tuple[Path, list[tuple[Any, ...]], SeedResult]] = {}


def _seeded_sqlite_copy(db: HQDatabase, now: datetime) -> SeedResult | None:
    """seed_demo's result for `db`, copied from the session's seeded database; None (seed_demo then runs on
    `db` itself) for PostgreSQL, a database holding rows, or one whose schema or revision is not the copy's
    (an older HQ's database in the migration tests)."""
    if db.dialect != "sqlite":
        return None
    if now not in _SEED_COPIES:
        folder = Path(tempfile.mkdtemp(prefix="cashier-hq-seed-"))
        atexit.register(shutil.rmtree, folder, True)
        made = HQDatabase(str(folder / "hq.sqlite"))
        try:
            result = seed_demo(made, now)
            _SEED_COPIES[now] = (folder / "hq.sqlite", _layout(made), result)
        finally:
            made.close()
    path, layout, result = _SEED_COPIES[now]
    if _layout(db) != layout or not _empty(db):
        return None
    source = sqlite3.connect(path)
    try:
        with db.engine.connect() as connection:
            source.backup(connection.connection.driver_connection)  # type: ignore[arg-type]
    finally:
        source.close()
    return replace(result, station_tokens=dict(result.station_tokens))


def _layout(db: HQDatabase) -> list[tuple[Any, ...]]:
    """Every table, index and trigger as SQLite stores its SQL, and the Alembic revision rows."""
    with db.read() as session:
        rows = [tuple(row) for row in session.execute(
            text("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"))]
        if any(row[1] == "alembic_version" for row in rows):
            rows += [tuple(row) for row in session.execute(text("SELECT * FROM alembic_version ORDER BY 1"))]
    return rows


def _empty(db: HQDatabase) -> bool:
    with db.read() as session:
        return all(session.execute(text(f'SELECT 1 FROM "{table.name}" LIMIT 1')).first() is None
                   for table in HQModel.metadata.sorted_tables)


@pytest.fixture
def hq(hq_db: HQDatabase, monkeypatch: pytest.MonkeyPatch) -> SeededHQ:
    """A demo-seeded HQ app (in-process, no sockets) on each database, its clock at NOON."""
    return seeded(hq_db, ManualClock(NOON), monkeypatch)

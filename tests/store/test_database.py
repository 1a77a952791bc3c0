"""The database file: durability settings, and clear errors for locked or damaged files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from core.errors import StoreError
from core.store import Database
from core.store.tables import Counter


def test_every_connection_is_wal_fully_synchronous_with_foreign_keys(tmp_path: Path) -> None:
    db = Database(tmp_path / "station.db", busy_timeout_ms=1234)
    with db.read() as session:
        settings = {name: session.execute(text(f"PRAGMA {name}")).scalar_one()
                    for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
    assert settings == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 1234}
    db.close()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    db = Database(tmp_path / "station.db")
    with pytest.raises(Exception, match="FOREIGN KEY"), db.write() as session:
        session.execute(text("INSERT INTO outbox (order_id, state, attempts, next_attempt_at, created_at, "
                             "updated_at) VALUES ('nope', 'waiting', 0, 'x', 'x', 'x')"))
    db.close()


def test_a_write_rolls_back_entirely_on_error(tmp_path: Path) -> None:
    db = Database(tmp_path / "station.db")
    with pytest.raises(RuntimeError), db.write() as session:
        session.add(Counter(name="a", value=1))
        session.flush()
        raise RuntimeError("power cut, as far as this transaction knows")
    with db.read() as session:
        assert session.get(Counter, "a") is None
    db.close()


def test_a_locked_database_says_so_and_reads_still_work(tmp_path: Path) -> None:
    path = tmp_path / "station.db"
    db = Database(path, busy_timeout_ms=50)
    with db.write() as session:
        session.add(Counter(name="a", value=1))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(StoreError) as locked, db.write() as session:
            session.add(Counter(name="b", value=1))
        assert locked.value.code == "database.locked" and str(path) in locked.value.text("en")
        with db.read() as session:  # WAL: readers are not blocked by the writer
            assert session.get(Counter, "a") is not None
    finally:
        other.execute("ROLLBACK")
        other.close()
    db.close()


def test_a_file_that_is_not_a_database_is_reported_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "station.db"
    garbage = b"this is a spreadsheet, not a database" * 200
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as damaged:
        Database(path)
    assert damaged.value.code == "database.corrupt"
    assert "損毀" in damaged.value.text("zh_TW")
    assert path.read_bytes() == garbage

"""Versioned schema: the migrations build what the models describe, and old databases open."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from sqlmodel import select

from core.errors import StoreError
from core.store import Database
from core.store.migrations import LATEST, MIGRATIONS, Migration, migrate, schema_version
from core.store.tables import Invoice, Order, OutboxEntry, StoreModel, VoidOutboxEntry

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _shape(inspector) -> dict:
    shape = {}
    for table in inspector.get_table_names():
        shape[table] = {
            "columns": {c["name"]: (str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)},
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                              for i in inspector.get_indexes(table)),
            "unique": sorted(tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)),
            "foreign_keys": sorted((tuple(f["constrained_columns"]), f["referred_table"])
                                   for f in inspector.get_foreign_keys(table)),
        }
    return shape


def test_migrations_build_exactly_the_schema_the_models_describe(tmp_path: Path) -> None:
    migrated = Database(tmp_path / "migrated.db")
    from_models = create_engine(f"sqlite:///{tmp_path / 'models.db'}")
    StoreModel.metadata.create_all(from_models)
    assert _shape(inspect(migrated.engine)) == _shape(inspect(from_models))
    migrated.close()


def test_a_database_written_by_version_1_opens_with_its_sales_intact(tmp_path: Path) -> None:
    # station-v1.sqlite was written by the version-1 code (three sales) and is never regenerated.
    path = tmp_path / "station.db"
    shutil.copy(FIXTURES / "station-v1.sqlite", path)
    db = Database(path)
    assert db.schema == (1, LATEST)
    with db.read() as session:
        orders = session.exec(select(Order).order_by(Order.seq)).all()
        invoices = session.exec(select(Invoice).order_by(Invoice.id)).all()
        outbox = session.exec(select(OutboxEntry)).all()
    assert [o.order_no for o in orders] == ["S01-000001", "S01-000002", "S01-000003"]
    assert [(i.number, i.manual, i.print_mark) for i in invoices] == [
        ("AB12345600", False, True), ("AB12345601", False, False), ("XY87654321", True, False)]
    assert len(outbox) == 3
    db.close()


def test_voids_made_before_the_void_outbox_existed_are_queued_for_hq(tmp_path: Path) -> None:
    # A version-3 database with a voided sale: that void was never sent, so version 4 queues it.
    path = tmp_path / "station.db"
    shutil.copy(FIXTURES / "station-v1.sqlite", path)
    connection = sqlite3.connect(path, isolation_level=None)
    assert migrate(connection, MIGRATIONS[:3]) == (1, 3)
    connection.execute("UPDATE invoices SET voided = 1, voided_at = '2026-11-22T13:00:00+08:00', "
                       "void_reason = '客人退貨' WHERE number = 'AB12345601'")
    connection.execute("UPDATE orders SET status = 'voided' WHERE id = "
                       "(SELECT order_id FROM invoices WHERE number = 'AB12345601')")
    connection.close()
    db = Database(path)
    assert db.schema == (3, LATEST)
    with db.read() as session:
        [void] = session.exec(select(VoidOutboxEntry)).all()
        invoice = session.exec(select(Invoice).where(Invoice.number == "AB12345601")).one()
    assert (void.order_id, void.state, void.attempts, void.reason) == (invoice.order_id, "waiting", 0, "客人退貨")
    assert void.voided_at == void.next_attempt_at == invoice.voided_at
    db.close()


def test_voids_queued_before_version_6_take_their_approver_from_the_audit_log(tmp_path: Path) -> None:
    # A version-5 database with a void queued for HQ: version 6 copies its manager into the queue row.
    path = tmp_path / "station.db"
    shutil.copy(FIXTURES / "station-v1.sqlite", path)
    connection = sqlite3.connect(path, isolation_level=None)
    assert migrate(connection, MIGRATIONS[:5]) == (1, 5)
    order_id = connection.execute("SELECT order_id FROM invoices WHERE number = 'AB12345601'").fetchone()[0]
    at = "2026-11-22T13:00:00+08:00"
    connection.execute("INSERT INTO audit_log (at, action, staff_id, approved_by, order_id, detail) "
                       "VALUES (?, 'void', 'E001', 'M001', ?, '{}')", (at, order_id))
    connection.execute("INSERT INTO void_outbox (order_id, reason, voided_at, state, attempts, next_attempt_at, "
                       "created_at, updated_at) VALUES (?, '客人退貨', ?, 'waiting', 0, ?, ?, ?)",
                       (order_id, at, at, at, at))
    connection.close()
    db = Database(path)
    assert db.schema == (5, LATEST)
    with db.read() as session:
        [void] = session.exec(select(VoidOutboxEntry)).all()
    assert (void.order_id, void.approved_by) == (order_id, "M001")
    db.close()


def test_a_newer_migration_upgrades_in_place_and_keeps_the_data(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "station.db"
    shutil.copy(FIXTURES / "station-v1.sqlite", path)
    (tmp_path / "0002_test.sql").write_text(
        "ALTER TABLE orders ADD COLUMN note VARCHAR;\nCREATE INDEX ix_orders_note ON orders (note);\n",
        encoding="utf-8")
    monkeypatch.setattr(Migration, "sql", lambda self: _read(self, tmp_path))
    connection = sqlite3.connect(path, isolation_level=None)
    newer = (*MIGRATIONS, Migration(LATEST + 1, "0002_test.sql"))
    found, now = migrate(connection, newer)
    assert (found, now) == (1, LATEST + 1)
    assert connection.execute("SELECT count(*), count(note) FROM orders").fetchone() == (3, 0)
    assert migrate(connection, newer) == (LATEST + 1, LATEST + 1)  # idempotent
    connection.close()


def _read(migration: Migration, folder: Path) -> str:
    local = folder / migration.script
    if local.exists():
        return local.read_text(encoding="utf-8")
    from importlib import resources

    return resources.files("core.store.migrations").joinpath(migration.script).read_text(encoding="utf-8")


def test_a_failed_migration_leaves_the_previous_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "station.db"
    shutil.copy(FIXTURES / "station-v1.sqlite", path)
    (tmp_path / "0002_bad.sql").write_text(
        "ALTER TABLE orders ADD COLUMN note VARCHAR;\nTHIS IS NOT SQL;\n", encoding="utf-8")
    monkeypatch.setattr(Migration, "sql", lambda self: _read(self, tmp_path))
    connection = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrate(connection, (*MIGRATIONS, Migration(LATEST + 1, "0002_bad.sql")))
    assert schema_version(connection) == LATEST
    columns = [row[1] for row in connection.execute("PRAGMA table_info(orders)")]
    assert "note" not in columns
    connection.close()


def test_a_database_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "station.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {LATEST + 1}")
    connection.close()
    with pytest.raises(StoreError) as too_new:
        Database(path)
    assert too_new.value.code == "database.too_new"
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == LATEST + 1


def test_version_9_adds_empty_allowance_tables_beside_the_sales_of_an_older_database(tmp_path: Path) -> None:
    path = tmp_path / "station.db"
    shutil.copy(FIXTURES / "station-v1.sqlite", path)
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, MIGRATIONS[:8])
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "allowances" not in tables
    assert migrate(connection, MIGRATIONS[:9]) == (8, 9)
    for table in ("allowances", "allowance_lines", "allowance_refunds", "allowance_outbox"):
        assert connection.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    assert connection.execute("SELECT count(*) FROM orders").fetchone() == (3,)
    connection.close()


def test_version_10_links_reissued_orders_and_keeps_return_refunds_beside_older_sales(tmp_path: Path) -> None:
    path = tmp_path / "station.db"
    shutil.copy(FIXTURES / "station-v1.sqlite", path)
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, MIGRATIONS[:9])
    assert "reissue_of" not in {row[1] for row in connection.execute("PRAGMA table_info(orders)")}
    assert migrate(connection, MIGRATIONS[:10]) == (9, 10)
    assert connection.execute("SELECT count(*), count(reissue_of) FROM orders").fetchone() == (3, 0)
    assert connection.execute("SELECT count(*) FROM return_refunds").fetchone() == (0,)
    [first, second, *_] = [row[0] for row in connection.execute("SELECT id FROM orders ORDER BY seq")]
    connection.execute("UPDATE orders SET reissue_of = ? WHERE id = ?", (first, second))
    assert connection.execute("SELECT reissue_of FROM orders WHERE id = ?", (second,)).fetchone() == (first,)
    connection.close()

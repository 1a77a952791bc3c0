"""HQ's versioned schema (hq.migrations): fresh databases, databases made before migrations existed, databases
from a newer HQ, and two HQ processes opening one new database at once; on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import Engine

from core.clock import ManualClock
from hq import migrations
from hq.db import HQDatabase, normalise_url
from hq.migrations import BASELINE, BASELINE_TABLES, HQSchemaError
from hq.tables import HQModel, HQOrder, HQProduct, HQStation
from tests.factories import NOON
from tests.support.fixtures import DATABASES, TestClient, seeded
from tests.support.orders import make_order
from tests.support.paths import ROOT

BATCH = "/api/v1/orders/batch"
# hq-pre-migrations.sqlite was written by HQ before migrations (commit c8d375e, create_all): the demo seed
# with 20 products at NOON and two orders from S01. Never regenerated. Its test-only tokens:
PRE_MIGRATIONS_DB = ROOT / "tests" / "fixtures" / "hq-pre-migrations.sqlite"
PRE_MIGRATIONS_ADMIN = "hq_-BqcXy1d6nQhUgnUtNH9ax5vlGyrGF0IBCm33tuEcR0"
PRE_MIGRATIONS_S01 = "hq_MX_U0iPXmKSR7zNM4DtGjuFUNmKNLMxVN5HZ1UGlL50"
PRE_MIGRATIONS_ORDERS = ("00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002")


@pytest.fixture(params=DATABASES)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database with nothing in it: a new SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "hq.sqlite")
        return
    import psycopg

    server = request.getfixturevalue("pg_server_url")
    name = f"cashier_migrations_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield f"{server.rpartition('/')[0]}/{name}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _schema_differences(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True,
                                                               "compare_server_default": True})
        return list(compare_metadata(context, HQModel.metadata))


def _revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return migrations.current_revision(connection)


def _counts(db: HQDatabase) -> dict[str, int]:
    with db.read() as session:
        return {table.name: int(session.execute(select(func.count()).select_from(table)).scalar_one())
                for table in HQModel.metadata.sorted_tables}


def _old_create_all_database(url: str, monkeypatch: pytest.MonkeyPatch) -> HQDatabase:
    """An HQ database as releases before migrations made it: `create_all`, no alembic_version. Today's
    tables have columns added by later revisions: call _back_to_baseline once it holds what it should."""
    def create_all(engine: Engine) -> tuple[None, None]:
        HQModel.metadata.create_all(engine)
        return None, None

    with monkeypatch.context() as patch:
        patch.setattr(migrations, "upgrade", create_all)
        return HQDatabase(url)


def _baseline_indexes() -> set[str]:
    # The indexes revision 0001 creates, as its frozen file names them.
    source = (Path(migrations.__file__).parent / "versions" / "0001_initial.py").read_text(encoding="utf-8")
    return set(re.findall(r'create_index\(\s*"([^"]+)"', source))


def _back_to_baseline(db: HQDatabase) -> None:
    """Drop the tables, indexes and columns revisions after 0001 added, leaving the schema (and data) those
    releases had."""
    baseline_indexes = _baseline_indexes()
    with db.engine.begin() as connection:
        later = set(inspect(connection).get_table_names()) - set(BASELINE_TABLES)
        for table in reversed(HQModel.metadata.sorted_tables):  # the referencing tables first
            if table.name in later:
                connection.execute(text(f'DROP TABLE "{table.name}"'))
        for name in BASELINE_TABLES:
            for index in inspect(connection).get_indexes(name):
                # ix_ names only: PostgreSQL lists a unique constraint's own index here too.
                if index["name"].startswith("ix_") and index["name"] not in baseline_indexes:
                    connection.execute(text(f'DROP INDEX "{index["name"]}"'))
        for name, columns in BASELINE_TABLES.items():
            for column in inspect(connection).get_columns(name):
                if column["name"] not in columns:
                    connection.execute(text(f'ALTER TABLE {name} DROP COLUMN "{column["name"]}"'))


def test_a_fresh_database_is_migrated_to_head_and_matches_the_tables_in_code(empty_url: str) -> None:
    db = HQDatabase(empty_url)
    try:
        assert (db.revision_found, db.revision) == (None, migrations.head())
        assert _revision(db.engine) == migrations.head()
        # The guard against a table changed in hq.tables without a revision that changes it in the database.
        assert _schema_differences(db.engine) == []
        assert set(inspect(db.engine).get_table_names()) == {*HQModel.metadata.tables, "alembic_version"}
    finally:
        db.close()
    again = HQDatabase(empty_url)  # at head already: nothing to do
    try:
        assert (again.revision_found, again.revision) == (migrations.head(), migrations.head())
        from alembic import command

        with again.engine.begin() as connection:  # every revision's downgrade runs too
            command.downgrade(migrations.alembic_config(connection), "base")
        assert set(inspect(again.engine).get_table_names()) == {"alembic_version"}
    finally:
        again.close()


def test_revision_0001_is_exactly_what_create_all_made(empty_url: str) -> None:
    """0001 builds the tables and columns of releases before migrations, as the database one of them wrote
    (kept in tests/fixtures) has them."""
    from alembic import command

    engine = create_engine(normalise_url(empty_url))
    try:
        with engine.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), BASELINE)
        assert set(inspect(engine).get_table_names()) == {*BASELINE_TABLES, "alembic_version"}
        for name, columns in BASELINE_TABLES.items():
            assert {c["name"] for c in inspect(engine).get_columns(name)} == columns, name
    finally:
        engine.dispose()
    written = create_engine(f"sqlite:///{PRE_MIGRATIONS_DB}")
    try:
        for name, columns in BASELINE_TABLES.items():
            assert {c["name"] for c in inspect(written).get_columns(name)} == columns, name
    finally:
        written.dispose()


def test_a_database_made_by_create_all_is_stamped_and_keeps_its_data(empty_url: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    clock = ManualClock(NOON)
    old = _old_create_all_database(empty_url, monkeypatch)
    try:
        before = seeded(old, clock, monkeypatch)
        order = make_order()
        assert before.client().post(BATCH, json={"orders": [order]}).json()["results"][0]["outcome"] == "accepted"
        # Tables of later revisions are dropped by _back_to_baseline: their rows (a station's contact) go too.
        counts = {name: n if name in BASELINE_TABLES else 0 for name, n in _counts(old).items()}
        with old.read() as session:
            product = session.get(HQProduct, "SKU00001")
            assert product is not None
        _back_to_baseline(old)
    finally:
        old.close()
    assert counts["hq_orders"] == 1 and counts["hq_products"] == 200

    db = HQDatabase(empty_url)
    try:
        assert (db.revision_found, db.revision) == (None, migrations.head())
        assert _revision(db.engine) == migrations.head()
        assert _counts(db) == counts
        with db.read() as session:
            assert session.get(HQProduct, "SKU00001") == product
        assert _schema_differences(db.engine) == []
        # The old tokens still work, the old order is there, and new orders go in.
        from hq.app import create_app
        from tests.support.fixtures import SeededHQ

        after = SeededHQ(db, create_app(db=db, clock=clock), clock, before.admin_token, before.tokens)
        client = after.client()
        assert client.get(f"/api/v1/orders/{order['id']}").json()["order"]["id"] == order["id"]
        assert client.get("/api/v1/products", params={"limit": 5}).status_code == 200
        second = make_order(seq=2)
        assert client.post(BATCH, json={"orders": [second]}).json()["results"][0]["outcome"] == "accepted"
        with db.read() as session:
            assert int(session.execute(select(func.count()).select_from(HQOrder)).scalar_one()) == 2
    finally:
        db.close()


def test_a_database_written_by_hq_before_migrations_opens_stamped_and_serves(tmp_path: Path) -> None:
    from hq.app import create_app

    path = tmp_path / "hq.sqlite"
    shutil.copy(PRE_MIGRATIONS_DB, path)
    db = HQDatabase(str(path))
    try:
        assert (db.revision_found, db.revision) == (None, migrations.head())
        counts = _counts(db)
        assert (counts["hq_products"], counts["hq_orders"], counts["hq_invoices"], counts["hq_stations"]) == (
            20, 2, 2, 3)
        assert _schema_differences(db.engine) == []
        app = create_app(db=db, clock=ManualClock(NOON))
        s01 = TestClient(app, headers={"Authorization": f"Bearer {PRE_MIGRATIONS_S01}"})
        for order_id in PRE_MIGRATIONS_ORDERS:
            assert s01.get(f"/api/v1/orders/{order_id}").json()["order"]["id"] == order_id
        assert len(s01.get("/api/v1/products").json()["items"]) == 20
        # Its S01 held no booklet: it takes one now (the third number of it, past the two old orders' numbers).
        given = s01.post("/api/v1/booklets/allocate", json={"period_code": "11512", "count": 1}).json()[0]
        third = make_order(seq=3, number=f"{given['track']}{given['start'] + 2:08d}")
        assert s01.post(BATCH, json={"orders": [third]}).json()["results"][0]["outcome"] == "accepted"
        admin = TestClient(app, headers={"Authorization": f"Bearer {PRE_MIGRATIONS_ADMIN}"})
        assert len(admin.get("/api/v1/orders").json()["items"]) == 3
    finally:
        db.close()


def test_a_database_with_only_some_of_hqs_tables_is_refused_untouched(empty_url: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    old = _old_create_all_database(empty_url, monkeypatch)
    _back_to_baseline(old)
    with old.engine.begin() as connection:
        connection.execute(text("DROP TABLE hq_payments"))
    old.close()
    with pytest.raises(HQSchemaError) as refused:
        HQDatabase(empty_url)
    assert refused.value.code == "hq_database.unrecognised" and "hq_payments missing" in str(refused.value)
    engine = create_engine(normalise_url(empty_url))
    try:
        assert set(inspect(engine).get_table_names()) == set(BASELINE_TABLES) - {"hq_payments"}
    finally:
        engine.dispose()


def test_a_database_from_a_newer_hq_is_a_clear_error_and_left_alone(empty_url: str) -> None:
    db = HQDatabase(empty_url)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        connection.execute(text("INSERT INTO hq_counters (name, value) VALUES ('products', 7)"))
    db.close()
    with pytest.raises(HQSchemaError) as refused:
        HQDatabase(empty_url)
    assert refused.value.code == "hq_database.too_new"
    message = str(refused.value)
    assert "0099" in message and migrations.head() in message and "upgrade HQ" in message
    engine = create_engine(normalise_url(empty_url))
    try:
        assert _revision(engine) == "0099"
        with engine.connect() as connection:
            assert connection.execute(text("SELECT value FROM hq_counters")).scalar_one() == 7
    finally:
        engine.dispose()


def test_two_threads_opening_one_fresh_database_migrate_it_once(empty_url: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from alembic import command

    upgrade, upgrades = command.upgrade, []

    def slow_upgrade(config: Any, revision: str) -> None:
        upgrades.append(revision)
        time.sleep(0.3)  # widen the window: without the lock the other thread would migrate too
        upgrade(config, revision)

    monkeypatch.setattr(command, "upgrade", slow_upgrade)
    start = threading.Barrier(2)
    opened: list[HQDatabase] = []
    failures: list[BaseException] = []

    def open_it() -> None:
        start.wait()
        try:
            opened.append(HQDatabase(empty_url, pool_size=2))
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    try:
        assert failures == [] and len(opened) == 2
        assert upgrades == ["head"]
        assert sorted((db.revision_found or "") for db in opened) == ["", migrations.head()]
        for db in opened:
            with db.write() as session:
                session.execute(text("SELECT 1 FROM hq_stations"))
        assert _schema_differences(opened[0].engine) == []
    finally:
        for db in opened:
            db.close()


CHILD = """
import os, sys, time
from hq.db import HQDatabase, normalise_url
print("ready", flush=True)
while not os.path.exists(sys.argv[2]):
    time.sleep(0.001)
db = HQDatabase(sys.argv[1], pool_size=2)
with db.write() as session:
    session.exec(__import__("sqlmodel").select(__import__("hq.tables").tables.HQStation)).all()
print("found", db.revision_found or "-", "now", db.revision, flush=True)
db.close()
"""


def test_two_processes_opening_one_fresh_database_migrate_it_once(empty_url: str, tmp_path: Path) -> None:
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [subprocess.Popen([sys.executable, "-c", CHILD, empty_url, str(go)], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    try:
        for child in children:
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        go.touch()
        results = [child.communicate(timeout=60) for child in children]
    finally:
        for child in children:
            child.kill()
    assert [child.returncode for child in children] == [0, 0, 0], [err for _out, err in results]
    head = migrations.head()
    found = sorted(out.split()[1] for out, _err in results)
    assert found == ["-", head, head], results
    assert all(out.split()[3] == head for out, _err in results)
    db = HQDatabase(empty_url)
    try:
        assert db.revision_found == head and _schema_differences(db.engine) == []
        with db.read() as session:
            assert session.execute(select(func.count()).select_from(HQStation)).scalar_one() == 0
    finally:
        db.close()


def test_revision_0001_is_the_baseline_and_the_migration_files_ship_with_the_package() -> None:
    from setuptools import find_packages

    assert BASELINE == "0001"
    packages = find_packages(str(ROOT), include=["core*", "tui*", "hq*"])
    assert {"hq.migrations", "hq.migrations.versions"} <= set(packages)
    versions = Path(migrations.__file__).parent / "versions"
    assert (versions / "0001_initial.py").is_file()


def test_hq_serve_on_a_database_from_a_newer_hq_says_so_and_exits(tmp_path: Path) -> None:
    path = tmp_path / "hq.sqlite"
    db = HQDatabase(str(path))
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    db.close()
    result = subprocess.run([sys.executable, "-m", "tui.cli", "--lang", "en", "hq", "serve", "--db", str(path),
                             "--port", "0"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "schema revision 0099" in result.stderr and "upgrade HQ" in result.stderr
    assert "listening" not in result.stdout


def test_revision_0006_adds_the_station_contacts_to_a_0004_database_and_takes_them_away(empty_url: str) -> None:
    from alembic import command

    engine = create_engine(normalise_url(empty_url))
    try:
        with engine.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), "0004")
        assert "hq_station_contacts" not in inspect(engine).get_table_names()
        with engine.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), "0006")
        assert {c["name"] for c in inspect(engine).get_columns("hq_station_contacts")} == {
            "station_id", "last_contact", "version", "clock_skew_seconds"}
        with engine.begin() as connection:
            command.downgrade(migrations.alembic_config(connection), "0004")
        assert "hq_station_contacts" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_revision_0007_adds_the_day_indexes_to_a_0006_database_and_takes_them_away(empty_url: str) -> None:
    from alembic import command

    engine = create_engine(normalise_url(empty_url))
    try:
        with engine.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), "0006")
        added = {"ix_hq_orders_day", "ix_hq_orders_station_day"}
        assert not added & {i["name"] for i in inspect(engine).get_indexes("hq_orders")}
        with engine.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), "0007")
        columns = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("hq_orders")}
        assert columns["ix_hq_orders_day"] == ["created_at", "status", "id"]
        assert columns["ix_hq_orders_station_day"] == ["station_id", "created_at", "status", "total", "offline", "id"]
        with engine.begin() as connection:
            command.downgrade(migrations.alembic_config(connection), "0006")
        assert not added & {i["name"] for i in inspect(engine).get_indexes("hq_orders")}
    finally:
        engine.dispose()


def test_revision_0008_adds_the_allowances_to_a_0007_database_and_takes_them_away(empty_url: str) -> None:
    from alembic import command

    engine = create_engine(normalise_url(empty_url))
    try:
        with engine.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), "0007")
        assert "hq_allowances" not in inspect(engine).get_table_names()
        with engine.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), "0008")
        assert {"hq_allowances", "hq_allowance_lines"} <= set(inspect(engine).get_table_names())
        assert {c["name"] for c in inspect(engine).get_columns("hq_allowance_lines")} == {
            "id", "allowance_id", "position", "original_position", "sku", "quantity", "amount", "tax"}
        with engine.begin() as connection:
            command.downgrade(migrations.alembic_config(connection), "0007")
        assert not {"hq_allowances", "hq_allowance_lines"} & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()

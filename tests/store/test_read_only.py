"""The support instance's view of the store: it reads what the selling instance writes, live,
and nothing it does can sell, take a number, change a sale, print or upload."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from core.clock import ManualClock
from core.errors import CashierError, StoreError
from core.printer.config import PrinterConfig
from core.station import Station
from core.store import Database
from core.store.migrations import LATEST
from core.store.orders import OrderFilter
from tests.factories import NOON, SELLER, open_station, simple_sale, table_counts


@pytest.fixture
def selling(tmp_path: Path) -> Station:
    station = open_station(tmp_path / "station.db")
    yield station
    station.close()


@pytest.fixture
def support(selling: Station) -> Station:
    station = Station.open(selling.db.path, SELLER, ManualClock(NOON), read_only=True)
    yield station
    station.close()


def test_support_sees_the_sales_the_selling_instance_makes_while_both_are_open(selling: Station,
                                                                              support: Station) -> None:
    first = selling.checkout(simple_sale())
    assert [o.order_no for o in support.orders(_all()).rows] == [first.order_no]
    second = selling.checkout(simple_sale())
    assert [o.order_no for o in support.orders(_all()).rows] == [second.order_no, first.order_no]
    assert support.order(first.order_id).invoice.number == first.invoice_number
    assert support.upload_summary().pending == 2
    assert support.numbers_left().current == selling.numbers_left().current == 48


def test_support_refuses_every_write_and_changes_nothing(selling: Station, support: Station) -> None:
    sale = selling.checkout(simple_sale())
    before = table_counts(selling)
    attempts = {
        "checkout": lambda: support.checkout(simple_sale()),
        "void": lambda: support.void(sale.order_id, staff_id="E001", manager_pin="1234", reason="x"),
        "close_shift": lambda: support.close_shift("E001"),
        "add_booklet": lambda: support.add_booklet("CD", 100, 149, support.numbers_left().current_period),
        "load_products": lambda: support.load_products([]),
        "start_printing": lambda: support.start_printing(PrinterConfig(url="loop://")),
        "sync_service": lambda: support.sync_service("http://127.0.0.1:9", "token"),
    }
    for name, attempt in attempts.items():
        with pytest.raises(CashierError) as refused:
            attempt()
        assert refused.value.code == "station.read_only", name
        assert "唯讀" in refused.value.text("zh_TW") and "Read-only" in refused.value.text("en")
    assert table_counts(selling) == before
    assert support.printing is None


def test_even_raw_sql_through_a_read_session_cannot_write(support: Station) -> None:
    # mode=ro and query_only below the ORM: a bug that wrote through read() would still be refused.
    with pytest.raises(Exception, match=r"readonly|read-only|query_only|attempt to write"), \
            support.db.read() as session:
        session.execute(text("UPDATE counters SET value = value + 1"))


def test_support_mode_never_migrates_and_never_creates_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as missing:
        Database(tmp_path / "nowhere.db", read_only=True)
    assert missing.value.code == "database.missing" and not (tmp_path / "nowhere.db").exists()

    old = tmp_path / "old.db"
    raw = sqlite3.connect(old)
    raw.execute(f"PRAGMA user_version = {LATEST - 1}")
    raw.close()
    with pytest.raises(StoreError) as behind:
        Database(old, read_only=True)
    assert behind.value.code == "database.not_migrated" and str(old) in behind.value.text("en")
    raw = sqlite3.connect(old)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == LATEST - 1  # left exactly as found
    raw.close()


def test_support_printer_report_never_opens_the_port_the_seller_owns(selling: Station, support: Station) -> None:
    # Two owners of one port steal each other's status bytes; the seller's connection is the only one.
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.setblocking(False)
        config = PrinterConfig(url=f"socket://127.0.0.1:{listener.getsockname()[1]}")
        support.printer_report(config)
        with pytest.raises(BlockingIOError):
            listener.accept()
        selling.printer_report(config)  # a station without a print service does probe: the check can fail
        connection, _ = listener.accept()
        connection.close()


def _all() -> OrderFilter:
    return OrderFilter()


def test_many_threads_read_at_once(selling: Station, support: Station) -> None:
    # Screens read from several worker threads at once; a per-thread pool that closes other threads'
    # connections once more than five exist crashed the process here (SQLAlchemy's in-memory pool).
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy.pool import SingletonThreadPool

    selling.checkout(simple_sale())
    assert not isinstance(support.db.engine.pool, SingletonThreadPool)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: (support.numbers_left().current, len(support.orders(_all()).rows)),
                                range(400)))
    assert set(results) == {(49, 1)}

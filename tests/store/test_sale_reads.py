"""The reads a sale makes as fixed SQL (the cart's prices, the staff check, the number taken) answer what
the ORM's reads answered, pending objects of the same session included."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from core.clock import TAIPEI
from core.einvoice import BOOKLET_SIZE, make_booklet, period_of
from core.errors import NoInvoiceNumberError
from core.messages import BackupCode
from core.store import Database
from core.store.booklets import add_booklet, numbers_left, take_number
from core.store.catalog import ProductPrices, find_product, prices_by_code, staff_known, upsert_products
from core.store.resume import PENDING
from core.store.sync_cursors import set_state
from core.store.table_insert import insert_rows
from core.store.tables import OrderLine, Product, Staff

NOW = datetime(2026, 11, 22, 12, 0, 0, tzinfo=TAIPEI)
PERIOD = period_of(NOW)


def _product(sku: str, barcode: str | None, regular: int, addon: int | None = None) -> dict[str, object]:
    return {"sku": sku, "barcode": barcode, "name": sku, "price_regular": regular, "price_addon": addon,
            "price_gift": None, "active": True, "updated_at": NOW}


@pytest.fixture
def db(tmp_path: Path) -> Database:
    db = Database(tmp_path / "s.db")
    with db.write() as session:
        upsert_products(session, [
            _product("SKU1", "4710000000017", 105, 84),
            _product("SKU2", None, 39),
            _product("SKU3", "SKU1", 999),  # a barcode that is another product's SKU: the SKU wins
            _product("SKU4", "4710000000024", 60),
        ])
    return db


def test_the_carts_prices_are_what_find_product_finds_code_by_code(db: Database) -> None:
    codes = ["SKU1", " SKU2 ", "4710000000024", "SKU1", "NOPE", "4710000000017"]
    with db.read() as session:
        prices = prices_by_code(session, codes)
        expected = {code: ProductPrices.of(product) for code in codes
                    if (product := find_product(session, code)) is not None}
    assert prices == expected
    assert prices["SKU1"] == ProductPrices(105, 84, None) and "NOPE" not in prices
    assert prices["4710000000024"] == ProductPrices(60, None, None)  # by barcode, no SKU matched


def test_a_price_changed_earlier_in_the_same_session_is_the_price_read(db: Database) -> None:
    with db.write() as session:
        product = session.get(Product, "SKU2")
        assert product is not None
        product.price_regular = 45
        session.add(product)
        session.add(Product(sku="SKU9", name="新品", price_regular=12, updated_at=NOW))
        assert prices_by_code(session, ["SKU2", "SKU9"]) == {"SKU2": ProductPrices(45, None, None),
                                                             "SKU9": ProductPrices(12, None, None)}


def test_staff_known_sees_the_cache_and_a_member_added_in_the_same_session(db: Database) -> None:
    with db.write() as session:
        assert not staff_known(session, "E001")
        session.add(Staff(id="E001", name="王小明", pin_hash="x", active=False, updated_at=NOW))
        assert staff_known(session, "E001")  # inactive members are known: checkout judges only existence
        assert not staff_known(session, "E002")


def _booklets(db: Database) -> None:
    """Three booklets received in an order that is neither their tracks' nor their numbers' order."""
    received = {("CD", 0): NOW - timedelta(days=2), ("AB", 50): NOW - timedelta(days=3),
                ("AB", 0): NOW - timedelta(days=2)}
    with db.write() as session:
        for (track, start), at in received.items():
            row = add_booklet(session, make_booklet(track, start, start + BOOKLET_SIZE - 1, PERIOD), NOW)
            row.received_at = at
            session.add(row)


def test_numbers_come_from_the_oldest_booklet_first_then_by_track_and_start_until_none_is_left(
        db: Database) -> None:
    _booklets(db)
    taken: list[str | None] = []
    with db.write() as session:
        for _ in range(3 * BOOKLET_SIZE + 1):
            taken.append(take_number(session, PERIOD))
        assert numbers_left(session, PERIOD) == 0
    assert taken[0] == "AB00000050" and taken[BOOKLET_SIZE - 1] == "AB00000099"
    assert taken[BOOKLET_SIZE] == "AB00000000" and taken[2 * BOOKLET_SIZE] == "CD00000000"
    assert taken[-2] == "CD00000049" and taken[-1] is None
    assert len(set(taken[:-1])) == 3 * BOOKLET_SIZE  # never one number twice


def test_numbers_left_counts_what_the_session_took_and_a_rolled_back_take_is_not_taken(db: Database) -> None:
    _booklets(db)
    with db.write() as session:
        assert take_number(session, PERIOD) == "AB00000050"
        assert numbers_left(session, PERIOD) == 3 * BOOKLET_SIZE - 1
    with pytest.raises(RuntimeError), db.write() as session:
        assert take_number(session, PERIOD) == "AB00000051"
        raise RuntimeError("the sale failed after taking its number")
    with db.write() as session:
        assert take_number(session, PERIOD) == "AB00000051"


def test_a_database_marked_pending_in_the_same_session_refuses_a_number_and_takes_none(db: Database) -> None:
    _booklets(db)
    with db.write() as session:
        set_state(session, PENDING, "restored_backup", NOW)  # not flushed yet: the read must still see it
        with pytest.raises(NoInvoiceNumberError) as refused:
            take_number(session, PERIOD)
        assert refused.value.code == BackupCode.INVOICE_RESUME_PENDING
        assert numbers_left(session, PERIOD) == 3 * BOOKLET_SIZE


def test_a_driver_error_is_raised_as_sqlalchemys_and_the_sale_transaction_keeps_nothing(db: Database) -> None:
    _booklets(db)
    line = {"order_id": "no-such-order", "position": 1, "sku": "SKU1", "name": "電池", "product_type": "regular",
            "quantity": 1, "unit_price": 105, "catalog_price": 105, "amount": 105}
    with pytest.raises(IntegrityError) as refused, db.write() as session:
        assert take_number(session, PERIOD) == "AB00000050"
        insert_rows(session, OrderLine, [line])  # foreign keys are enforced: no such order
    assert isinstance(refused.value.orig, sqlite3.IntegrityError)
    assert "FOREIGN KEY" in str(refused.value.orig)
    with db.read() as session:
        assert numbers_left(session, PERIOD) == 3 * BOOKLET_SIZE  # the number went back with the transaction

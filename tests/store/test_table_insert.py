"""Rows written through a model's table (core.store.table_insert) are the rows the ORM writes: every column,
the model's defaults included, byte for byte in the database file."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import Session

from core.clock import TAIPEI
from core.store import Database
from core.store.catalog import upsert_staff
from core.store.table_insert import insert_rows
from core.store.tables import Invoice, Order, OrderLine, OutboxEntry, Payment

NOW = datetime(2026, 11, 22, 12, 0, 5, tzinfo=TAIPEI)
ORDER = {"id": "0b8c6f1e-3c2a-4d55-9a43-0f0e8e2b7c11", "order_no": "S01-000007", "seq": 7, "station_id": "S01",
         "created_at": NOW, "staff_id": "E001", "customer_id": None, "customer_phone": "0912345678", "total": 183,
         "offline": True}
LINES = [{"order_id": ORDER["id"], "position": 1, "sku": "SKU00001", "name": "電池", "product_type": "regular",
          "quantity": 1, "unit_price": 105, "catalog_price": 105, "amount": 105, "price_approved_by": None},
         {"order_id": ORDER["id"], "position": 2, "sku": "SKU00006", "name": "洋芋片", "product_type": "addon",
          "quantity": 2, "unit_price": 39, "catalog_price": None, "amount": 78, "price_approved_by": "M001"}]
PAYMENT = {"order_id": ORDER["id"], "kind": "cash", "amount": 183, "tendered": 200, "change": 17, "reference": ""}
INVOICE = {"order_id": ORDER["id"], "number": "AB12345600", "period_code": "11512", "random_code": "0420",
           "issued_at": NOW, "total": 183, "sales": 174, "tax": 9, "seller_ban": "12345675", "buyer_ban": None,
           "carrier_type": None, "carrier_id": None, "donation_code": None, "qr_left": "L" * 77,
           "qr_right": "**R", "qr_encoding": "utf-8", "print_mark": True, "manual": False}
OUTBOX = {"order_id": ORDER["id"], "next_attempt_at": NOW, "created_at": NOW, "updated_at": NOW}
TABLES = ("orders", "order_lines", "payments", "invoices", "outbox")


def _database(path: Path) -> Database:
    db = Database(path)
    with db.write() as session:
        upsert_staff(session, [{"id": "E001", "name": "王小明", "role": "cashier", "pin_hash": "x", "active": True,
                                "updated_at": NOW}])
    return db


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as db:
        return {table: db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in TABLES}


def _through_the_orm(session: Session) -> None:
    session.add(Order(**ORDER))
    session.flush()
    session.add_all([OrderLine(**line) for line in LINES])
    session.add(Payment(**PAYMENT))
    session.add(Invoice(**INVOICE))
    session.add(OutboxEntry(**OUTBOX))


def _through_the_tables(session: Session) -> None:
    insert_rows(session, Order, [ORDER])
    insert_rows(session, OrderLine, LINES)
    insert_rows(session, Payment, [PAYMENT])
    insert_rows(session, Invoice, [INVOICE])
    insert_rows(session, OutboxEntry, [OUTBOX])


def test_a_sale_written_through_the_tables_is_the_sale_the_orm_writes(tmp_path: Path) -> None:
    dumps = []
    for name, write in (("orm", _through_the_orm), ("core", _through_the_tables)):
        db = _database(tmp_path / f"{name}.db")
        with db.write() as session:
            write(session)
        db.close()
        dumps.append(_dump(tmp_path / f"{name}.db"))
    orm, core = dumps
    assert core == orm
    assert orm["outbox"][0][1:4] == ("waiting", 0, "2026-11-22T12:00:05+08:00")  # the model's defaults, written
    assert [row[0] for row in core["order_lines"]] == [1, 2]  # keys the database's to assign


def test_a_row_naming_no_such_column_or_leaving_a_required_one_out_is_refused(tmp_path: Path) -> None:
    db = _database(tmp_path / "s.db")
    with pytest.raises(KeyError, match="no column"), db.write() as session:
        insert_rows(session, Payment, [{**PAYMENT, "tip": 5}])
    with pytest.raises(KeyError, match="no value for \\['tendered'\\]"), db.write() as session:
        insert_rows(session, Payment, [{k: v for k, v in PAYMENT.items() if k != "tendered"}])
    db.close()
    assert _dump(tmp_path / "s.db")["payments"] == []


def test_rows_of_different_shapes_are_written_in_their_order_as_the_orm_writes_them(tmp_path: Path) -> None:
    # A key given on one row and left to the database on the next: two statements, the order kept.
    lines = [{**LINES[0], "id": None}, {**LINES[1], "id": 10, "position": 2},
             {**LINES[0], "id": None, "position": 3, "catalog_price": None}]
    dumps = []
    for name in ("orm", "core"):
        db = _database(tmp_path / f"{name}.db")
        with db.write() as session:
            if name == "orm":
                session.add(Order(**ORDER))
                session.flush()
                for line in lines:
                    session.add(OrderLine(**line))
                    session.flush()
            else:
                insert_rows(session, Order, [ORDER])
                insert_rows(session, OrderLine, lines)
        db.close()
        dumps.append(_dump(tmp_path / f"{name}.db"))
    assert dumps[1] == dumps[0]
    assert [(row[0], row[2]) for row in dumps[1]["order_lines"]] == [(1, 1), (10, 2), (11, 3)]

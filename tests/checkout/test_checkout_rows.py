"""What checkout writes is, column for column, what the ORM wrote for the same sale: every table a sale
touches, the models' defaults included, compared in the database files."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from core.checkout import CartLine, CheckoutRequest, InvoiceRequest, Tender, checkout
from core.checkout.approvals import PriceApprovals
from core.clock import ManualClock
from core.einvoice import make_booklet, period_of, split_tax
from core.store import Database
from core.store.audit import AuditAction, record
from core.store.booklets import add_booklet
from core.store.catalog import upsert_products, upsert_staff
from core.store.tables import Invoice, Order, OrderLine, OutboxEntry, Payment
from tests.factories import NOON, SELLER

TABLES = ("orders", "order_lines", "payments", "invoices", "outbox", "audit_log")


def _database(path: Path) -> Database:
    db = Database(path)
    with db.write() as session:
        upsert_staff(session, [{"id": "E001", "name": "王小明", "role": "cashier", "pin_hash": "x", "active": True,
                                "updated_at": NOON}])
        upsert_products(session, [{"sku": "SKU1", "barcode": "4710000000017", "name": "乾電池", "price_regular": 105,
                                   "price_addon": None, "price_gift": None, "active": True, "updated_at": NOON}])
        add_booklet(session, make_booklet("AB", 12_345_600, 12_345_649, period_of(NOON)), NOON)
    return db


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as db:
        return {table: db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in TABLES}


def test_a_sale_checkout_writes_is_the_sale_the_orm_writes(tmp_path: Path) -> None:
    approvals = PriceApprovals()
    cheaper = CartLine("SKU1", "乾電池", 2, 90, catalog_price=105)
    lines = [replace(cheaper, approval=approvals.issue("M001", cheaper)), CartLine("UNKNOWN9", "手寫品項", 1, 33)]
    request = CheckoutRequest(lines=lines, tenders=[Tender("card", 100, reference="slip 0042"), Tender("cash", 500)],
                              invoice=InvoiceRequest.b2b("04595257"), staff_id="E001", customer_phone="0912345678",
                              offline=True)
    sold = _database(tmp_path / "checkout.db")
    sale = checkout(sold, SELLER, ManualClock(NOON), request, approvals)
    sold.close()
    assert sale.proof_copy is not None and sale.random_code is not None

    by_orm = _database(tmp_path / "orm.db")
    with by_orm.write() as session:
        session.add(Order(id=sale.order_id, order_no=sale.order_no, seq=1, station_id=SELLER.station_id,
                          created_at=NOON, staff_id="E001", customer_phone="0912345678", total=213, offline=True))
        session.flush()
        session.add_all([
            OrderLine(order_id=sale.order_id, position=1, sku="SKU1", name="乾電池", product_type="regular",
                      quantity=2, unit_price=90, catalog_price=105, amount=180, price_approved_by="M001"),
            OrderLine(order_id=sale.order_id, position=2, sku="UNKNOWN9", name="手寫品項", product_type="regular",
                      quantity=1, unit_price=33, catalog_price=None, amount=33),
        ])
        session.flush()
        record(session, AuditAction.PRICE_OVERRIDE, at=NOON, staff_id="E001", approved_by="M001",
               order_id=sale.order_id, sku="SKU1", catalog_price=105, entered_price=90, product_type="regular")
        session.add_all([
            Payment(order_id=sale.order_id, kind="card", amount=100, tendered=100, change=0, reference="slip 0042"),
            Payment(order_id=sale.order_id, kind="cash", amount=113, tendered=500, change=387),
        ])
        sales, tax = split_tax(213)
        session.add(Invoice(order_id=sale.order_id, number=sale.invoice_number, period_code=period_of(NOON).code,
                            random_code=sale.random_code, issued_at=NOON, total=213, sales=sales, tax=tax,
                            seller_ban=SELLER.ban, buyer_ban="04595257", qr_left=sale.proof_copy.qr_left,
                            qr_right=sale.proof_copy.qr_right, print_mark=True))
        session.add(OutboxEntry(order_id=sale.order_id, next_attempt_at=NOON, created_at=NOON, updated_at=NOON))
    by_orm.close()

    written, expected = _dump(tmp_path / "checkout.db"), _dump(tmp_path / "orm.db")
    assert written == expected
    assert [len(written[table]) for table in TABLES] == [1, 2, 2, 1, 1, 1]

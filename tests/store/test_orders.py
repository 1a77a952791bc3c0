"""The order list's queries: keyset pages newest first that neither skip nor repeat an order, search
by order / invoice number / customer, status filter, and the void with its audit row."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from core.checkout import InvoiceRequest
from core.clock import ManualClock
from core.errors import ValidationError
from core.station import Station
from core.store.orders import OrderFilter
from tests.factories import simple_sale


def test_keyset_pages_cover_every_order_once_in_both_directions(station: Station, clock: ManualClock) -> None:
    sales = []
    for index in range(23):
        sales.append(station.checkout(simple_sale(InvoiceRequest.mobile("/ABC+123"))))
        if index % 5 == 0:
            clock.advance(seconds=1)  # several orders share a second: seq breaks the tie
    expected = [s.order_no for s in reversed(sales)]
    seen, page = [], station.orders(OrderFilter(), limit=10)
    pages = [page]
    while True:
        seen += [r.order_no for r in page.rows]
        if not page.has_older:
            break
        page = station.orders(OrderFilter(), older_than=page.rows[-1].cursor, limit=10)
        pages.append(page)
    assert seen == expected and [len(p.rows) for p in pages] == [10, 10, 3]
    back = station.orders(OrderFilter(), newer_than=pages[-1].rows[0].cursor, limit=10)
    assert [r.order_no for r in back.rows] == [r.order_no for r in pages[1].rows] and back.has_newer


def test_search_and_status_filter(station: Station) -> None:
    plain = station.checkout(simple_sale())
    b2b = station.checkout(simple_sale(InvoiceRequest.b2b("24634102")))
    with station.db.write() as session:
        session.execute(text("UPDATE orders SET customer_phone = '0912345678' WHERE id = :id"), {"id": b2b.order_id})
    for term in (b2b.order_no, "2", b2b.invoice_number, f"{b2b.invoice_number[:2]}-{b2b.invoice_number[2:]}",
                 "0912345678"):
        assert [r.id for r in station.orders(OrderFilter(search=term)).rows] == [b2b.order_id], term
    assert station.orders(OrderFilter(search="nothing")).rows == ()
    station.void(plain.order_id, staff_id="E001", manager_pin="1234", reason="客人退貨")
    assert [r.id for r in station.orders(OrderFilter(status="voided")).rows] == [plain.order_id]
    assert [r.id for r in station.orders(OrderFilter(status="completed")).rows] == [b2b.order_id]
    today = station.today()
    assert (today.orders, today.amount, today.voided) == (1, b2b.total, 1)


def test_void_needs_a_manager_pin_and_a_reason_and_is_audited_once(station: Station) -> None:
    sale = station.checkout(simple_sale())
    with pytest.raises(ValidationError) as wrong:
        station.void(sale.order_id, staff_id="E001", manager_pin="9999", reason="x")
    assert wrong.value.code == "manager.pin_wrong"
    with pytest.raises(ValidationError) as no_reason:
        station.void(sale.order_id, staff_id="E001", manager_pin="1234", reason=" ")
    assert no_reason.value.code == "void.reason_required"
    manager = station.void(sale.order_id, staff_id="E001", manager_pin="1234", reason="打錯")
    assert manager.id == "M001"
    with pytest.raises(ValidationError) as again:
        station.void(sale.order_id, staff_id="E001", manager_pin="1234", reason="打錯")
    assert again.value.code == "void.already"
    with station.db.read() as session:
        rows = session.execute(text("SELECT approved_by, detail FROM audit_log WHERE action = 'void'")).all()
        voided = session.execute(text("SELECT voided, void_reason, number FROM invoices")).one()
    assert len(rows) == 1 and rows[0][0] == "M001" and json.loads(rows[0][1])["reason"] == "打錯"
    assert voided == (1, "打錯", sale.invoice_number)


def test_login_checks_the_pin(station: Station) -> None:
    assert station.login("E001", "1234").name == "王小明"
    for staff, pin in (("E001", "0000"), ("NOBODY", "1234")):
        with pytest.raises(ValidationError) as refused:
            station.login(staff, pin)
        assert refused.value.code == "login.failed"
    assert [m.id for m in station.staff()] == ["E001", "M001"]


def test_the_order_list_query_uses_its_indexes(station: Station) -> None:
    with station.db.read() as session:
        plan = " ".join(str(row[-1]) for row in session.execute(text(
            "EXPLAIN QUERY PLAN SELECT id FROM orders o WHERE o.created_at >= '2026' "
            "ORDER BY o.created_at DESC, o.seq DESC LIMIT 51")))
        search = " ".join(str(row[-1]) for row in session.execute(text(
            "EXPLAIN QUERY PLAN SELECT order_id FROM invoices WHERE number = 'AB12345600'")))
    assert "ix_orders_created_seq" in plan and "TEMP B-TREE" not in plan
    assert "ix_invoices_number" in search

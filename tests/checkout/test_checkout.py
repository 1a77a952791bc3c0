"""The checkout transaction: what one sale writes, and that a refused sale writes nothing."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlmodel import select

from core.checkout import CartLine, CheckoutRequest, InvoiceRequest, Tender
from core.clock import TAIPEI, ManualClock
from core.einvoice import BOOKLET_SIZE, Period, barcode_payload, period_of, qr_payloads, split_tax
from core.errors import CashierError, NoInvoiceNumberError, ValidationError
from core.station import Station
from core.store.invoices import record_copy
from core.store.tables import AuditEntry, Invoice, Order, OrderLine, OutboxEntry, Payment
from tests.factories import AES_KEY, SELLER, open_station, simple_sale, table_counts


def test_printed_sale_writes_everything_at_once(station: Station, clock: ManualClock) -> None:
    sale = station.checkout(simple_sale(cash=500))

    assert (sale.total, sale.change) == (315, 185)
    assert sale.invoice_number == "AB12345600"
    assert sale.order_no == "S01-000001"
    assert sale.random_code is not None and len(sale.random_code) == 4 and sale.random_code.isdigit()
    assert sale.numbers_left == BOOKLET_SIZE - 1
    with station.db.read() as session:
        order = session.get(Order, sale.order_id)
        assert order is not None and order.total == 315 and order.created_at == clock.now()
        lines = session.exec(select(OrderLine).where(OrderLine.order_id == sale.order_id)).all()
        assert [(ln.sku, ln.quantity, ln.unit_price, ln.amount) for ln in lines] == [
            ("4710000000017", 1, 105, 105), ("4710000000024", 2, 105, 210)]
        payment = session.exec(select(Payment).where(Payment.order_id == sale.order_id)).one()
        assert (payment.kind, payment.amount, payment.tendered, payment.change) == ("cash", 315, 500, 185)
        invoice = session.exec(select(Invoice).where(Invoice.order_id == sale.order_id)).one()
        assert (invoice.number, invoice.period_code, invoice.print_mark, invoice.manual) == (
            "AB12345600", "11512", True, False)
        assert (invoice.sales, invoice.tax) == split_tax(315)
        outbox = session.get(OutboxEntry, sale.order_id)
        assert outbox is not None and outbox.state == "waiting"

    proof = sale.proof_copy
    assert proof is not None and not proof.reprint
    expected = qr_payloads(number=sale.invoice_number, random_code=sale.random_code, issued=clock.now(), total=315,
                           seller_ban=SELLER.ban, items=[("乾電池", 1, 105), ("口罩", 2, 105)], aes_key_hex=AES_KEY)
    assert (proof.qr_left, proof.qr_right) == expected
    assert proof.barcode == barcode_payload(sale.invoice_number, sale.random_code, clock.now())
    assert (invoice.qr_left, invoice.qr_right) == expected


def test_order_numbers_and_invoice_numbers_advance_together(station: Station) -> None:
    sales = [station.checkout(simple_sale()) for _ in range(3)]
    assert [s.order_no for s in sales] == ["S01-000001", "S01-000002", "S01-000003"]
    assert [s.invoice_number for s in sales] == ["AB12345600", "AB12345601", "AB12345602"]
    assert len({s.order_id for s in sales}) == 3


def test_b2b_sale_carries_the_buyer_on_paper_and_in_the_codes(station: Station) -> None:
    sale = station.checkout(simple_sale(InvoiceRequest.b2b("24634102")))
    assert sale.print_mark and sale.proof_copy is not None
    assert sale.proof_copy.buyer_ban == "24634102"
    assert sale.proof_copy.qr_left[37:45] == "24634102"
    assert sale.proof_copy.date_line.endswith(" 格式25")


@pytest.mark.parametrize(("request_", "column", "value"), [
    (InvoiceRequest.mobile("/ABC+123"), "carrier_id", "/ABC+123"),
    (InvoiceRequest.citizen("AB12345678901234"), "carrier_id", "AB12345678901234"),
    (InvoiceRequest.donation("25885"), "donation_code", "25885"),
])
def test_carrier_and_donation_sales_owe_no_paper(station: Station, request_: InvoiceRequest, column: str,
                                                 value: str) -> None:
    sale = station.checkout(simple_sale(request_))
    assert not sale.print_mark and sale.proof_copy is None
    with station.db.read() as session:
        invoice = session.exec(select(Invoice).where(Invoice.order_id == sale.order_id)).one()
    assert getattr(invoice, column) == value and invoice.print_mark is False
    assert invoice.qr_left is not None  # the codes exist for a later print on request


def test_manual_invoice_records_the_handwritten_number_and_keeps_the_booklet(station: Station) -> None:
    before = station.numbers_left().current
    sale = station.checkout(simple_sale(InvoiceRequest.manual("xy-87654321")))
    assert (sale.invoice_number, sale.manual, sale.random_code, sale.proof_copy) == ("XY87654321", True, None, None)
    assert station.numbers_left().current == before
    with station.db.read() as session:
        invoice = session.exec(select(Invoice).where(Invoice.order_id == sale.order_id)).one()
        audit = session.exec(select(AuditEntry).where(AuditEntry.order_id == sale.order_id)).one()
    assert invoice.manual and not invoice.print_mark
    assert audit.action == "manual_invoice" and json.loads(audit.detail) == {"number": "XY87654321"}


def test_manual_number_cannot_repeat_or_come_from_our_booklets(station: Station) -> None:
    station.checkout(simple_sale(InvoiceRequest.manual("XY87654321")))
    with pytest.raises(ValidationError) as used:
        station.checkout(simple_sale(InvoiceRequest.manual("XY87654321")))
    assert used.value.code == "manual_number.used"
    with pytest.raises(ValidationError) as ours:
        station.checkout(simple_sale(InvoiceRequest.manual("AB12345620")))
    assert ours.value.code == "manual_number.in_booklet"


def test_price_override_is_audited_with_both_prices(station: Station) -> None:
    line = CartLine("4710000000017", "乾電池", 1, 90, catalog_price=105)  # lower: a manager allows it
    line = station.approve_price(line, staff_id="E001", manager_pin="1234")
    sale = station.checkout(simple_sale(lines=[line]))
    with station.db.read() as session:
        audit = session.exec(select(AuditEntry).where(AuditEntry.order_id == sale.order_id)).one()
    assert audit.action == "price_override" and audit.staff_id == "E001" and audit.approved_by == "M001"
    assert json.loads(audit.detail) == {"catalog_price": 105, "entered_price": 90, "product_type": "regular",
                                        "sku": "4710000000017"}


def test_split_payment_card_then_cash_with_change(station: Station) -> None:
    request = simple_sale()
    request = CheckoutRequest(lines=request.lines, invoice=request.invoice, staff_id="E001",
                              tenders=[Tender("card", 200, "slip-1"), Tender("cash", 200)])
    sale = station.checkout(request)
    assert sale.change == 85
    with station.db.read() as session:
        payments = session.exec(select(Payment).where(Payment.order_id == sale.order_id).order_by(Payment.id)).all()
    assert [(p.kind, p.amount, p.tendered, p.change, p.reference) for p in payments] == [
        ("card", 200, 200, 0, "slip-1"), ("cash", 115, 200, 85, "")]


BAD_REQUESTS = {
    "invalid business number": lambda: simple_sale(InvoiceRequest.b2b("12345678")),
    "invalid mobile carrier": lambda: simple_sale(InvoiceRequest.mobile("/abc+123")),
    "invalid citizen carrier": lambda: simple_sale(InvoiceRequest.citizen("A123")),
    "invalid donation code": lambda: simple_sale(InvoiceRequest.donation("12")),
    "invalid manual number": lambda: simple_sale(InvoiceRequest.manual("A1234567")),
    "carrier and business number": lambda: simple_sale(
        InvoiceRequest(buyer_ban="24634102", donation_code="25885")),
    "empty cart": lambda: CheckoutRequest(lines=[], tenders=[Tender("cash", 100)],
                                          invoice=InvoiceRequest.printed(), staff_id="E001"),
    "short payment": lambda: simple_sale(cash=314),
    "zero-value invoice": lambda: simple_sale(lines=[CartLine("G1", "贈品", 1, 0, "gift")]),
    "card pays more than due": lambda: CheckoutRequest(
        lines=simple_sale().lines, tenders=[Tender("card", 400)], invoice=InvoiceRequest(), staff_id="E001"),
    "unknown staff": lambda: simple_sale(staff_id="NOBODY"),
}


@pytest.mark.parametrize("case", sorted(BAD_REQUESTS))
def test_bad_input_is_refused_clearly_and_writes_nothing(station: Station, case: str) -> None:
    before = table_counts(station)
    with pytest.raises(ValidationError) as refused:
        station.checkout(BAD_REQUESTS[case]())
    assert table_counts(station) == before
    zh, en = refused.value.text("zh_TW"), refused.value.text("en")
    assert zh and en and zh != en and "Traceback" not in en


@pytest.mark.parametrize(("quantity", "price"), [(0, 100), (-1, 100), (10_000, 100), (1, -5), (1, 1_000_000),
                                                 (1.5, 100), (1, 99.5), (True, 100)])
def test_absurd_quantities_and_prices_never_reach_a_cart(quantity: object, price: object) -> None:
    with pytest.raises(ValidationError) as refused:
        CartLine("SKU1", "乾電池", quantity, price)  # type: ignore[arg-type]
    assert refused.value.code in {"quantity.invalid", "price.invalid"}


def test_running_out_of_numbers_refuses_and_offers_the_manual_invoice(station: Station) -> None:
    for _ in range(BOOKLET_SIZE):
        station.checkout(simple_sale())
    assert station.numbers_left().current == 0
    before = table_counts(station)
    with pytest.raises(NoInvoiceNumberError) as refused:
        station.checkout(simple_sale())
    assert table_counts(station) == before
    assert "自行開立" in refused.value.text("zh_TW") and "manual invoice" in refused.value.text("en")
    assert station.checkout(simple_sale(InvoiceRequest.manual("XY00000001"))).manual


def test_a_sale_on_either_side_of_a_period_boundary_uses_that_periods_booklet(tmp_path) -> None:
    clock = ManualClock(datetime(2026, 12, 31, 23, 59, 59, tzinfo=TAIPEI))
    station = open_station(tmp_path / "station.db", clock)
    station.add_booklet("CD", 50, 99, Period(116, 2))

    last = station.checkout(simple_sale())
    clock.set(datetime(2027, 1, 1, 0, 0, 0, tzinfo=TAIPEI))
    first = station.checkout(simple_sale())

    assert (last.invoice_number, first.invoice_number) == ("AB12345600", "CD00000050")
    assert last.proof_copy is not None and last.proof_copy.barcode.startswith("11512")
    assert first.proof_copy is not None and first.proof_copy.barcode.startswith("11602")
    assert station.numbers_left().current == BOOKLET_SIZE - 1
    station.close()


def test_a_booklet_of_an_ended_period_is_refused(station: Station, clock: ManualClock) -> None:
    ended = period_of(clock.now()).previous()
    with pytest.raises(ValidationError) as refused:
        station.add_booklet("EF", 0, 49, ended)
    assert refused.value.code == "booklet.period_ended"


def test_overlapping_booklets_are_refused(station: Station, clock: ManualClock) -> None:
    with pytest.raises(ValidationError) as refused:
        station.add_booklet("AB", 12_345_600, 12_345_649, period_of(clock.now()))
    assert refused.value.code == "booklet.overlap"


def test_numbers_left_cover_this_and_the_next_period(station: Station, clock: ManualClock) -> None:
    station.add_booklet("GH", 100, 149, period_of(clock.now()).next())
    station.checkout(simple_sale())
    left = station.numbers_left()
    assert (left.current_period.code, left.current, left.next_period.code, left.next) == ("11512", 49, "11602", 50)


def test_a_copy_on_paper_makes_the_next_one_a_reprint_with_the_same_codes(station: Station) -> None:
    sale = station.checkout(simple_sale())
    original = station.proof_copy(sale.order_id)
    assert original == sale.proof_copy and not original.reprint
    with station.db.write() as session:
        assert record_copy(session, sale.order_id, at=station.clock.now(), complete=True) == 1

    again = station.proof_copy(sale.order_id)
    assert again is not None and again.reprint and again.title == "電子發票證明聯補印"
    assert (again.number, again.qr_left, again.qr_right, again.issued) == (
        original.number, original.qr_left, original.qr_right, original.issued)
    assert station.numbers_left().current == BOOKLET_SIZE - 1  # a reprint takes no number


def test_every_error_code_has_both_languages() -> None:
    from core.errors import MESSAGES

    for code, (zh, en) in MESSAGES.items():
        assert zh and en and zh != en, code
    with pytest.raises(KeyError):
        CashierError("no.such.code")


def test_a_scan_prices_the_line_from_the_catalog_for_its_type(station: Station, clock: ManualClock) -> None:
    station.load_products([{"sku": "SKU1", "barcode": "4710000000011", "name": "乾電池", "price_regular": 105,
                            "price_addon": 80, "price_gift": None, "active": True, "updated_at": clock.now()}])
    by_barcode = station.scan("4710000000011", quantity=2)
    assert by_barcode == CartLine("SKU1", "乾電池", 2, 105, "regular", catalog_price=105)
    assert station.scan("SKU1", product_type="加價購") == CartLine("SKU1", "乾電池", 1, 80, "addon", catalog_price=80)
    assert station.scan("NOT-IN-CATALOG") is None

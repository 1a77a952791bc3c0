"""Returns within the invoice's period: the original voided and the kept lines invoiced anew in one write,
with the original's buyer, carrier or donation; every refusal writes nothing; numbers are never reused;
the last second of the period reissues and the first second of the next one takes the allowance way."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from core.checkout import CartLine, CheckoutRequest, InvoiceRequest, PaymentKind, Tender
from core.clock import TAIPEI, ManualClock
from core.errors import NoInvoiceNumberError, ValidationError
from core.station import Station
from core.store.allowances import Refund
from core.store.invoices import record_copy
from core.store.outbox import load_orders
from core.store.tables import AuditEntry, Invoice, Order, Payment, ReturnRefund
from core.sync.payload import order_dict
from tests.factories import MANAGER_PIN, NOON, WRONG_PIN, open_station, simple_sale, table_counts

LAST_SECOND = datetime(2026, 12, 31, 23, 59, 59, tzinfo=TAIPEI)  # 115年11-12月's last second, Taiwan time
FIRST_SECOND_NEXT = datetime(2027, 1, 1, 0, 0, 0, tzinfo=TAIPEI)


@pytest.fixture
def till(tmp_path: Path) -> Iterator[tuple[Station, ManualClock]]:
    clock = ManualClock(NOON)
    station = open_station(tmp_path / "station.db", clock)
    yield station, clock
    station.close()


def _return(station: Station, order_id: str, lines: list[tuple[int, int]], **kwargs):  # type: ignore[no-untyped-def]
    return station.return_in_period(order_id, lines, reason=kwargs.pop("reason", "客人退貨"), staff_id="E001",
                                    manager_pin=kwargs.pop("manager_pin", MANAGER_PIN), **kwargs)


def _invoice(station: Station, order_id: str) -> Invoice:
    with station.db.read() as session:
        return session.exec(select(Invoice).where(Invoice.order_id == order_id)).one()


def _order(station: Station, order_id: str) -> Order:
    with station.db.read() as session:
        order = session.get(Order, order_id)
        assert order is not None
        return order


def _state(station: Station) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Row counts and every order's status: a refusal leaves both as they were."""
    with station.db.read() as session:
        statuses = [(r[0], r[1]) for r in session.execute(text("SELECT id, status FROM orders ORDER BY id"))]
    return table_counts(station), statuses


def test_a_partial_return_voids_the_original_and_invoices_the_kept_lines_in_one_write(till) -> None:
    station, clock = till
    sale = station.checkout(simple_sale())  # 乾電池 1 x 105, 口罩 2 x 105, cash 1000
    clock.advance(seconds=60)
    before = table_counts(station)
    done = _return(station, sale.order_id, [(2, 1)])
    assert done.voided_order_id == sale.order_id and done.approved_by == "M001"
    assert [(r.kind, r.amount) for r in done.refunds] == [(PaymentKind.CASH, 105)]
    new = done.sale
    assert new is not None and new.total == 210 and new.change == 0
    assert new.invoice_number == "AB12345601" and new.random_code != sale.random_code
    assert new.order_no == "S01-000002" and new.proof_copy is not None
    assert [(line.name, line.quantity, line.unit_price) for line in new.proof_copy.lines] == [
        ("乾電池", 1, 105), ("口罩", 1, 105)]

    original = _invoice(station, sale.order_id)
    assert original.voided and original.void_reason == "客人退貨"
    assert _order(station, sale.order_id).status == "voided"
    assert _order(station, new.order_id).reissue_of == sale.order_id
    assert _order(station, sale.order_id).reissue_of is None
    after = table_counts(station)
    grown = {table: after[table] - before[table] for table in after if after[table] != before[table]}
    assert grown == {"orders": 1, "order_lines": 2, "payments": 1, "invoices": 1, "outbox": 1, "void_outbox": 1,
                     "return_refunds": 1, "audit_log": 2, "numbers_used": 1, "order_counter": 1}
    with station.db.read() as session:
        [payment] = session.exec(select(Payment).where(Payment.order_id == new.order_id)).all()
        audits = session.exec(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(2)).all()  # type: ignore[union-attr]
        [refund] = session.exec(select(ReturnRefund)).all()
    assert (payment.kind, payment.amount, payment.tendered, payment.change) == ("cash", 210, 210, 0)
    assert [(a.action, a.approved_by, a.order_id) for a in audits] == [
        ("reissue", "M001", sale.order_id), ("void", "M001", sale.order_id)]
    detail = json.loads(audits[0].detail)
    assert detail["new_order_id"] == new.order_id and detail["new_number"] == new.invoice_number
    assert (refund.order_id, refund.kind, refund.amount) == (sale.order_id, "cash", 105)


def test_a_full_return_voids_the_invoice_takes_no_number_and_refunds_all_that_was_paid(till) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale())
    before = table_counts(station)
    done = _return(station, sale.order_id, [(1, 1), (2, 2)], refunds=[Refund(PaymentKind.CASH, 315)])
    assert done.sale is None and done.refunded_cash == 315
    assert _invoice(station, sale.order_id).voided
    after = table_counts(station)
    assert after["numbers_used"] == before["numbers_used"] and after["orders"] == before["orders"]
    assert after["void_outbox"] == before["void_outbox"] + 1 and after["outbox"] == before["outbox"]


@pytest.mark.parametrize("invoice", [
    pytest.param(InvoiceRequest.b2b("24634102"), id="buyer"),
    pytest.param(InvoiceRequest.mobile("/ABC+123"), id="mobile"),
    pytest.param(InvoiceRequest.citizen("AB12345678901234"), id="citizen"),
    pytest.param(InvoiceRequest.donation("8585"), id="donation"),
    pytest.param(InvoiceRequest.printed(), id="paper"),
])
def test_the_new_invoice_carries_the_originals_buyer_carrier_or_donation(till, invoice) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale(invoice))
    done = _return(station, sale.order_id, [(1, 1)])
    assert done.sale is not None
    original, new = _invoice(station, sale.order_id), _invoice(station, done.sale.order_id)
    same = ("buyer_ban", "carrier_type", "carrier_id", "donation_code", "print_mark", "seller_ban", "period_code")
    assert {f: getattr(new, f) for f in same} == {f: getattr(original, f) for f in same}
    assert new.number != original.number and not new.voided
    assert (done.sale.proof_copy is not None) == original.print_mark


def test_a_card_refund_keeps_the_terminal_reference_and_the_new_order_keeps_the_rest_of_the_card(till) -> None:
    station, _clock = till
    request = CheckoutRequest(lines=simple_sale().lines, tenders=[Tender("card", 315, "REF-1")],
                              invoice=InvoiceRequest.printed(), staff_id="E001")
    sale = station.checkout(request)
    done = _return(station, sale.order_id, [(1, 1)], refunds=[Refund(PaymentKind.CARD, 105, "VOID-778")])
    assert done.refunded_cash == 0 and done.sale is not None
    with station.db.read() as session:
        payments = session.exec(select(Payment).where(Payment.order_id == done.sale.order_id)).all()
        refunds = session.exec(select(ReturnRefund)).all()
    assert [(p.kind, p.amount, p.reference) for p in payments] == [("card", 210, "REF-1")]
    assert [(r.kind, r.amount, r.reference) for r in refunds] == [("card", 105, "VOID-778")]


@pytest.mark.parametrize(("lines", "refunds", "pin", "code"), [
    ([(2, 3)], None, MANAGER_PIN, "allowance.more_than_sold"),
    ([(2, 1), (2, 2)], None, MANAGER_PIN, "allowance.more_than_sold"),
    ([(9, 1)], None, MANAGER_PIN, "allowance.unknown_line"),
    ([], None, MANAGER_PIN, "allowance.no_lines"),
    ([(1, 0)], None, MANAGER_PIN, "allowance.no_lines"),
    ([(1, 1)], [Refund(PaymentKind.CASH, 106)], MANAGER_PIN, "return.refund_mismatch"),
    ([(1, 1)], [Refund(PaymentKind.CASH, 104)], MANAGER_PIN, "return.refund_mismatch"),
    ([(1, 1)], [Refund(PaymentKind.CASH, 205), Refund(PaymentKind.CARD, -100)], MANAGER_PIN,
     "return.refund_mismatch"),
    ([(1, 1)], None, WRONG_PIN, "manager.pin_wrong"),
])
def test_a_refused_return_says_why_in_both_languages_and_writes_nothing(till, lines, refunds, pin, code) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale())
    before = _state(station)
    with pytest.raises(ValidationError) as refused:
        _return(station, sale.order_id, lines, refunds=refunds, manager_pin=pin)
    assert refused.value.code == code
    assert refused.value.text("zh_TW") != refused.value.text("en")
    assert _state(station) == before
    assert not _invoice(station, sale.order_id).voided


def test_a_return_without_a_reason_is_refused_before_the_pin(till) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale())
    before = _state(station)
    with pytest.raises(ValidationError) as refused:
        _return(station, sale.order_id, [(1, 1)], reason="  ", manager_pin=WRONG_PIN)
    assert refused.value.code == "return.reason_required"
    assert _state(station) == before


def test_a_voided_order_is_refused_for_the_plan_and_the_return(till) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale())
    station.void(sale.order_id, staff_id="E001", manager_pin=MANAGER_PIN, reason="打錯")
    before = _state(station)
    for attempt in (lambda: station.return_plan(sale.order_id), lambda: _return(station, sale.order_id, [(1, 1)])):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.code == "return.voided"
        assert "已作廢" in refused.value.text("zh_TW") and "void" in refused.value.text("en")
    assert _state(station) == before


def test_a_reissued_invoice_is_returned_again_and_no_number_is_ever_used_twice(till) -> None:
    station, clock = till
    sale = station.checkout(simple_sale())
    first = _return(station, sale.order_id, [(2, 1)])
    assert first.sale is not None
    other = station.checkout(simple_sale())
    clock.advance(seconds=30)
    plan = station.return_plan(first.sale.order_id)
    assert [(line.position, line.sku, line.returnable) for line in plan.lines] == [
        (1, "4710000000017", 1), (2, "4710000000024", 1)]
    second = _return(station, first.sale.order_id, [(1, 1)])
    assert second.sale is not None and second.sale.total == 105
    last = _return(station, second.sale.order_id, [(1, 1)])
    assert last.sale is None
    with station.db.read() as session:
        numbers = [r[0] for r in session.execute(text("SELECT number FROM invoices ORDER BY issued_at, id"))]
        chain = [r[0] for r in session.execute(text("SELECT reissue_of FROM orders ORDER BY seq"))]
    assert numbers == ["AB12345600", "AB12345601", "AB12345602", "AB12345603"]
    assert len(set(numbers)) == len(numbers)
    assert chain == [None, sale.order_id, None, first.sale.order_id]
    assert other.invoice_number == "AB12345602"


def test_the_plan_lists_what_each_line_can_still_return_what_was_paid_and_whether_paper_was_printed(till) -> None:
    station, _clock = till
    request = CheckoutRequest(lines=simple_sale().lines,
                              tenders=[Tender("card", 200, "R-9"), Tender("cash", 500)],
                              invoice=InvoiceRequest.printed(), staff_id="E001")
    sale = station.checkout(request)
    plan = station.return_plan(sale.order_id)
    assert plan.kind == "reissue" and plan.order_id == sale.order_id
    assert [(p.kind, p.amount, p.reference) for p in plan.paid] == [
        (PaymentKind.CARD, 200, "R-9"), (PaymentKind.CASH, 115, "")]
    assert plan.paid_total == 315 and not plan.printed_original
    with station.db.write() as session:  # as the print service records a copy that reached the paper
        record_copy(session, sale.order_id, at=NOON, complete=True)
    assert station.return_plan(sale.order_id).printed_original
    carrier = station.checkout(simple_sale(InvoiceRequest.mobile("/ABC+123")))
    assert not station.return_plan(carrier.order_id).printed_original


def test_an_allowance_in_force_sends_a_return_the_allowance_way_even_within_the_period(till) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale())
    station.return_lines(sale.order_id, [(2, 1)], reason="瑕疵", staff_id="E001", manager_pin=MANAGER_PIN)
    plan = station.return_plan(sale.order_id)
    assert plan.kind == "allowance"
    assert [line.returnable for line in plan.lines] == [1, 1]
    before = _state(station)
    with pytest.raises(ValidationError) as refused:
        _return(station, sale.order_id, [(1, 1)])
    assert refused.value.code == "return.has_allowances"
    assert _state(station) == before


def test_the_periods_last_second_reissues_and_the_next_periods_first_second_takes_an_allowance(till) -> None:
    station, clock = till
    late = station.checkout(simple_sale())
    later = station.checkout(simple_sale())
    clock.set(LAST_SECOND)
    assert station.return_plan(late.order_id).kind == "reissue"
    done = _return(station, late.order_id, [(2, 1)])
    assert done.sale is not None and _invoice(station, done.sale.order_id).period_code == "11512"

    clock.set(FIRST_SECOND_NEXT)
    assert station.return_plan(later.order_id).kind == "allowance"
    before = _state(station)
    with pytest.raises(ValidationError) as refused:
        _return(station, later.order_id, [(2, 1)])
    assert refused.value.code == "return.period_over"
    assert "折讓" in refused.value.text("zh_TW") and "allowance" in refused.value.text("en")
    assert _state(station) == before
    allowance = station.return_lines(later.order_id, [(2, 1)], reason="客人退貨", staff_id="E001",
                                     manager_pin=MANAGER_PIN)
    assert allowance.original_invoice_number == later.invoice_number


def test_a_hand_written_invoice_is_returned_whole_but_never_reissued_in_part(till) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale(InvoiceRequest.manual("XY87654321")))
    before = _state(station)
    with pytest.raises(ValidationError) as refused:
        _return(station, sale.order_id, [(1, 1)])
    assert refused.value.code == "return.manual_partial"
    assert _state(station) == before
    done = _return(station, sale.order_id, [(1, 1), (2, 2)])
    assert done.sale is None and _invoice(station, sale.order_id).voided


def test_no_number_left_refuses_the_return_and_leaves_the_original_valid(tmp_path: Path) -> None:
    clock = ManualClock(NOON)
    station = open_station(tmp_path / "station.db", clock)  # one booklet: 50 numbers
    try:
        lines = [CartLine("4710000000017", "乾電池", 2, 105, catalog_price=105)]
        sales = [station.checkout(simple_sale(lines=lines)) for _ in range(50)]
        before = _state(station)
        with pytest.raises(NoInvoiceNumberError):
            _return(station, sales[0].order_id, [(1, 1)])
        assert _state(station) == before and not _invoice(station, sales[0].order_id).voided
    finally:
        station.close()


def test_the_new_orders_upload_names_the_voided_original_and_an_ordinary_orders_body_is_unchanged(till) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale())
    done = _return(station, sale.order_id, [(1, 1)])
    assert done.sale is not None
    with station.db.read() as session:
        bodies = {bundle.order.id: order_dict(bundle) for bundle in load_orders(session, [sale.order_id,
                                                                                           done.sale.order_id])}
    assert bodies[done.sale.order_id]["reissue_of"] == sale.order_id
    assert "reissue_of" not in bodies[sale.order_id]
    assert set(bodies[done.sale.order_id]) - set(bodies[sale.order_id]) == {"reissue_of"}


def test_a_refund_named_by_its_kinds_text_is_taken_and_an_unknown_kind_is_refused(till) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale())
    before = _state(station)
    with pytest.raises(ValidationError) as refused:
        _return(station, sale.order_id, [(1, 1)], refunds=[Refund("coupon", 105)])  # type: ignore[arg-type]
    assert refused.value.code == "payment.kind_invalid"
    assert _state(station) == before
    done = _return(station, sale.order_id, [(1, 1)], refunds=[Refund("cash", 105)])  # type: ignore[arg-type]
    assert done.refunds == (Refund(PaymentKind.CASH, 105),) and done.refunded_cash == 105

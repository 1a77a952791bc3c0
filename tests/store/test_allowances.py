"""Returns at the till as allowances (折讓): one write per return, every refusal writes nothing, and two
partial returns never take more than was sold or refund more than was paid."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from core.checkout import CartLine, InvoiceRequest, PaymentKind
from core.clock import TAIPEI, ManualClock
from core.einvoice import split_tax
from core.errors import ValidationError
from core.station import Station
from core.store.allowances import Refund
from tests.factories import MANAGER_PIN, NOON, WRONG_PIN, open_station, simple_sale, table_counts

NEXT_PERIOD = datetime(2027, 1, 5, 10, 0, 0, tzinfo=TAIPEI)  # 116年01-02月: a void is no longer possible


@pytest.fixture
def till(tmp_path: Path) -> Iterator[tuple[Station, ManualClock]]:
    clock = ManualClock(NOON)
    station = open_station(tmp_path / "station.db", clock)
    yield station, clock
    station.close()


def _return(station: Station, order_id: str, lines: list[tuple[int, int]], **kwargs):  # type: ignore[no-untyped-def]
    return station.return_lines(order_id, lines, reason=kwargs.pop("reason", "客人退貨"), staff_id="E001",
                                manager_pin=kwargs.pop("manager_pin", MANAGER_PIN), **kwargs)


def test_a_return_after_the_period_is_one_allowance_with_lines_refund_outbox_and_audit(till) -> None:
    station, clock = till
    sale = station.checkout(simple_sale())  # 乾電池 1 x 105, 口罩 2 x 105
    clock.set(NEXT_PERIOD)
    before = table_counts(station)
    allowance = _return(station, sale.order_id, [(2, 1)])
    assert allowance.number == "S01A000001"
    assert allowance.original_invoice_number == sale.invoice_number
    assert allowance.original_invoice_date == "2026-11-22"
    [line] = allowance.lines
    assert (line.position, line.original_position, line.sku, line.quantity) == (1, 2, "4710000000024", 1)
    assert (line.amount, line.tax) == split_tax(105) == (100, 5)
    assert [(r.kind, r.amount) for r in allowance.refunds] == [(PaymentKind.CASH, 105)]
    after = table_counts(station)
    for table in ("allowances", "allowance_lines", "allowance_refunds", "allowance_outbox", "audit_log"):
        assert after[table] == before[table] + 1, table
    with station.db.read() as session:
        audit = session.execute(text("SELECT action, approved_by, order_id FROM audit_log ORDER BY id DESC")).first()
        outbox = session.execute(text("SELECT kind, state FROM allowance_outbox")).one()
    assert tuple(audit) == ("allowance", "M001", sale.order_id)
    assert tuple(outbox) == ("issue", "waiting")
    assert station.allowances(sale.order_id) == [allowance]


@pytest.mark.parametrize(("lines", "refunds", "pin", "code"), [
    ([(2, 3)], None, MANAGER_PIN, "allowance.more_than_sold"),
    ([(9, 1)], None, MANAGER_PIN, "allowance.unknown_line"),
    ([], None, MANAGER_PIN, "allowance.no_lines"),
    ([(1, 0)], None, MANAGER_PIN, "allowance.no_lines"),
    ([(1, 1)], [Refund(PaymentKind.CASH, 106)], MANAGER_PIN, "allowance.refund_mismatch"),
    ([(1, 1)], [Refund(PaymentKind.CASH, 100)], MANAGER_PIN, "allowance.refund_mismatch"),
    ([(1, 1)], None, WRONG_PIN, "manager.pin_wrong"),
])
def test_a_refused_return_says_why_in_both_languages_and_writes_nothing(till, lines, refunds, pin, code) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale())
    before = table_counts(station)
    with pytest.raises(ValidationError) as refused:
        _return(station, sale.order_id, lines, refunds=refunds, manager_pin=pin)
    assert refused.value.code == code
    assert refused.value.text("zh_TW") != refused.value.text("en")
    assert table_counts(station) == before


def test_a_voided_order_takes_no_allowance(till) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale())
    station.void(sale.order_id, staff_id="E001", manager_pin=MANAGER_PIN, reason="打錯")
    before = table_counts(station)
    with pytest.raises(ValidationError) as refused:
        _return(station, sale.order_id, [(1, 1)])
    assert refused.value.code == "allowance.original_voided"
    assert table_counts(station) == before


def test_a_hand_written_invoice_is_refused_naming_the_hand_written_slip(till) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale(InvoiceRequest.manual("XY87654321")))
    before = table_counts(station)
    with pytest.raises(ValidationError) as refused:
        _return(station, sale.order_id, [(1, 1)])
    assert refused.value.code == "allowance.manual_invoice"
    assert "手寫折讓證明單" in refused.value.text("zh_TW") and "hand-written allowance" in refused.value.text("en")
    assert table_counts(station) == before


def test_a_refund_never_exceeds_what_was_paid(till) -> None:
    station, _clock = till
    discounted = [CartLine("4710000000017", "乾電池", 2, 100, catalog_price=100)]
    sale = station.checkout(simple_sale(lines=discounted, cash=200))
    _return(station, sale.order_id, [(1, 1)], refunds=[Refund(PaymentKind.CASH, 100)])
    with station.db.write() as session:  # a sale paid less than its lines (as a coupon would)
        session.execute(text("UPDATE payments SET amount = 150 WHERE order_id = :id"), {"id": sale.order_id})
    before = table_counts(station)
    with pytest.raises(ValidationError) as refused:
        _return(station, sale.order_id, [(1, 1)], refunds=[Refund(PaymentKind.CASH, 100)])
    assert refused.value.code == "allowance.refund_exceeds_paid"
    assert refused.value.params == {"refund": 100, "paid": 150, "refunded": 100}
    assert table_counts(station) == before


def test_the_last_units_of_a_line_take_what_is_left_of_its_amount(till) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale(lines=[CartLine("4710000000017", "乾電池", 3, 100, catalog_price=100)],
                                        cash=300))
    with station.db.write() as session:  # a line discounted to 250 for three
        session.execute(text("UPDATE order_lines SET amount = 250 WHERE order_id = :id"), {"id": sale.order_id})
    first = _return(station, sale.order_id, [(1, 1)])
    second = _return(station, sale.order_id, [(1, 2)])
    assert (first.total, second.total) == (83, 167)
    assert second.number == "S01A000002"
    with pytest.raises(ValidationError) as refused:
        _return(station, sale.order_id, [(1, 1)])
    assert refused.value.code == "allowance.more_than_sold"
    assert refused.value.params == {"position": 1, "sku": "4710000000017", "sold": 3, "returned": 3, "asked": 1}


def test_a_cancelled_allowance_gives_its_quantity_back_and_is_queued_after_it(till) -> None:
    station, _clock = till
    sale = station.checkout(simple_sale())
    allowance = _return(station, sale.order_id, [(2, 2)])
    before = table_counts(station)
    assert station.cancel_allowance(allowance.id, staff_id="E001", manager_pin=MANAGER_PIN, reason="開錯").id == "M001"
    assert table_counts(station)["allowance_outbox"] == before["allowance_outbox"] + 1
    assert [u.kind for u in station.allowance_uploads(allowance.id)] == ["issue", "cancel"]
    assert _return(station, sale.order_id, [(2, 2)]).total == 210
    with pytest.raises(ValidationError) as refused:
        station.cancel_allowance(allowance.id, staff_id="E001", manager_pin=MANAGER_PIN, reason="開錯")
    assert refused.value.code == "allowance.already_cancelled"


def test_an_allowance_is_cancelled_only_within_its_own_period(till) -> None:
    station, clock = till
    sale = station.checkout(simple_sale())
    allowance = _return(station, sale.order_id, [(1, 1)])
    clock.set(NEXT_PERIOD)
    before = table_counts(station)
    for pin in (MANAGER_PIN, WRONG_PIN):  # the period is what the cashier must hear, before the PIN
        with pytest.raises(ValidationError) as refused:
            station.cancel_allowance(allowance.id, staff_id="E001", manager_pin=pin, reason="開錯")
        assert refused.value.code == "allowance.cancel_other_period"
    assert table_counts(station) == before
    clock.set(NOON + timedelta(days=1))
    with pytest.raises(ValidationError) as wrong:
        station.cancel_allowance(allowance.id, staff_id="E001", manager_pin=WRONG_PIN, reason="開錯")
    assert wrong.value.code == "manager.pin_wrong"
    assert table_counts(station) == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(1, 2), st.integers(1, 4)), min_size=1, max_size=5))
def test_returns_never_exceed_what_was_sold_nor_its_amount(tmp_path_factory, returns) -> None:
    station = open_station(tmp_path_factory.mktemp("till") / "station.db", ManualClock(NOON))
    try:
        sold = {1: 3, 2: 2}
        sale = station.checkout(simple_sale(lines=[CartLine("4710000000017", "乾電池", 3, 99, catalog_price=99),
                                                   CartLine("4710000000024", "口罩", 2, 105, catalog_price=105)],
                                            cash=507))
        for position, quantity in returns:
            try:
                _return(station, sale.order_id, [(position, quantity)])
            except ValidationError as refused:
                assert refused.code == "allowance.more_than_sold"
        taken = {1: 0, 2: 0}
        gross = {1: 0, 2: 0}
        for allowance in station.allowances(sale.order_id):
            assert sum(r.amount for r in allowance.refunds) == allowance.total
            for line in allowance.lines:
                taken[line.original_position] += line.quantity
                gross[line.original_position] += line.gross
        assert all(taken[p] <= sold[p] for p in sold)
        assert gross[1] <= 297 and gross[2] <= 210
        assert all(gross[p] == {1: 297, 2: 210}[p] for p in sold if taken[p] == sold[p])
        assert sum(gross.values()) <= 507
    finally:
        station.close()


def test_an_allowance_is_due_only_once_hq_has_its_order(till) -> None:
    from core.store.allowance_outbox import next_due

    station, _clock = till
    sale = station.checkout(simple_sale())
    _return(station, sale.order_id, [(1, 1)])
    with station.db.read() as session:
        assert next_due(session) is None  # the order is not uploaded yet
    with station.db.write() as session:
        session.execute(text("UPDATE outbox SET state = 'success' WHERE order_id = :id"), {"id": sale.order_id})
    with station.db.read() as session:
        assert next_due(session) == NOON

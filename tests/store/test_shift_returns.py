"""Returns in the shift's X/Z report: allowances, returns within the period (void and reissue), refunds by
tender and 作廢折讓 counted in the shift they happen in, and the money balancing for any mix of sales, partial
returns of both kinds, cancels and shift closes."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from core.checkout import CartLine, CheckoutRequest, InvoiceRequest, PaymentKind, Tender
from core.checkout.reissue import Reissue, check, reissue
from core.clock import TAIPEI, ManualClock
from core.errors import ValidationError
from core.printer.layout import LayoutOptions, encode_document
from core.printer.virtual.printer import VirtualPrinter
from core.printer.virtual.renderer import to_text
from core.shift.model import ShiftReport
from core.station import Station
from core.store.allowances import Allowance, Refund, cancel, issue, plan_lines
from tests.factories import MANAGER_PIN, open_station

START = datetime(2026, 11, 2, 9, 0, 0, tzinfo=TAIPEI)  # early in 115年11-12月: every cancel is in-period
KINDS = (PaymentKind.CASH, PaymentKind.CARD)


def _sale(station: Station, kind: PaymentKind, batteries: int, masks: int, change: int) -> str:
    lines = [CartLine("4710000000017", "乾電池", batteries, 105, catalog_price=105),
             CartLine("4710000000024", "口罩", masks, 50, catalog_price=50)]
    total = 105 * batteries + 50 * masks
    tendered = total + (change if kind is PaymentKind.CASH else 0)
    return station.checkout(CheckoutRequest(lines=lines, tenders=[Tender(kind, tendered, reference="1234")],
                                            invoice=InvoiceRequest.printed(), staff_id="E001")).order_id


def _return_by(station: Station, order_id: str, position: int, quantity: int, kind: PaymentKind, *,
               at: datetime) -> Allowance:
    """One partial return through the store, refunded in `kind` (the whole allowance)."""
    with station.db.write() as session:
        total = sum(line.gross for line in plan_lines(session, order_id, [(position, quantity)]))
        return issue(session, order_id, [(position, quantity)], [Refund(kind, total, "R1")], at=at,
                     station_id="S01", staff_id="E001", manager_id="M001", reason="退貨")


def _reissue(station: Station, order_id: str, position: int, quantity: int, kind: PaymentKind, *,
             at: datetime) -> Reissue:
    """A return within the period through the store: the order voided, the kept lines invoiced anew."""
    with station.db.write() as session:
        refunds = None if kind is PaymentKind.CASH else [Refund(kind, _due(session, order_id, position, quantity,
                                                                            at), "R2")]
        return reissue(session, station.seller, order_id, [(position, quantity)], refunds, at=at, staff_id="E001",
                       manager_id="M001", reason="退貨")


def _due(session: Session, order_id: str, position: int, quantity: int, at: datetime) -> int:
    """What the store owes back: paid less the kept lines (check's all-cash answer)."""
    return sum(r.amount for r in check(session, order_id, [(position, quantity)], None, at).refunds)


class Ledger:
    """What the shift's money should be, kept by the test from what it did."""

    def __init__(self) -> None:
        self.paid: Counter[str] = Counter()
        self.refunded: Counter[str] = Counter()
        self.taken_back: Counter[str] = Counter()
        self.sales = self.allowances = self.allowance_amount = self.cancelled = self.cancelled_amount = 0
        self.in_period = self.in_period_amount = self.reissued = 0

    def check(self, report: ShiftReport) -> None:
        assert report.total == sum(self.paid.values())
        assert (report.allowances, report.allowance_amount) == (self.allowances, self.allowance_amount)
        assert (report.allowances_cancelled, report.cancelled_amount) == (self.cancelled, self.cancelled_amount)
        assert (report.in_period_returns, report.in_period_amount, report.reissued) == (
            self.in_period, self.in_period_amount, self.reissued)
        assert report.returns == self.allowances + self.in_period
        for kind in KINDS:
            refunded = self.refunded[kind.value] - self.taken_back[kind.value]
            assert report.refunded(kind.value) == refunded
            assert report.net(kind.value) == self.paid[kind.value] - refunded
        # Sales less refunds is what the tenders brought in, and the drawer holds the cash part of it.
        assert report.net_total == sum(report.net(kind) for kind in report.kinds)
        assert report.net_total == report.total - sum(self.refunded.values()) + sum(self.taken_back.values())
        cash = PaymentKind.CASH.value
        assert report.expected_cash == self.paid[cash] - self.refunded[cash] + self.taken_back[cash]


operations = st.lists(st.one_of(
    st.tuples(st.just("sale"), st.sampled_from(KINDS), st.integers(1, 3), st.integers(1, 3), st.integers(0, 95)),
    st.tuples(st.just("allowance"), st.integers(0, 30), st.integers(1, 2), st.integers(1, 3), st.sampled_from(KINDS)),
    st.tuples(st.just("reissue"), st.integers(0, 30), st.integers(1, 2), st.integers(1, 3), st.sampled_from(KINDS)),
    st.tuples(st.just("cancel"), st.integers(0, 30)),
    st.tuples(st.just("close")),
), min_size=4, max_size=16)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
def test_the_reports_money_balances_for_any_sales_returns_cancels_and_closes(ops: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = ManualClock(START)
        station = open_station(Path(folder) / "station.db", clock)
        try:
            _run(station, clock, ops)
        finally:
            station.close()


class Till:
    """Plays the operations on the real store, keeping the ledger of the shift the till is in."""

    def __init__(self, station: Station, clock: ManualClock) -> None:
        self.station, self.clock = station, clock
        self.orders: list[str] = []
        self.allowances: list[Allowance] = []
        self.ledger = Ledger()

    def play(self, op: tuple) -> None:
        self.clock.advance(minutes=1)
        at = self.clock.now().replace(microsecond=0)
        # Refused (more than sold, voided, an allowance stands, cancelled already): nothing written, nothing counted.
        with contextlib.suppress(ValidationError):
            getattr(self, op[0])(at, *op[1:])

    def sale(self, _at: datetime, kind: PaymentKind, batteries: int, masks: int, change: int) -> None:
        self.orders.append(_sale(self.station, kind, batteries, masks, change))
        self.ledger.paid[kind.value] += 105 * batteries + 50 * masks  # the drawer keeps no change

    def allowance(self, at: datetime, index: int, position: int, quantity: int, kind: PaymentKind) -> None:
        if not self.orders:
            return
        allowance = _return_by(self.station, self.orders[index % len(self.orders)], position, quantity, kind, at=at)
        self.allowances.append(allowance)
        self.ledger.allowances += 1
        self.ledger.allowance_amount += allowance.total
        for refund in allowance.refunds:
            self.ledger.refunded[refund.kind.value] += refund.amount

    def reissue(self, at: datetime, index: int, position: int, quantity: int, kind: PaymentKind) -> None:
        if not self.orders:
            return
        done = _reissue(self.station, self.orders[index % len(self.orders)], position, quantity, kind, at=at)
        if done.sale is not None:
            self.orders.append(done.sale.order_id)
            self.ledger.reissued += 1
        self.ledger.in_period += 1
        for refund in done.refunds:
            self.ledger.refunded[refund.kind.value] += refund.amount
            self.ledger.in_period_amount += refund.amount

    def cancel(self, at: datetime, index: int) -> None:
        if not self.allowances:
            return
        chosen = self.allowances[index % len(self.allowances)]
        with self.station.db.write() as session:
            cancel(session, chosen.id, at=at, staff_id="E001", manager_id="M001", reason="開錯")
        self.ledger.cancelled += 1
        self.ledger.cancelled_amount += chosen.total
        for refund in chosen.refunds:
            self.ledger.taken_back[refund.kind.value] += refund.amount

    def close(self, _at: datetime) -> None:
        self.ledger.check(self.station.shift_preview("M001"))  # the X report says what the Z report will
        self.ledger.check(self.station.close_shift("M001"))
        self.ledger = Ledger()


def _run(station: Station, clock: ManualClock, ops: list[tuple]) -> None:
    till = Till(station, clock)
    for op in ops:
        till.play(op)
    till.play(("close",))


def test_the_z_report_prints_returns_refunds_by_tender_and_the_cash_the_drawer_should_hold(
        station: Station, clock: ManualClock) -> None:
    clock.set(START)
    cash_sale = _sale(station, PaymentKind.CASH, 2, 1, 40)  # 260, 40 change
    card_sale = _sale(station, PaymentKind.CARD, 1, 2, 0)  # 205
    clock.advance(minutes=5)
    at = clock.now().replace(microsecond=0)
    by_cash = _return_by(station, cash_sale, 1, 1, PaymentKind.CASH, at=at)  # 105
    by_card = _return_by(station, card_sale, 2, 1, PaymentKind.CARD, at=at)  # 50
    cancelled = _return_by(station, cash_sale, 2, 1, PaymentKind.CASH, at=at)  # 50, then cancelled
    station.cancel_allowance(cancelled.id, staff_id="E001", manager_pin=MANAGER_PIN, reason="開錯")
    clock.advance(minutes=5)
    report = station.close_shift("M001")
    assert (report.allowances, report.allowance_amount) == (3, 205)
    assert [(r.kind, r.count, r.amount) for r in report.refunds] == [("card", 1, 50), ("cash", 2, 155)]
    assert (report.allowances_cancelled, report.cancelled_amount) == (1, 50)
    assert [(r.kind, r.amount) for r in report.cancelled_refunds] == [("cash", 50)]
    assert (report.net("cash"), report.net("card"), report.expected_cash) == (155, 155, 155)
    assert (by_cash.total, by_card.total) == (105, 50)
    assert ShiftReport.from_json(report.to_json(), report.number) == report

    printer = VirtualPrinter(dots_per_line=384)
    printer.receive(encode_document(station.z_report(report), LayoutOptions(384)).bytes())
    lines = to_text(printer.pieces[0]).splitlines()

    def amount(label: str) -> str:
        [line] = [line for line in lines if line.startswith(label)]
        return line.split()[-1]

    assert amount("退貨 (3)") == "205" and amount("  折讓 (3)") == "205" and amount("  期內作廢重開 (0)") == "0"
    assert amount("  退款 現金 (2)") == "155" and amount("  退款 信用卡 (1)") == "50"
    assert amount("作廢折讓 (1)") == "50" and amount("  退回 現金 (1)") == "50"
    assert amount("淨額 現金") == "155" and amount("淨額 信用卡") == "155"
    assert amount("應有現金") == "155" and amount("重開發票") == "0"
    assert amount("銷售總額") == "465"


def test_a_report_stored_before_returns_existed_still_reads_with_none(station: Station, clock: ManualClock) -> None:
    _sale(station, PaymentKind.CASH, 1, 1, 0)
    clock.advance(minutes=1)
    report = station.close_shift("M001")
    old = report.to_json()
    for key in ("allowances", "allowance_amount", "refunds", "allowances_cancelled", "cancelled_amount",
                "cancelled_refunds", "reissued"):
        old = _without(old, key)
    read = ShiftReport.from_json(old, report.number)
    assert (read.allowances, read.refunds, read.cancelled_refunds, read.reissued) == (0, (), (), 0)
    assert read.expected_cash == read.net("cash") == 155


def _without(text: str, key: str) -> str:
    data = json.loads(text)
    data.pop(key)
    return json.dumps(data, ensure_ascii=False)


def test_an_allowance_against_an_earlier_shifts_sale_counts_in_the_shift_that_refunds_it(
        station: Station, clock: ManualClock) -> None:
    clock.set(START)
    order_id = _sale(station, PaymentKind.CASH, 1, 1, 0)
    clock.advance(minutes=1)
    first = station.close_shift("M001")
    clock.advance(hours=2)
    _return_by(station, order_id, 1, 1, PaymentKind.CASH, at=clock.now().replace(microsecond=0))
    clock.advance(minutes=1)
    second = station.close_shift("M001")
    assert (first.allowances, first.expected_cash) == (0, 155)
    assert (second.orders, second.allowances, second.expected_cash, second.net_total) == (0, 1, -105, -105)
    assert timedelta(0) < second.closed_at - first.closed_at


def test_a_return_within_the_period_counts_the_sale_once_and_its_refund_in_the_shift_that_pays_it(
        station: Station, clock: ManualClock) -> None:
    clock.set(START)
    same = _sale(station, PaymentKind.CASH, 2, 1, 40)  # 260, returned within this shift
    earlier = _sale(station, PaymentKind.CARD, 1, 1, 0)  # 155, returned in the next shift
    clock.advance(minutes=1)
    done = _reissue(station, same, 1, 1, PaymentKind.CASH, at=clock.now().replace(microsecond=0))
    assert done.sale is not None and [(r.kind, r.amount) for r in done.refunds] == [(PaymentKind.CASH, 105)]
    clock.advance(minutes=1)
    first = station.close_shift("M001")
    # The sale's money came in (260 cash, 155 card), 105 went back; the reissued invoice took no new money.
    assert (first.orders, first.total, first.voided, first.reissued) == (2, 415, 1, 1)
    assert (first.returns, first.returned_amount, first.in_period_returns, first.allowances) == (1, 105, 1, 0)
    assert [(r.kind, r.amount) for r in first.refunds] == [("cash", 105)]
    assert (first.expected_cash, first.net("card"), first.net_total) == (155, 155, 310)

    clock.advance(hours=1)
    _reissue(station, earlier, 2, 1, PaymentKind.CARD, at=clock.now().replace(microsecond=0))
    clock.advance(minutes=1)
    second = station.close_shift("M001")
    assert (second.orders, second.total, second.voided, second.reissued, second.in_period_returns) == (0, 0, 1, 1, 1)
    assert (second.net("card"), second.expected_cash, second.returned_amount) == (-50, 0, 50)

    printer = VirtualPrinter(dots_per_line=384)
    printer.receive(encode_document(station.z_report(first), LayoutOptions(384)).bytes())
    lines = to_text(printer.pieces[0]).splitlines()
    for label, value in (("重開發票", "1"), ("退貨 (1)", "105"), ("  期內作廢重開 (1)", "105"), ("  折讓 (0)", "0"),
                         ("  退款 現金 (1)", "105"), ("應有現金", "155"), ("作廢發票", "1")):
        [line] = [line for line in lines if line.startswith(label)]
        assert line.split()[-1] == value, label


def test_a_plain_void_of_a_reissued_invoice_hands_back_what_was_kept(station: Station, clock: ManualClock) -> None:
    clock.set(START)
    sold = _sale(station, PaymentKind.CASH, 2, 1, 40)  # 260 in cash
    clock.advance(minutes=1)
    done = _reissue(station, sold, 1, 1, PaymentKind.CASH, at=clock.now().replace(microsecond=0))  # 105 back
    assert done.sale is not None
    clock.advance(minutes=1)
    station.void(done.sale.order_id, staff_id="E001", manager_pin=MANAGER_PIN, reason="客人全退")
    clock.advance(minutes=1)
    report = station.close_shift("M001")
    # The kept 155 came in with the original sale and goes back with the void: the drawer holds nothing.
    assert [(r.kind, r.count, r.amount) for r in report.refunds] == [("cash", 2, 260)]
    assert (report.orders, report.total, report.voided, report.expected_cash, report.net_total) == (1, 260, 2, 0, 0)

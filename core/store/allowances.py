"""Returns at the till as allowances (折讓證明單): checked and written in one transaction, then cancelled
within their own period. The upload side (claiming, recording HQ's answers) is core/store/allowance_outbox.py.

An allowance never returns more of a line than was sold less what allowances in force returned, never
refunds more than was paid less earlier refunds, and stands only against a valid electronic invoice: the
same rules HQ judges it by (hq/allowance_checks.py), so the till never issues one HQ would refuse.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from core.clock import to_taipei
from core.einvoice import Period, period_of, split_tax
from core.errors import ValidationError
from core.messages import AllowanceCode, CheckoutCode
from core.payment_kind import PaymentKind
from core.store.audit import AuditAction, record
from core.store.counters import bump
from core.store.returned_lines import returned_lines
from core.store.tables import (
    AllowanceLineRow,
    AllowanceOutboxEntry,
    AllowanceRefundRow,
    AllowanceRow,
    Invoice,
    Order,
    OrderLine,
    Payment,
)

REASON_MAX = 200  # AllowanceIn.reason's limit at HQ
NUMBER_COUNTER = "allowance"
ISSUE, CANCEL = "issue", "cancel"


@dataclass(frozen=True)
class Refund:
    kind: PaymentKind
    amount: int
    reference: str = ""


@dataclass(frozen=True)
class AllowanceLine:
    position: int
    original_position: int
    sku: str
    quantity: int
    amount: int  # untaxed
    tax: int

    @property
    def gross(self) -> int:
        return self.amount + self.tax


@dataclass(frozen=True)
class Allowance:
    id: str
    number: str
    order_id: str
    issued_at: datetime
    original_invoice_number: str
    original_invoice_date: str
    lines: tuple[AllowanceLine, ...]
    refunds: tuple[Refund, ...]
    reason: str
    staff_id: str
    approved_by: str
    cancelled: bool = False

    @property
    def total(self) -> int:
        return sum(line.gross for line in self.lines)

    @property
    def refunded_cash(self) -> int:
        return sum(refund.amount for refund in self.refunds if refund.kind is PaymentKind.CASH)


@dataclass(frozen=True)
class _Taken:
    quantity: dict[int, int]
    gross: dict[int, int]
    refunded: int


def _taken(session: Session, order_id: str) -> _Taken:
    """What allowances in force (not cancelled) against the order returned and refunded already."""
    quantity: dict[int, int] = {}
    gross: dict[int, int] = {}
    in_force = select(AllowanceRow.id).where(AllowanceRow.order_id == order_id, col(AllowanceRow.cancelled).is_(False))
    for line in session.exec(select(AllowanceLineRow).where(col(AllowanceLineRow.allowance_id).in_(in_force))):
        quantity[line.original_position] = quantity.get(line.original_position, 0) + line.quantity
        gross[line.original_position] = gross.get(line.original_position, 0) + line.amount + line.tax
    refunded = sum(r.amount for r in session.exec(
        select(AllowanceRefundRow).where(col(AllowanceRefundRow.allowance_id).in_(in_force))))
    return _Taken(quantity, gross, refunded)


def returned_quantities(session: Session, order_id: str) -> dict[int, int]:
    """Per original line position, the quantity allowances in force returned already."""
    return _taken(session, order_id).quantity


def _original(session: Session, order_id: str) -> tuple[Order, Invoice]:
    order = session.get(Order, order_id)
    invoice = session.exec(select(Invoice).where(Invoice.order_id == order_id)).first()
    if order is None or invoice is None:
        raise ValidationError(CheckoutCode.ORDER_UNKNOWN, value=order_id)
    if order.status == "voided" or invoice.voided:
        raise ValidationError(AllowanceCode.ORIGINAL_VOIDED, number=invoice.number)
    if invoice.manual:
        raise ValidationError(AllowanceCode.MANUAL_INVOICE, number=invoice.number)
    return order, invoice


def plan_lines(session: Session, order_id: str, returned: Sequence[tuple[int, int]]) -> tuple[AllowanceLine, ...]:
    """The allowance's lines for (original position, quantity) pairs, or the ValidationError saying why not.

    A line's refund is its share of what the line sold for (discounts included), rounded down; the return
    that takes the last units takes what is left, so a line's returns add up to its amount exactly. Each
    share is split into untaxed amount and tax as an invoice's total is (split_tax)."""
    _original(session, order_id)
    sold = {line.position: line for line in session.exec(select(OrderLine).where(OrderLine.order_id == order_id))}
    taken = _taken(session, order_id)
    asked = returned_lines(sold, returned, already=taken.quantity)
    lines: list[AllowanceLine] = []
    for number, (position, quantity) in enumerate(asked.items(), start=1):
        line = sold[position]
        if taken.quantity.get(position, 0) + quantity == line.quantity:
            gross = line.amount - taken.gross.get(position, 0)
        else:
            gross = line.amount * quantity // line.quantity
        amount, tax = split_tax(gross)
        lines.append(AllowanceLine(number, position, line.sku, quantity, amount, tax))
    return tuple(lines)


def check_refunds(session: Session, order_id: str, total: int, refunds: Sequence[Refund]) -> None:
    """Refunds add up to the allowance exactly (as HQ requires) and to no more than was paid less earlier
    refunds."""
    refund = sum(r.amount for r in refunds)
    if any(r.amount < 0 for r in refunds) or refund != total:
        raise ValidationError(AllowanceCode.REFUND_MISMATCH, refund=refund, total=total)
    paid = sum(p.amount for p in session.exec(select(Payment).where(Payment.order_id == order_id)))
    earlier = _taken(session, order_id).refunded
    if earlier + refund > paid:
        raise ValidationError(AllowanceCode.REFUND_EXCEEDS_PAID, refund=refund, paid=paid, refunded=earlier)


def check_time(session: Session, order_id: str, at: datetime, now: datetime) -> None:
    """An allowance is dated when it is issued: never before its sale (a clock set back since), never after
    `now` (the injected clock). Either is a clock gone wrong, and the allowance would mislead HQ and the MOF."""
    order, _invoice = _original(session, order_id)
    if at < order.created_at.replace(microsecond=0):
        raise ValidationError(AllowanceCode.BEFORE_SALE, order_no=order.order_no, sold=_shown(order.created_at),
                              at=_shown(at))
    if at > now:
        raise ValidationError(AllowanceCode.IN_FUTURE, at=_shown(at), now=_shown(now))


def _shown(when: datetime) -> str:
    return to_taipei(when).strftime("%Y-%m-%d %H:%M:%S")


def check_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(AllowanceCode.REASON_REQUIRED)
    return reason[:REASON_MAX]


def issue(session: Session, order_id: str, returned: Sequence[tuple[int, int]], refunds: Sequence[Refund] | None,
          *, at: datetime, station_id: str, staff_id: str, manager_id: str, reason: str,
          now: datetime | None = None) -> Allowance:
    """Write the allowance, its lines and refunds, its outbox row and the audit record; call in one write
    transaction after the manager's PIN is checked. Every check runs again here, under the write lock, so
    two returns at once never take more than was sold. `refunds` None: all in cash. `now`: the clock's time,
    which `at` may not pass (default `at` itself)."""
    reason = check_reason(reason)
    check_time(session, order_id, at, now or at)
    _order, invoice = _original(session, order_id)
    lines = plan_lines(session, order_id, returned)
    total = sum(line.gross for line in lines)
    chosen = tuple(refunds) if refunds is not None else (Refund(PaymentKind.CASH, total),)
    check_refunds(session, order_id, total, chosen)
    allowance = Allowance(
        id=str(uuid.uuid4()), number=f"{station_id}A{bump(session, NUMBER_COUNTER):06d}", order_id=order_id,
        issued_at=at, original_invoice_number=invoice.number,
        original_invoice_date=to_taipei(invoice.issued_at).date().isoformat(), lines=lines, refunds=chosen,
        reason=reason, staff_id=staff_id, approved_by=manager_id)
    session.add(AllowanceRow(
        id=allowance.id, number=allowance.number, order_id=order_id, issued_at=at, period_code=period_of(at).code,
        original_invoice_number=allowance.original_invoice_number,
        original_invoice_date=allowance.original_invoice_date, amount=sum(line.amount for line in lines),
        tax=sum(line.tax for line in lines), reason=reason, staff_id=staff_id, approved_by=manager_id))
    session.flush()  # the lines' and refunds' foreign keys need the allowance first
    for line in lines:
        session.add(AllowanceLineRow(allowance_id=allowance.id, position=line.position,
                                     original_position=line.original_position, sku=line.sku,
                                     quantity=line.quantity, amount=line.amount, tax=line.tax))
    for refund in chosen:
        session.add(AllowanceRefundRow(allowance_id=allowance.id, kind=refund.kind.value, amount=refund.amount,
                                       reference=refund.reference))
    _queue(session, allowance.id, ISSUE, at)
    record(session, AuditAction.ALLOWANCE, at=at, staff_id=staff_id, approved_by=manager_id, order_id=order_id,
           allowance_id=allowance.id, number=allowance.number, total=total, reason=reason)
    return allowance


def _queue(session: Session, allowance_id: str, kind: str, at: datetime) -> None:
    session.add(AllowanceOutboxEntry(allowance_id=allowance_id, kind=kind, state="waiting", next_attempt_at=at,
                                     created_at=at, updated_at=at))


def _cancellable(session: Session, allowance_id: str, at: datetime) -> AllowanceRow:
    row = session.get(AllowanceRow, allowance_id)
    if row is None:
        raise ValidationError(AllowanceCode.NOT_HERE, allowance_id=allowance_id)
    if row.cancelled:
        raise ValidationError(AllowanceCode.ALREADY_CANCELLED, number=row.number)
    now_in = period_of(at)
    if now_in.code != row.period_code:
        raise ValidationError(AllowanceCode.CANCEL_OTHER_PERIOD, number=row.number,
                              period=Period.from_code(row.period_code).label, cancelled=now_in.label)
    return row


def check_cancellable(session: Session, allowance_id: str, at: datetime) -> None:
    _cancellable(session, allowance_id, at)


def cancel(session: Session, allowance_id: str, *, at: datetime, staff_id: str, manager_id: str,
           reason: str) -> None:
    """作廢折讓 within the allowance's own period: marked, queued for HQ (after the allowance) and audited,
    in the caller's write transaction."""
    reason = check_reason(reason)
    row = _cancellable(session, allowance_id, at)
    row.cancelled, row.cancelled_at, row.cancel_reason, row.cancelled_by = True, at, reason, manager_id
    session.add(row)
    _queue(session, allowance_id, CANCEL, at)
    record(session, AuditAction.ALLOWANCE_CANCEL, at=at, staff_id=staff_id, approved_by=manager_id,
           order_id=row.order_id, allowance_id=allowance_id, number=row.number, reason=reason)


def load(session: Session, allowance_id: str) -> Allowance | None:
    row = session.get(AllowanceRow, allowance_id)
    if row is None:
        return None
    lines = tuple(AllowanceLine(r.position, r.original_position, r.sku, r.quantity, r.amount, r.tax)
                  for r in session.exec(select(AllowanceLineRow).where(AllowanceLineRow.allowance_id == allowance_id)
                                        .order_by(col(AllowanceLineRow.position))))
    refunds = tuple(Refund(PaymentKind(r.kind), r.amount, r.reference)
                    for r in session.exec(select(AllowanceRefundRow)
                                          .where(AllowanceRefundRow.allowance_id == allowance_id)
                                          .order_by(col(AllowanceRefundRow.id))))
    return Allowance(row.id, row.number, row.order_id, row.issued_at, row.original_invoice_number,
                     row.original_invoice_date, lines, refunds, row.reason, row.staff_id, row.approved_by,
                     row.cancelled)


def of_order(session: Session, order_id: str) -> list[Allowance]:
    ids = session.exec(select(AllowanceRow.id).where(AllowanceRow.order_id == order_id)
                       .order_by(col(AllowanceRow.issued_at), col(AllowanceRow.number))).all()
    return [a for a in (load(session, i) for i in ids) if a is not None]

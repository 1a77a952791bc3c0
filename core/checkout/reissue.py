"""A return within the invoice's period: the original invoice is voided (作廢) and, when lines are kept, a
new invoice is issued for them by the checkout's own writer (write_sale): next number from this station's
booklets, a new random code, the original's buyer, carrier or donation, the new order naming the voided one.
Void, new order and invoice, both outbox rows, refunds and audit are one write transaction.

After the period (or once an allowance stands against the order) a return is an allowance instead
(core/store/allowances.py); `plan` says which way the till goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from core.checkout.cart import CartLine, ProductType
from core.checkout.invoice_request import CarrierType, InvoiceRequest
from core.checkout.payments import AppliedPayment, Settlement
from core.checkout.seller import Seller
from core.checkout.service import Sale, SaleDraft, write_sale
from core.einvoice import Period, period_of
from core.errors import ValidationError
from core.messages import AllowanceCode, CheckoutCode
from core.payment_kind import PaymentKind
from core.store.allowances import Refund, returned_quantities
from core.store.audit import AuditAction, record
from core.store.orders import void_order
from core.store.returned_lines import returned_lines
from core.store.tables import AllowanceRow, Invoice, Order, OrderLine, Payment, ReturnRefund

REISSUE, ALLOWANCE = "reissue", "allowance"
REASON_MAX = 200  # the void's reason as HQ takes it


@dataclass(frozen=True)
class ReturnableLine:
    position: int  # the line's position on the order, as return_in_period and return_lines take it
    sku: str
    name: str
    unit_price: int
    sold: int
    returnable: int  # sold less what allowances in force returned already


@dataclass(frozen=True)
class PaidTender:
    kind: PaymentKind
    amount: int
    reference: str


@dataclass(frozen=True)
class ReturnPlan:
    """What the return screen needs before it asks anything: which way the return goes and what is left."""

    order_id: str
    kind: str  # "reissue" while the invoice's period is open, else "allowance"
    lines: tuple[ReturnableLine, ...]
    paid: tuple[PaidTender, ...]
    printed_original: bool  # the customer holds a printed proof copy: the screen asks for it back

    @property
    def paid_total(self) -> int:
        return sum(tender.amount for tender in self.paid)


@dataclass(frozen=True)
class Reissue:
    voided_order_id: str
    sale: Sale | None  # the kept lines' new invoice; None for a full return
    refunds: tuple[Refund, ...]
    approved_by: str

    @property
    def refunded_cash(self) -> int:
        return sum(refund.amount for refund in self.refunds if refund.kind is PaymentKind.CASH)


@dataclass(frozen=True)
class _Checked:
    order: Order
    invoice: Invoice
    kept: tuple[tuple[OrderLine, int], ...]  # (line, quantity kept), kept quantity > 0
    refunds: tuple[Refund, ...]
    payments: tuple[Payment, ...]

    @property
    def kept_total(self) -> int:
        return sum(line.unit_price * quantity for line, quantity in self.kept)


def _load(session: Session, order_id: str) -> tuple[Order, Invoice]:
    order = session.get(Order, order_id)
    invoice = session.exec(select(Invoice).where(Invoice.order_id == order_id)).first()
    if order is None or invoice is None:
        raise ValidationError(CheckoutCode.ORDER_UNKNOWN, value=order_id)
    if order.status == "voided" or invoice.voided:
        raise ValidationError(AllowanceCode.RETURN_VOIDED, order_no=order.order_no, number=invoice.number)
    return order, invoice


def _has_allowances(session: Session, order_id: str) -> bool:
    """An allowance in force stands against the invoice: voiding it would leave the allowance orphaned."""
    return session.exec(select(AllowanceRow.id).where(
        AllowanceRow.order_id == order_id, col(AllowanceRow.cancelled).is_(False))).first() is not None


def _lines(session: Session, order_id: str) -> list[OrderLine]:
    return list(session.exec(select(OrderLine).where(OrderLine.order_id == order_id)
                             .order_by(col(OrderLine.position))))


def _payments(session: Session, order_id: str) -> tuple[Payment, ...]:
    return tuple(session.exec(select(Payment).where(Payment.order_id == order_id).order_by(col(Payment.id))))


def plan(session: Session, order_id: str, at: datetime) -> ReturnPlan:
    order, invoice = _load(session, order_id)
    before = returned_quantities(session, order_id)
    in_period = period_of(at).code == invoice.period_code
    kind = REISSUE if in_period and not _has_allowances(session, order_id) else ALLOWANCE
    lines = tuple(ReturnableLine(line.position, line.sku, line.name, line.unit_price, line.quantity,
                                 line.quantity - before.get(line.position, 0)) for line in _lines(session, order_id))
    paid = tuple(PaidTender(PaymentKind(p.kind), p.amount, p.reference) for p in _payments(session, order_id))
    return ReturnPlan(order.id, kind, lines, paid, printed_original=invoice.print_mark and invoice.print_count > 0)


def check_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(AllowanceCode.RETURN_REASON_REQUIRED)
    return reason[:REASON_MAX]


def check(session: Session, order_id: str, returned: Sequence[tuple[int, int]], refunds: Sequence[Refund] | None,
          at: datetime) -> _Checked:
    """Everything a return within the period must meet, or the ValidationError saying why not; run before the
    manager's PIN and again inside the write."""
    order, invoice = _load(session, order_id)
    if period_of(at).code != invoice.period_code:
        raise ValidationError(AllowanceCode.RETURN_PERIOD_OVER, number=invoice.number,
                              period=Period.from_code(invoice.period_code).label, now=period_of(at).label)
    if _has_allowances(session, order_id):
        raise ValidationError(AllowanceCode.RETURN_HAS_ALLOWANCES, number=invoice.number)
    sold = {line.position: line for line in _lines(session, order_id)}
    # Nothing returned before: a return within the period is refused above once any allowance stands.
    asked = returned_lines(sold, returned, already={})
    kept = tuple((line, line.quantity - asked.get(position, 0)) for position, line in sorted(sold.items())
                 if line.quantity > asked.get(position, 0))
    if kept and invoice.manual:
        raise ValidationError(AllowanceCode.RETURN_MANUAL_PARTIAL, number=invoice.number)
    payments = _payments(session, order_id)
    paid = sum(p.amount for p in payments)
    due = paid - sum(line.unit_price * quantity for line, quantity in kept)
    chosen = tuple(refunds) if refunds is not None else (Refund(PaymentKind.CASH, due),)
    chosen = tuple(Refund(PaymentKind.parse(r.kind), r.amount, r.reference.strip()) for r in chosen if r.amount != 0)
    refund = sum(r.amount for r in chosen)
    if any(r.amount < 0 for r in chosen) or due < 0 or refund != due:
        raise ValidationError(AllowanceCode.RETURN_REFUND_MISMATCH, refund=refund, due=max(due, 0), paid=paid)
    return _Checked(order, invoice, kept, chosen, payments)


def _kept_payments(payments: Sequence[Payment], refunds: Sequence[Refund]) -> tuple[AppliedPayment, ...]:
    """The original's payments less the refunds, each refund taken from a payment of its own kind first:
    what the customer still pays for the kept lines. The change was handed back at the sale itself."""
    owed: dict[str, int] = {}
    for refund in refunds:
        owed[refund.kind.value] = owed.get(refund.kind.value, 0) + refund.amount
    left = []
    for payment in payments:
        cut = min(payment.amount, owed.get(payment.kind, 0))
        owed[payment.kind] = owed.get(payment.kind, 0) - cut
        left.append(payment.amount - cut)
    rest = sum(owed.values())
    for index, amount in enumerate(left):
        cut = min(amount, rest)
        left[index], rest = amount - cut, rest - cut
    return tuple(AppliedPayment(PaymentKind(p.kind), amount, amount, 0, p.reference)
                 for p, amount in zip(payments, left, strict=True) if amount > 0)


def _same_invoice_options(invoice: Invoice) -> InvoiceRequest:
    carrier = CarrierType(invoice.carrier_type) if invoice.carrier_type is not None else None
    return InvoiceRequest(buyer_ban=invoice.buyer_ban, carrier_type=carrier, carrier_id=invoice.carrier_id,
                          donation_code=invoice.donation_code).validated()


def reissue(session: Session, seller: Seller, order_id: str, returned: Sequence[tuple[int, int]],
            refunds: Sequence[Refund] | None, *, at: datetime, staff_id: str, manager_id: str, reason: str,
            offline: bool = False) -> Reissue:
    """Void the order and issue the kept lines' invoice, refunds and audit; call in one write transaction
    after the manager's PIN is checked (every rule is checked again here, under the write lock). `refunds`
    None: all in cash."""
    reason = check_reason(reason)
    checked = check(session, order_id, returned, refunds, at)
    order, invoice = checked.order, checked.invoice
    void_order(session, order_id, at=at, staff_id=staff_id, manager_id=manager_id, reason=reason)
    sale = None
    if checked.kept:
        lines = [CartLine(line.sku, line.name, quantity, line.unit_price, ProductType(line.product_type),
                          catalog_price=line.catalog_price) for line, quantity in checked.kept]
        payments = _kept_payments(checked.payments, checked.refunds)
        draft = SaleDraft(lines, [line.price_approved_by for line, _ in checked.kept], Settlement(payments, 0),
                          _same_invoice_options(invoice), staff_id, customer_id=order.customer_id,
                          customer_phone=order.customer_phone, offline=offline, reissue_of=order_id)
        sale = write_sale(session, seller, at, draft)
    for refund in checked.refunds:
        session.add(ReturnRefund(order_id=order_id, refunded_at=at, kind=refund.kind.value, amount=refund.amount,
                                 reference=refund.reference))
    record(session, AuditAction.REISSUE, at=at, staff_id=staff_id, approved_by=manager_id, order_id=order_id,
           number=invoice.number, new_order_id=sale.order_id if sale else None,
           new_number=sale.invoice_number if sale else None, returned=[list(pair) for pair in returned],
           refunds=[[r.kind.value, r.amount, r.reference] for r in checked.refunds], reason=reason)
    return Reissue(order_id, sale, checked.refunds, manager_id)


def refunds_of(session: Session, order_id: str) -> tuple[Refund, ...]:
    rows = session.exec(select(ReturnRefund).where(ReturnRefund.order_id == order_id).order_by(col(ReturnRefund.id)))
    return tuple(Refund(PaymentKind(r.kind), r.amount, r.reference) for r in rows)


def refund_reissued_void(session: Session, order_id: str, at: datetime) -> None:
    """A plain void of a reissued order hands back what the customer kept paying for it: its money came in
    with its original (never counted again), so the shift sees it go out as refunds, per tender. Call in the
    void's write transaction; an ordinary order's void writes nothing here."""
    order = session.get(Order, order_id)
    if order is None or order.reissue_of is None:
        return
    for payment in _payments(session, order_id):
        session.add(ReturnRefund(order_id=order_id, refunded_at=at, kind=payment.kind, amount=payment.amount,
                                 reference=payment.reference))


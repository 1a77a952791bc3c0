"""Checkout: one durable transaction turns a cart into an order, an invoice and an outbox row."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from core.checkout.approvals import PriceApprovals, price_floors
from core.checkout.cart import CartLine
from core.checkout.invoice_request import InvoiceRequest
from core.checkout.payments import Settlement, Tender, settle
from core.checkout.seller import Seller
from core.clock import Clock
from core.einvoice import Period, ProofCopy, ProofLine, period_of, qr_payloads, random_code, split_tax
from core.errors import NoInvoiceNumberError, ValidationError
from core.limits import MAX_ORDER_TOTAL
from core.messages import CheckoutCode, InvoiceCode
from core.store import Database
from core.store.audit import AuditAction, record
from core.store.booklets import in_own_booklets, numbers_left, take_number
from core.store.catalog import staff_known
from core.store.counters import bump
from core.store.table_insert import insert_rows
from core.store.tables import Invoice, Order, OrderLine, OutboxEntry, Payment

ORDER_COUNTER = "order_seq"
LOW_NUMBERS = 20  # below this many numbers left in the period, each sale says so in the log
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckoutRequest:
    lines: Sequence[CartLine]
    tenders: Sequence[Tender]
    invoice: InvoiceRequest
    staff_id: str
    customer_id: str | None = None
    customer_phone: str | None = None
    offline: bool = False


@dataclass(frozen=True)
class Sale:
    """What the screen shows and the printer needs once the sale is safely on disk."""

    order_id: str
    order_no: str
    created_at: datetime
    total: int
    change: int
    invoice_number: str
    random_code: str | None
    manual: bool
    print_mark: bool
    proof_copy: ProofCopy | None  # None when nothing is owed on paper (carrier, donation, manual)
    numbers_left: int  # in the sale's period, so the screen can warn before they run out


def _validate(request: CheckoutRequest) -> tuple[int, Settlement, InvoiceRequest]:
    if not request.lines:
        raise ValidationError(CheckoutCode.CART_EMPTY)
    total = sum(line.amount for line in request.lines)
    if total == 0:
        raise ValidationError(InvoiceCode.ZERO_VALUE)
    if total > MAX_ORDER_TOTAL:
        raise ValidationError(CheckoutCode.ORDER_TOO_LARGE, value=total, maximum=MAX_ORDER_TOTAL)
    return total, settle(total, request.tenders), request.invoice.validated()


def _issue_number(session: Session, invoice: InvoiceRequest, period: Period) -> str:
    if invoice.manual_number is None:
        number = take_number(session, period)
        if number is None:
            raise NoInvoiceNumberError(InvoiceCode.NO_NUMBERS, period=period.label)
        return number
    number = invoice.manual_number
    if in_own_booklets(session, number):
        raise ValidationError(InvoiceCode.MANUAL_NUMBER_IN_BOOKLET, value=number)
    used = session.exec(
        select(Invoice.id).where(Invoice.period_code == period.code, Invoice.number == number)
    ).first()
    if used is not None:
        raise ValidationError(InvoiceCode.MANUAL_NUMBER_USED, value=number)
    return number


def _approvers(session: Session, lines: Sequence[CartLine], approvals: PriceApprovals | None) -> list[str | None]:
    """Per line, the manager who allowed its price; a line below its known price without an approval the
    Station issued is refused (core.checkout.approvals)."""
    approvers = []
    for line, floor in zip(lines, price_floors(session, lines), strict=True):
        approver = approvals.approver(line) if approvals is not None else None
        if floor is not None and approver is None:
            raise ValidationError(CheckoutCode.PRICE_BELOW_CATALOG, name=line.name, price=line.unit_price,
                                  catalog=floor)
        approvers.append(approver if floor is not None else None)
    return approvers


@dataclass(frozen=True)
class SaleDraft:
    """A sale checked and priced, ready to write: what checkout and a return's new invoice both issue."""

    lines: Sequence[CartLine]
    approvers: Sequence[str | None]  # per line, the manager who allowed its price
    settlement: Settlement
    invoice: InvoiceRequest  # validated
    staff_id: str
    customer_id: str | None = None
    customer_phone: str | None = None
    offline: bool = False
    reissue_of: str | None = None  # the voided order a return's new invoice replaces

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


def write_sale(session: Session, seller: Seller, now: datetime, draft: SaleDraft) -> Sale:
    """Write order + lines + payments + invoice + outbox row in the caller's write transaction, taking the
    next number of `now`'s period (NoInvoiceNumberError when none is left) and a new random code. `now` is
    whole seconds: the stored time and the printed time must be the same text."""
    period = period_of(now)
    order_id = str(uuid.uuid4())
    invoice = draft.invoice
    total = draft.total
    code = None if invoice.is_manual else random_code()
    sales, tax = split_tax(total)
    lines = list(draft.lines)
    number = _issue_number(session, invoice, period)
    seq = bump(session, ORDER_COUNTER)
    order_no = f"{seller.station_id}-{seq:06d}"
    qr_left = qr_right = None
    if code is not None:
        qr_left, qr_right = qr_payloads(
            number=number, random_code=code, issued=now, total=total, seller_ban=seller.ban,
            buyer_ban=invoice.buyer_ban, items=[(ln.name, ln.quantity, ln.unit_price) for ln in lines],
            aes_key_hex=seller.aes_key_hex, encoding=seller.qr_encoding, max_version=seller.max_qr_version,
        )
    # Core inserts (core.store.table_insert): each row written once, in the caller's one transaction.
    insert_rows(session, Order, [{
        "id": order_id, "order_no": order_no, "seq": seq, "station_id": seller.station_id, "created_at": now,
        "staff_id": draft.staff_id, "customer_id": draft.customer_id, "customer_phone": draft.customer_phone,
        "total": total, "offline": draft.offline, "reissue_of": draft.reissue_of,
    }])
    insert_rows(session, OrderLine, [{
        "order_id": order_id, "position": position, "sku": line.sku, "name": line.name,
        "product_type": line.product_type.value, "quantity": line.quantity, "unit_price": line.unit_price,
        "catalog_price": line.catalog_price, "amount": line.amount, "price_approved_by": approver,
    } for position, (line, approver) in enumerate(zip(lines, draft.approvers, strict=True), start=1)])
    for line, approver in zip(lines, draft.approvers, strict=True):
        if draft.reissue_of is None and (line.price_overridden or approver is not None):
            record(session, AuditAction.PRICE_OVERRIDE, at=now, staff_id=draft.staff_id, approved_by=approver,
                   order_id=order_id, sku=line.sku, catalog_price=line.catalog_price,
                   entered_price=line.unit_price, product_type=line.product_type.value)
    insert_rows(session, Payment, [{
        "order_id": order_id, "kind": payment.kind.value, "amount": payment.amount,
        "tendered": payment.tendered, "change": payment.change, "reference": payment.reference,
    } for payment in draft.settlement.payments])
    insert_rows(session, Invoice, [{
        "order_id": order_id, "number": number, "period_code": period.code, "random_code": code,
        "issued_at": now, "total": total, "sales": sales, "tax": tax, "seller_ban": seller.ban,
        "buyer_ban": invoice.buyer_ban,
        "carrier_type": invoice.carrier_type.value if invoice.carrier_type else None,
        "carrier_id": invoice.carrier_id, "donation_code": invoice.donation_code, "qr_left": qr_left,
        "qr_right": qr_right, "qr_encoding": seller.qr_encoding, "print_mark": invoice.print_mark,
        "manual": invoice.is_manual,
    }])
    if invoice.is_manual:
        record(session, AuditAction.MANUAL_INVOICE, at=now, staff_id=draft.staff_id,
               order_id=order_id, number=number)
    insert_rows(session, OutboxEntry, [{"order_id": order_id, "next_attempt_at": now, "created_at": now,
                                        "updated_at": now}])
    left = numbers_left(session, period)

    proof = None
    if invoice.print_mark and code is not None and qr_left is not None and qr_right is not None:
        proof = ProofCopy(
            seller_name=seller.name, seller_ban=seller.ban, number=number, random_code=code, issued=now,
            total=total, lines=tuple(ProofLine(ln.name, ln.quantity, ln.unit_price) for ln in lines),
            qr_left=qr_left, qr_right=qr_right, qr_encoding=seller.qr_encoding, buyer_ban=invoice.buyer_ban,
        )
    return Sale(order_id=order_id, order_no=order_no, created_at=now, total=total, change=draft.settlement.change,
                invoice_number=number, random_code=code, manual=invoice.is_manual,
                print_mark=invoice.print_mark, proof_copy=proof, numbers_left=left)


def checkout(db: Database, seller: Seller, clock: Clock, request: CheckoutRequest,
             approvals: PriceApprovals | None = None) -> Sale:
    """Validate everything, then write order + lines + payments + invoice + outbox row at once.

    Any error leaves the database exactly as it was: nothing printed, no number consumed. A line priced
    below the price the station knows for it needs a manager's approval from `approvals` (the Station's).
    """
    total, settlement, invoice = _validate(request)
    # Whole seconds: the stored time and the printed time must be the same text.
    now = clock.now().replace(microsecond=0)
    lines = list(request.lines)

    with db.write() as session:
        if not staff_known(session, request.staff_id):
            raise ValidationError(CheckoutCode.STAFF_UNKNOWN, value=request.staff_id)
        approvers = _approvers(session, lines, approvals)
        sale = write_sale(session, seller, now, SaleDraft(
            lines, approvers, settlement, invoice, request.staff_id, customer_id=request.customer_id,
            customer_phone=request.customer_phone, offline=request.offline))
    if approvals is not None:
        approvals.used(lines)
    # Logged once committed, for support: what was sold, never the seller's key or a carrier/buyer detail.
    log.info("sale committed: order %s (%s), invoice %s%s, total %d, %d lines, staff %s%s", sale.order_no,
             sale.order_id, sale.invoice_number, " (manual)" if invoice.is_manual else "", total, len(lines),
             request.staff_id, ", offline" if request.offline else "")
    if sale.numbers_left < LOW_NUMBERS:
        log.warning("invoice numbers left for %s: %d", period_of(now).code, sale.numbers_left)
    return sale

"""Reading issued invoices back, and the print bookkeeping the immutable invoice allows."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from core.einvoice import ProofCopy, ProofLine, format_invoice_number
from core.errors import CashierError, ValidationError
from core.messages import CheckoutCode, InvoiceCode
from core.store.tables import Invoice, OrderLine


def invoice_of(session: Session, order_id: str) -> Invoice:
    invoice = session.exec(select(Invoice).where(Invoice.order_id == order_id)).first()
    if invoice is None:
        raise ValidationError(CheckoutCode.ORDER_UNKNOWN, value=order_id)
    return invoice


def proof_copy_of(session: Session, order_id: str, seller_name: str) -> ProofCopy | None:
    """The proof copy exactly as issued (codes included), or None where the rules give none: a hand-written
    invoice, or one on a carrier or donated (PrintMark N; core.store.paper gives those a 交易明細 slip).
    A voided invoice is refused: it is never printed again."""
    invoice = invoice_of(session, order_id)
    if invoice.voided:
        raise CashierError(InvoiceCode.PRINT_VOIDED, number=format_invoice_number(invoice.number))
    if not invoice.print_mark or invoice.manual:
        return None
    if invoice.random_code is None or invoice.qr_left is None or invoice.qr_right is None:
        return None
    lines = session.exec(select(OrderLine).where(OrderLine.order_id == order_id).order_by(col(OrderLine.position)))
    return ProofCopy(
        seller_name=seller_name, seller_ban=invoice.seller_ban, number=invoice.number,
        random_code=invoice.random_code, issued=invoice.issued_at, total=invoice.total,
        lines=tuple(ProofLine(line.name, line.quantity, line.unit_price) for line in lines),
        qr_left=invoice.qr_left, qr_right=invoice.qr_right, qr_encoding=invoice.qr_encoding,
        buyer_ban=invoice.buyer_ban, reprint=invoice.print_count > 0,
    )


def record_copy(session: Session, order_id: str, *, at: datetime, complete: bool) -> int:
    """Count a copy that reached the paper; `complete` when the printer confirmed all of it.

    A torn copy counts too: the buyer may hold part of it, so whatever prints next is a 補印.
    """
    invoice = invoice_of(session, order_id)
    invoice.print_count += 1
    if complete:
        invoice.printed_at = at
    session.add(invoice)
    return invoice.print_count


def unprinted_orders(session: Session) -> list[str]:
    """Orders whose buyer is still owed a complete proof copy, oldest first."""
    rows = session.exec(
        select(Invoice.order_id)
        .where(col(Invoice.print_mark), col(Invoice.printed_at).is_(None), col(Invoice.voided).is_(False))
        .order_by(col(Invoice.issued_at))
    )
    return list(rows)

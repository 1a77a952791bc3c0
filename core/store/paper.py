"""Which paper the rules allow for an issued invoice, and who may ask for it (einvoice.md, "Who gets a
printed proof copy"). Every print of a sale goes through here, so hiding a key on a screen is never the
only guard:

- plain B2C or B2B: the 電子發票證明聯; the first copy that reaches paper is the original, each later one
  is a 補印; the first 補印 the cashier may ask, the second and later need a manager's PIN;
- on a carrier (手機條碼, 自然人憑證) or donated: never a proof copy (PrintMark N), a 交易明細 slip instead,
  counted apart (slip_count) so the proof copy's bookkeeping (print_count, printed_at) stays untouched;
- hand-written (自行開立): nothing, the buyer holds the paper invoice;
- voided (作廢): nothing, ever again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlmodel import Session, col, select

from core.einvoice import ProofCopy, ProofLine, format_invoice_number
from core.errors import CashierError
from core.messages import InvoiceCode
from core.payment_kind import paper_label
from core.printer.documents import NoProofCopy, TransactionDetails
from core.store.audit import AuditAction, record
from core.store.invoices import invoice_of, proof_copy_of
from core.store.people import StaffMember, check_manager
from core.store.tables import Order, OrderLine, Payment

CASHIER_REPRINTS = 1  # 補印 of one proof copy a cashier may ask alone; later ones need a manager


@dataclass(frozen=True)
class Paper:
    """What the next print of an order puts on paper (None: nothing may print) and why."""

    order_id: str
    number: str
    document: ProofCopy | TransactionDetails | None
    no_proof: NoProofCopy | None  # why there is no proof copy; None when there is one
    voided: bool
    proof_copies: int  # proof copies that reached paper, torn ones included (print_count)

    @property
    def reprint(self) -> bool:
        return self.document is not None and self.document.reprint

    @property
    def reprints(self) -> int:
        """補印 of the proof copy so far (every copy after the first)."""
        return max(0, self.proof_copies - 1)

    @property
    def needs_manager(self) -> bool:
        return isinstance(self.document, ProofCopy) and self.document.reprint and self.reprints >= CASHIER_REPRINTS


class InvoiceFacts(Protocol):
    """What decides the paper: a stored Invoice has these, and so has what a buyer asks for at checkout."""

    @property
    def manual(self) -> bool: ...
    @property
    def print_mark(self) -> bool: ...
    @property
    def donation_code(self) -> str | None: ...
    @property
    def carrier_type(self) -> str | None: ...


def no_proof_reason(invoice: InvoiceFacts) -> NoProofCopy | None:
    if invoice.manual:
        return NoProofCopy.MANUAL
    if invoice.print_mark:
        return None
    if invoice.donation_code:
        return NoProofCopy.DONATION
    return NoProofCopy.CITIZEN if invoice.carrier_type == NoProofCopy.CITIZEN.value else NoProofCopy.MOBILE


def details_slip_of(session: Session, order_id: str, store_name: str) -> TransactionDetails | None:
    """The 交易明細 slip of a sale on a carrier or donated (None for any other invoice): items, payments and
    change, the invoice number and, in words, that it is not a proof copy. No barcode, no QR code."""
    invoice = invoice_of(session, order_id)
    if invoice.voided:
        raise CashierError(InvoiceCode.PRINT_VOIDED, number=format_invoice_number(invoice.number))
    reason = no_proof_reason(invoice)
    if reason is None or reason is NoProofCopy.MANUAL:
        return None
    order = session.get(Order, order_id)
    lines = session.exec(select(OrderLine).where(OrderLine.order_id == order_id).order_by(col(OrderLine.position)))
    payments = list(session.exec(select(Payment).where(Payment.order_id == order_id).order_by(col(Payment.id))))
    return TransactionDetails(
        store_name=store_name, order_ref=order.order_no if order else order_id, issued=invoice.issued_at,
        lines=tuple(ProofLine(line.name, line.quantity, line.unit_price) for line in lines),
        payments=tuple((paper_label(p.kind), p.tendered) for p in payments),
        change=sum(p.change for p in payments), invoice_number=invoice.number,
        station_id=order.station_id if order else "", reprint=invoice.slip_count > 0, no_proof=reason.value,
        donation_code=invoice.donation_code)


def paper_of(session: Session, order_id: str, seller_name: str) -> Paper:
    invoice = invoice_of(session, order_id)
    reason = no_proof_reason(invoice)
    document: ProofCopy | TransactionDetails | None = None
    if not invoice.voided:
        document = proof_copy_of(session, order_id, seller_name) if reason is None \
            else details_slip_of(session, order_id, seller_name)
    return Paper(order_id, invoice.number, document, reason, invoice.voided, invoice.print_count)


def approver(session: Session, paper: Paper, manager_pin: str | None) -> StaffMember | None:
    """Refuse what may not print; the manager whose PIN allows a 2nd or later 補印 (a PIN typed is checked
    even where none was needed, so its approval is recorded). Raises a CashierError; writes nothing."""
    if paper.voided:
        raise CashierError(InvoiceCode.PRINT_VOIDED, number=format_invoice_number(paper.number))
    if manager_pin is None:
        if paper.needs_manager:
            raise CashierError(InvoiceCode.PRINT_REPRINT_NEEDS_MANAGER, number=format_invoice_number(paper.number),
                               reprints=paper.reprints)
        return None
    return check_manager(session, manager_pin)


def audit_reprint(session: Session, paper: Paper, *, at: datetime, staff_id: str,
                  approved_by: str | None = None) -> None:
    """Who asked for a 補印 and who approved it: a proof copy's as `reprint`, a slip's as `details_reprint`."""
    invoice = invoice_of(session, paper.order_id)
    if isinstance(paper.document, TransactionDetails):
        record(session, AuditAction.DETAILS_REPRINT, at=at, staff_id=staff_id, approved_by=approved_by,
               order_id=paper.order_id, number=invoice.number, copy=invoice.slip_count + 1)
        return
    record(session, AuditAction.REPRINT, at=at, staff_id=staff_id, approved_by=approved_by, order_id=paper.order_id,
           number=invoice.number, copy=invoice.print_count + 1)


def record_slip(session: Session, order_id: str) -> int:
    """Count a 交易明細 slip that reached paper; the proof copy's print_count and printed_at stay as they are."""
    invoice = invoice_of(session, order_id)
    invoice.slip_count += 1
    session.add(invoice)
    return invoice.slip_count

"""The 折讓證明單 on paper: what the next print of an allowance says, and which copies reached paper.

Every copy that reached the printer is an audit row (allowance_paper: which copy, complete or torn), and
every 補印 asked for is one too (allowance_reprint: who asked), so the allowance's own row, copied from
the till as issued, never changes for printing. As with a proof copy, a torn copy counts: whatever prints
next is a 補印, and no second original can exist. A cancelled allowance (作廢折讓) never prints again.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session, col, select

from core.errors import CashierError
from core.messages import AllowanceCode
from core.printer.documents import AllowanceSlip, AllowanceSlipLine
from core.store.audit import AuditAction, record
from core.store.tables import AllowanceLineRow, AllowanceRow, AuditEntry, Invoice, Order, OrderLine


def _row(session: Session, allowance_id: str) -> AllowanceRow:
    row = session.get(AllowanceRow, allowance_id)
    if row is None:
        raise CashierError(AllowanceCode.NOT_HERE, allowance_id=allowance_id)
    return row


def _copies(session: Session, row: AllowanceRow) -> list[dict[str, object]]:
    entries = session.exec(select(AuditEntry).where(AuditEntry.order_id == row.order_id,
                                                    AuditEntry.action == AuditAction.ALLOWANCE_PAPER.value))
    details = (json.loads(entry.detail) for entry in entries)
    return [detail for detail in details if detail.get("allowance_id") == row.id]


def copies_printed(session: Session, allowance_id: str) -> int:
    """Copies of the allowance's 折讓證明單 that reached paper, torn ones included."""
    return len(_copies(session, _row(session, allowance_id)))


def allowance_slip_of(session: Session, allowance_id: str, seller_name: str) -> AllowanceSlip:
    """The 折讓證明單 as issued: the original once none reached paper, a 補印 after. Refused (a CashierError)
    for an allowance this station does not hold or one cancelled."""
    row = _row(session, allowance_id)
    if row.cancelled:
        raise CashierError(AllowanceCode.PRINT_CANCELLED, number=row.number)
    order = session.get(Order, row.order_id)
    invoice = session.exec(select(Invoice).where(Invoice.order_id == row.order_id)).one()
    sold = {line.position: line for line in session.exec(select(OrderLine).where(OrderLine.order_id == row.order_id))}
    lines = session.exec(select(AllowanceLineRow).where(AllowanceLineRow.allowance_id == allowance_id)
                         .order_by(col(AllowanceLineRow.position)))
    return AllowanceSlip(
        seller_name=seller_name, seller_ban=invoice.seller_ban, number=row.number, issued=row.issued_at,
        original_number=row.original_invoice_number, original_date=row.original_invoice_date,
        lines=tuple(AllowanceSlipLine(
            sold[line.original_position].name if line.original_position in sold else line.sku, line.quantity,
            sold[line.original_position].unit_price if line.original_position in sold else 0, line.amount, line.tax)
            for line in lines),
        reason=row.reason, buyer_ban=invoice.buyer_ban, station_id=order.station_id if order else "",
        reprint=bool(_copies(session, row)))


def record_allowance_copy(session: Session, allowance_id: str, *, at: datetime, staff_id: str,
                          complete: bool) -> int:
    """Count a copy that reached the paper; which copy it was (1: the original)."""
    row = _row(session, allowance_id)
    copy = len(_copies(session, row)) + 1
    record(session, AuditAction.ALLOWANCE_PAPER, at=at, staff_id=staff_id, order_id=row.order_id,
           allowance_id=allowance_id, number=row.number, copy=copy, complete=complete)
    return copy


def audit_allowance_reprint(session: Session, allowance_id: str, *, at: datetime, staff_id: str) -> None:
    row = _row(session, allowance_id)
    record(session, AuditAction.ALLOWANCE_REPRINT, at=at, staff_id=staff_id, order_id=row.order_id,
           allowance_id=allowance_id, number=row.number, copy=len(_copies(session, row)) + 1)


def unprinted_allowances(session: Session) -> list[str]:
    """Allowances in force whose 折讓證明單 never reached paper complete, oldest first."""
    return list(session.execute(text(
        "SELECT a.id FROM allowances a WHERE NOT a.cancelled AND NOT EXISTS ("
        " SELECT 1 FROM audit_log l WHERE l.order_id = a.order_id AND l.action = :action"
        " AND json_extract(l.detail, '$.allowance_id') = a.id AND json_extract(l.detail, '$.complete'))"
        " ORDER BY a.issued_at, a.number"), {"action": AuditAction.ALLOWANCE_PAPER.value}).scalars())

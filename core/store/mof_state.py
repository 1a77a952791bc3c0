"""The platform state of this station's invoices, as HQ reports it: which orders to ask about, what HQ said,
and the oldest invoice the platform has not accepted yet (the doctor's line)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, col, select

from core.store.tables import Invoice, MofStateRow, OutboxEntry

DONE = ("accepted", "skipped")
ASK_LIMIT = 500


@dataclass(frozen=True)
class PlatformState:
    kind: str
    invoice_number: str
    state: str
    error_code: str | None
    error_text: str | None
    updated_at: datetime
    checked_at: datetime


@dataclass(frozen=True)
class OpenInvoice:
    """The oldest e-invoice of this till the platform has not accepted (state None: HQ has said nothing yet)."""

    order_id: str
    number: str
    issued_at: datetime
    state: str | None
    error_code: str | None


def _view(row: MofStateRow) -> PlatformState:
    return PlatformState(row.kind, row.invoice_number, row.state, row.error_code, row.error_text, row.updated_at,
                         row.checked_at)


def _not_done() -> ColumnElement[bool]:
    # Not accepted yet, or accepted as issued but voided since (its F0501 is then what matters).
    return or_(col(MofStateRow.order_id).is_(None),
               col(MofStateRow.state).not_in(DONE),
               and_(col(Invoice.voided) == True, col(MofStateRow.kind) == "F0401"))  # noqa: E712


def orders_to_ask(session: Session, limit: int = ASK_LIMIT) -> list[str]:
    """Orders HQ has, whose invoice the platform has not (yet) accepted: the ones worth asking HQ about."""
    query = (select(Invoice.order_id).join(OutboxEntry, col(OutboxEntry.order_id) == Invoice.order_id)
             .outerjoin(MofStateRow, col(MofStateRow.order_id) == Invoice.order_id)
             .where(OutboxEntry.state == "success", Invoice.manual == False, _not_done())  # noqa: E712
             .order_by(col(Invoice.issued_at)).limit(limit))
    return list(session.exec(query).all())


def record(session: Session, states: Iterable[tuple[str, str, str, str, str | None, str | None, datetime]],
           now: datetime) -> int:
    """(order id, kind, number, state, code, text, HQ's time) per order HQ answered for."""
    count = 0
    for order_id, kind, number, state, code, text, at in states:
        row = session.get(MofStateRow, order_id) or MofStateRow(order_id=order_id, kind=kind, invoice_number=number,
                                                                state=state, updated_at=at, checked_at=now)
        row.kind, row.invoice_number, row.state, row.error_code, row.error_text = kind, number, state, code, text
        row.updated_at, row.checked_at = at, now
        session.add(row)
        count += 1
    return count


def state_of(session: Session, order_id: str) -> PlatformState | None:
    row = session.get(MofStateRow, order_id)
    return _view(row) if row is not None else None


def oldest_open(session: Session) -> OpenInvoice | None:
    query = (select(Invoice, MofStateRow).outerjoin(MofStateRow, col(MofStateRow.order_id) == Invoice.order_id)
             .where(Invoice.manual == False, _not_done())  # noqa: E712
             .order_by(col(Invoice.issued_at)).limit(1))
    found = session.exec(query).first()
    if found is None:
        return None
    invoice, row = found
    return OpenInvoice(invoice.order_id, invoice.number, invoice.issued_at, row.state if row else None,
                       row.error_code if row else None)

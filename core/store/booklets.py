"""Booklet bookkeeping: registering ranges and taking the next number inside a sale's transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from core.einvoice import BOOKLET_SIZE, Booklet, Period, period_of
from core.einvoice.numbers import join_number, split_number
from core.errors import NoInvoiceNumberError, ValidationError
from core.messages import BackupCode, InvoiceCode
from core.store.tables import Booklet as BookletRow


def add_booklet(session: Session, booklet: Booklet, now: datetime) -> BookletRow:
    """Register a booklet for this station; refuses ended periods and overlapping numbers."""
    if booklet.period < period_of(now):
        raise ValidationError(InvoiceCode.BOOKLET_PERIOD_ENDED, track=booklet.track, start=booklet.start,
                              period=booklet.period.label)
    clash = session.exec(
        select(BookletRow.id).where(
            BookletRow.period_code == booklet.period.code,
            BookletRow.track == booklet.track,
            BookletRow.start <= booklet.end,
            BookletRow.end >= booklet.start,
        )
    ).first()
    if clash is not None:
        raise ValidationError(InvoiceCode.BOOKLET_OVERLAP, track=booklet.track, start=booklet.start)
    row = BookletRow(period_code=booklet.period.code, track=booklet.track, start=booklet.start,
                     end=booklet.end, received_at=now)
    session.add(row)
    session.flush()
    return row


def take_number(session: Session, period: Period) -> str | None:
    """Consume the next unused number of `period`, or None when its booklets are used up.

    Must run in a write transaction (BEGIN IMMEDIATE): the read and the bump happen under one lock,
    and commit with the sale that uses the number or not at all. A database waiting for HQ to confirm
    its booklets' marks (core/store/resume.py) refuses, in the same transaction: the manual invoice is
    the way out until HQ answers.
    """
    from core.store.resume import pending

    if pending(session) is not None:
        raise NoInvoiceNumberError(BackupCode.INVOICE_RESUME_PENDING)
    row = session.exec(
        select(BookletRow)
        .where(BookletRow.period_code == period.code, BookletRow.next_offset < BOOKLET_SIZE)
        .order_by(col(BookletRow.received_at), col(BookletRow.track), col(BookletRow.start))
        .limit(1)
    ).first()
    if row is None:
        return None
    offset = row.next_offset
    bumped = session.exec(
        update(BookletRow)
        .where(col(BookletRow.id) == row.id, col(BookletRow.next_offset) == offset)
        .values(next_offset=offset + 1)
        .execution_options(synchronize_session=False)
    )
    if bumped.rowcount != 1:  # pragma: no cover - impossible under the write lock; fail loudly
        raise RuntimeError("booklet changed under the write lock")
    return join_number(row.track, row.start + offset)


def numbers_left(session: Session, period: Period) -> int:
    left = session.exec(
        select(func.coalesce(func.sum(BOOKLET_SIZE - BookletRow.next_offset), 0)).where(
            BookletRow.period_code == period.code
        )
    ).one()
    return int(left)


def in_own_booklets(session: Session, number: str) -> bool:
    track, value = split_number(number)
    found = session.exec(
        select(BookletRow.id).where(BookletRow.track == track, BookletRow.start <= value, BookletRow.end >= value)
    ).first()
    return found is not None


def holds_booklet(session: Session, period_code: str, track: str, start: int) -> bool:
    found = session.exec(select(BookletRow.id).where(
        BookletRow.period_code == period_code, BookletRow.track == track, BookletRow.start == start)).first()
    return found is not None

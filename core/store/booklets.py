"""Booklet bookkeeping: registering ranges and taking the next number inside a sale's transaction."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from core.einvoice import BOOKLET_SIZE, Booklet, Period, period_of
from core.einvoice.numbers import join_number, split_number
from core.errors import NoInvoiceNumberError, ValidationError
from core.messages import BackupCode, InvoiceCode
from core.store import driver_sql
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


# One statement takes the number: the oldest open booklet of the period, bumped and read back under the
# write lock the sale already holds, so no other writer can come between the read and the bump.
_TAKE = ("UPDATE booklets SET next_offset = next_offset + 1 WHERE id = ("
         "SELECT id FROM booklets WHERE period_code = ? AND next_offset < ? "
         "ORDER BY received_at, track, start LIMIT 1) "
         "RETURNING track, start, next_offset - 1")
_LEFT = "SELECT coalesce(sum(? - next_offset), 0) FROM booklets WHERE period_code = ?"
_PENDING = "SELECT value FROM sync_state WHERE name = ?"


def take_number(session: Session, period: Period) -> str | None:
    """Consume the next unused number of `period`, or None when its booklets are used up.

    Must run in a write transaction (BEGIN IMMEDIATE): the read and the bump happen under one lock,
    and commit with the sale that uses the number or not at all. A database waiting for HQ to confirm
    its booklets' marks (core/store/resume.py) refuses, in the same transaction: the manual invoice is
    the way out until HQ answers.
    """
    from core.store.resume import PENDING

    sql = driver_sql.driver(session)
    if sql.first(_PENDING, (PENDING,)) is not None:
        raise NoInvoiceNumberError(BackupCode.INVOICE_RESUME_PENDING)
    taken = sql.first(_TAKE, (period.code, BOOKLET_SIZE))
    if taken is None:
        return None
    track, start, offset = taken
    return join_number(track, start + offset)


def numbers_left(session: Session, period: Period) -> int:
    row = driver_sql.driver(session).first(_LEFT, (BOOKLET_SIZE, period.code))
    assert row is not None  # an aggregate always answers one row
    return int(row[0])


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

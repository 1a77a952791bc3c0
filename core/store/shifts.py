"""Shift close (交班): gathering the Z report's figures and storing the closed shift, in one write
transaction so no sale can slip between the figures and the close."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session, col, select

from core.clock import to_taipei
from core.einvoice import BOOKLET_SIZE, period_of
from core.einvoice.numbers import join_number
from core.shift.model import BookletLeft, PaymentTotal, ShiftReport
from core.store.tables import Booklet, ShiftRow
from core.store.upload_state import PENDING_STATES

# Voided by a return within the period (not by a plain void): a reissued order names it, or money went back.
_RETURNED = ("(EXISTS (SELECT 1 FROM orders c WHERE c.reissue_of = o.id)"
             " OR EXISTS (SELECT 1 FROM return_refunds r WHERE r.order_id = o.id))")
# The orders whose payments are money taken: completed sales, and sales later returned within the period;
# never a reissued order, whose payments are what was kept of its original's.
_MONEY_IN = f"o.reissue_of IS NULL AND (o.status = 'completed' OR (o.status = 'voided' AND {_RETURNED}))"


def _ts(when: datetime) -> str:
    # Stored times are ISO text at +08:00 (TaipeiDateTime), so text comparison is time order.
    return to_taipei(when).isoformat(timespec="seconds")


def shift_start(session: Session) -> datetime | None:
    """Where the open shift began: the last close, else the first sale or void ever (None: nothing yet)."""
    last = session.exec(select(ShiftRow.closed_at).order_by(col(ShiftRow.closed_at).desc()).limit(1)).first()
    if last is not None:
        return last
    first = session.execute(text(
        "SELECT min(t) FROM (SELECT min(created_at) AS t FROM orders"
        " UNION ALL SELECT min(voided_at) FROM invoices WHERE voided_at IS NOT NULL)")).scalar_one()
    return datetime.fromisoformat(first) if first else None


def build_report(session: Session, *, station_id: str, staff_id: str, now: datetime) -> ShiftReport:
    """The open shift's figures over [start, now): every sale belongs to exactly one shift."""
    closed = now.replace(microsecond=0)
    opened = shift_start(session) or closed
    span = {"since": _ts(opened), "until": _ts(closed)}
    # A sale's money came in when it was made: a return within the period voids it, and its reissued order
    # (reissue_of) carries what the customer kept paying, no new money; the refunds are counted apart.
    in_shift = f"o.created_at >= :since AND o.created_at < :until AND {_MONEY_IN}"
    orders, total = session.execute(text(
        f"SELECT count(*), coalesce(sum(o.total), 0) FROM orders o WHERE {in_shift}"), span).one()
    payments = tuple(PaymentTotal(kind, int(count), int(amount), int(change)) for kind, count, amount, change in
                     session.execute(text(
                         "SELECT p.kind, count(*), sum(p.amount), sum(p.change) FROM payments p"
                         f" JOIN orders o ON o.id = p.order_id WHERE {in_shift}"
                         " GROUP BY p.kind ORDER BY p.kind"), span))
    issued = session.execute(text(
        "SELECT number, manual FROM invoices WHERE issued_at >= :since AND issued_at < :until ORDER BY id"),
        span).all()
    electronic = [number for number, manual in issued if not manual]
    voids = session.execute(text(
        "SELECT number, total FROM invoices WHERE voided = 1 AND voided_at >= :since AND voided_at < :until"
        " ORDER BY voided_at, id"), span).all()
    pending, attention = session.execute(text(
        f"SELECT count(*) FILTER (WHERE state IN ({', '.join(repr(s) for s in PENDING_STATES)})),"
        " count(*) FILTER (WHERE state = 'attention') FROM outbox")).one()
    returned = _allowances(session, span, "issued_at")
    cancelled = _allowances(session, span, "cancelled_at")
    in_period, in_period_amount, reissued = session.execute(text(
        "SELECT (SELECT count(*) FROM invoices i JOIN orders o ON o.id = i.order_id WHERE i.voided = 1"
        f"   AND i.voided_at >= :since AND i.voided_at < :until AND {_RETURNED}),"
        " (SELECT coalesce(sum(amount), 0) FROM return_refunds WHERE refunded_at >= :since AND refunded_at < :until),"
        " (SELECT count(*) FROM orders WHERE reissue_of IS NOT NULL AND created_at >= :since"
        "   AND created_at < :until)"), span).one()
    return ShiftReport(
        station_id=station_id, opened_at=opened, closed_at=closed, closed_by=staff_id,
        orders=int(orders), total=int(total), payments=payments,
        invoices_issued=len(issued), e_invoices=len(electronic), manual_invoices=len(issued) - len(electronic),
        first_number=electronic[0] if electronic else None, last_number=electronic[-1] if electronic else None,
        manual_numbers=tuple(number for number, manual in issued if manual),
        voided=len(voids), voided_amount=sum(int(amount) for _, amount in voids),
        voided_numbers=tuple(number for number, _ in voids),
        booklets=_booklets_left(session, closed), pending_uploads=int(pending), attention_uploads=int(attention),
        allowances=returned.count, allowance_amount=returned.amount, refunds=_refunds(session, span),
        allowances_cancelled=cancelled.count, cancelled_amount=cancelled.amount, cancelled_refunds=cancelled.refunds,
        in_period_returns=int(in_period), in_period_amount=int(in_period_amount), reissued=int(reissued))


@dataclass(frozen=True)
class _Allowances:
    count: int
    amount: int
    refunds: tuple[PaymentTotal, ...]


def _allowances(session: Session, span: dict[str, str], when: str) -> _Allowances:
    """Allowances whose `when` (issued_at or cancelled_at) falls in the span: how many, their total with
    tax, and their refunds by tender."""
    in_span = f"a.{when} >= :since AND a.{when} < :until"
    count, amount = session.execute(text(
        f"SELECT count(*), coalesce(sum(a.amount + a.tax), 0) FROM allowances a WHERE {in_span}"), span).one()
    refunds = tuple(PaymentTotal(kind, int(n), int(total)) for kind, n, total in session.execute(text(
        "SELECT r.kind, count(*), sum(r.amount) FROM allowance_refunds r JOIN allowances a ON a.id = r.allowance_id"
        f" WHERE {in_span} GROUP BY r.kind ORDER BY r.kind"), span))
    return _Allowances(int(count), int(amount), refunds)


def _booklets_left(session: Session, now: datetime) -> tuple[BookletLeft, ...]:
    rows = session.exec(select(Booklet).where(Booklet.period_code == period_of(now).code,
                                              Booklet.next_offset < BOOKLET_SIZE)
                        .order_by(col(Booklet.received_at), col(Booklet.track), col(Booklet.start))).all()
    return tuple(BookletLeft(row.period_code, row.track, join_number(row.track, row.start + row.next_offset),
                             join_number(row.track, row.end), BOOKLET_SIZE - row.next_offset) for row in rows)


def close_shift(session: Session, *, station_id: str, staff_id: str, now: datetime) -> ShiftReport:
    """Build the report and store it as a closed shift (call inside a write transaction)."""
    report = build_report(session, station_id=station_id, staff_id=staff_id, now=now)
    row = ShiftRow(station_id=station_id, opened_at=report.opened_at, closed_at=report.closed_at, staff_id=staff_id,
                   orders=report.orders, total=report.total, voided=report.voided, report=report.to_json())
    session.add(row)
    session.flush()
    return ShiftReport.from_json(row.report, number=row.id)


def shift_reports(session: Session, limit: int = 20) -> list[ShiftReport]:
    """Closed shifts, newest first (for a reprint of a Z report)."""
    rows = session.exec(select(ShiftRow).order_by(col(ShiftRow.id).desc()).limit(limit)).all()
    return [ShiftReport.from_json(row.report, number=row.id) for row in rows]


def _refunds(session: Session, span: dict[str, str]) -> tuple[PaymentTotal, ...]:
    """Money handed back in the span, by tender: allowances' refunds and refunds of returns within the period."""
    return tuple(PaymentTotal(kind, int(n), int(total)) for kind, n, total in session.execute(text(
        "SELECT kind, count(*), sum(amount) FROM ("
        " SELECT r.kind, r.amount FROM allowance_refunds r JOIN allowances a ON a.id = r.allowance_id"
        "  WHERE a.issued_at >= :since AND a.issued_at < :until"
        " UNION ALL SELECT kind, amount FROM return_refunds WHERE refunded_at >= :since AND refunded_at < :until)"
        " GROUP BY kind ORDER BY kind"), span))

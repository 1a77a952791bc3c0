"""What is filed, what is late and what is due soon: for `GET /api/v1/mof/status` and `cashier hq mof status`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from core.sync.mof_protocol import MofDocumentOut, MofPage, MofStatus, OrderMofState
from hq.mof.deadlines import Deadlines
from hq.tables import HQMofDocument

DONE = ("accepted", "skipped")
LIST_LIMIT = 200


def view(doc: HQMofDocument, now: datetime) -> MofDocumentOut:
    return MofDocumentOut(id=doc.id or 0, kind=doc.kind, reference=doc.reference, period_code=doc.period_code,
                          order_id=uuid.UUID(doc.order_id) if doc.order_id else None, station_id=doc.station_id,
                          state=doc.state, attempt=doc.attempt, event_at=doc.event_at,
                          due_at=doc.due_at, late=doc.state not in DONE and now > doc.due_at,
                          file_name=doc.file_name, held_reason=doc.held_reason, error_code=doc.error_code,
                          error_text=doc.error_text, handed_at=doc.handed_at, settled_at=doc.settled_at)


def _open(query: SelectOfScalar[HQMofDocument]) -> SelectOfScalar[HQMofDocument]:
    return query.where(col(HQMofDocument.state).not_in(DONE))


def status(session: Session, now: datetime, deadlines: Deadlines) -> MofStatus:
    counts = {state: int(n) for state, n in session.exec(
        select(HQMofDocument.state, func.count()).group_by(HQMofDocument.state)).all()}
    late = session.exec(_open(select(HQMofDocument)).where(col(HQMofDocument.due_at) < now)
                        .order_by(col(HQMofDocument.due_at)).limit(LIST_LIMIT)).all()
    soon = session.exec(_open(select(HQMofDocument)).where(
        col(HQMofDocument.due_at) >= now,
        col(HQMofDocument.due_at) <= now + timedelta(hours=deadlines.due_soon_hours))
        .order_by(col(HQMofDocument.due_at)).limit(LIST_LIMIT)).all()
    oldest = session.exec(_open(select(HQMofDocument)).order_by(col(HQMofDocument.event_at)).limit(1)).first()
    attention = session.exec(select(HQMofDocument).where(
        col(HQMofDocument.state).in_(("rejected", "held")))
        .order_by(col(HQMofDocument.due_at)).limit(LIST_LIMIT)).all()
    return MofStatus(now=now, counts=counts, late=[view(d, now) for d in late], due_soon=[view(d, now) for d in soon],
                     oldest_open=view(oldest, now) if oldest else None, attention=[view(d, now) for d in attention])


def documents(session: Session, now: datetime, *, state: str | None, period: str | None, after: int,
              limit: int) -> MofPage:
    query = select(HQMofDocument).where(col(HQMofDocument.id) > after)
    if state:
        query = query.where(HQMofDocument.state == state)
    if period:
        query = query.where(HQMofDocument.period_code == period)
    rows = session.exec(query.order_by(col(HQMofDocument.id)).limit(limit + 1)).all()
    return MofPage(items=[view(d, now) for d in rows[:limit]], has_more=len(rows) > limit)


def order_states(session: Session, order_ids: Sequence[str], station_id: str | None) -> list[OrderMofState]:
    """Per order, the document that speaks for its invoice now: the void's once there is one, else the issue's."""
    query = select(HQMofDocument).where(col(HQMofDocument.order_id).in_(order_ids),
                                        col(HQMofDocument.kind).in_(("F0401", "F0501")))
    if station_id is not None:
        query = query.where(HQMofDocument.station_id == station_id)
    best: dict[str, HQMofDocument] = {}
    for doc in session.exec(query).all():
        key = doc.order_id or ""
        if key not in best or (doc.kind == "F0501" and best[key].kind == "F0401"):
            best[key] = doc
    return [OrderMofState(order_id=uuid.UUID(k), kind=d.kind, invoice_number=d.reference,
                          state=d.state, error_code=d.error_code, error_text=d.error_text,
                          updated_at=d.settled_at or d.handed_at or d.created_at) for k, d in sorted(best.items())]

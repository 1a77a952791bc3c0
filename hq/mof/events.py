"""Which invoice events need a document: each becomes one row in hq_mof_documents, exactly once.

An issued e-invoice gives an F0401, its void an F0501 (keyed by the order, so a replayed upload or a second
exporter never adds another), and a period closed long enough ago an E0402 per track that has blank numbers.
An allowance in force (G0401) and its cancellation (G0501) are queued the same way, through `enqueue_allowance`,
keyed by the allowance's number; one against a hand-written invoice is paper like it, never filed here.
A hand-written invoice (自行開立, `manual`) is paper, not an e-invoice: it is never filed here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, exists, insert, literal
from sqlmodel import Session, col, select

from core.einvoice import Period, period_of
from hq.mof.deadlines import Deadlines
from hq.tables import HQAllowance, HQBookletRange, HQInvoice, HQMofDocument, HQOrder


def _missing(session: Session, kind: str, *conditions: ColumnElement[bool]) -> list[tuple[HQInvoice, HQOrder]]:
    query = (select(HQInvoice, HQOrder).join(HQOrder, col(HQOrder.id) == col(HQInvoice.order_id))
             .where(col(HQInvoice.manual) == False, *conditions)  # noqa: E712
             .where(~exists().where(col(HQMofDocument.kind) == kind,
                                    col(HQMofDocument.order_id) == col(HQInvoice.order_id))))
    return [(invoice, order) for invoice, order in session.exec(query).all()]


def _row(kind: str, key: str, reference: str, period: str, *, event_at: datetime, due_at: datetime, now: datetime,
         order_id: str | None = None, station_id: str | None = None, b2b: bool = False) -> dict[str, object]:
    return {"event_key": key, "kind": kind, "reference": reference, "period_code": period, "order_id": order_id,
            "station_id": station_id, "b2b": b2b, "event_at": event_at, "due_at": due_at, "state": "queued",
            "attempt": 1, "created_at": now}


def enqueue(session: Session, now: datetime, deadlines: Deadlines, period: str | None = None) -> int:
    """Add a queued document for every event that has none; returns how many were added."""
    rows: list[dict[str, object]] = []
    only = [col(HQInvoice.period_code) == period] if period else []
    for invoice, order in _missing(session, "F0401", *only):
        b2b = bool(invoice.buyer_ban)
        rows.append(_row("F0401", f"F0401:{order.id}", invoice.number, invoice.period_code, event_at=invoice.issued_at,
                         due_at=deadlines.for_event(invoice.issued_at, b2b=b2b), now=now, order_id=order.id,
                         station_id=order.station_id, b2b=b2b))
    for invoice, order in _missing(session, "F0501", col(HQInvoice.voided) == True, *only):  # noqa: E712
        b2b = bool(invoice.buyer_ban)
        voided_at = invoice.voided_at or order.voided_at or now
        rows.append(_row("F0501", f"F0501:{order.id}", invoice.number, invoice.period_code, event_at=voided_at,
                         due_at=deadlines.for_event(voided_at, b2b=b2b), now=now, order_id=order.id,
                         station_id=order.station_id, b2b=b2b))
    rows.extend(_blank_rows(session, now, deadlines, period))
    if rows:
        session.execute(insert(HQMofDocument), rows)
    return len(rows) + _enqueue_allowances(session, now, deadlines, period)


def _enqueue_allowances(session: Session, now: datetime, deadlines: Deadlines, period: str | None) -> int:
    # An allowance that was ever in force has reason_code None (a held one keeps its hold's code, also once
    # cancelled): only those were issued to the buyer, so only those are filed, and cancelled, in turn.
    queued = 0
    for kind, statuses in (("G0401", ("accepted", "cancelled")), ("G0501", ("cancelled",))):
        query = (select(HQAllowance, HQInvoice)
                 .join(HQInvoice, col(HQInvoice.order_id) == col(HQAllowance.original_order_id))
                 .where(col(HQAllowance.status).in_(statuses), col(HQAllowance.reason_code).is_(None),
                        col(HQInvoice.manual) == False)  # noqa: E712
                 .where(~exists().where(col(HQMofDocument.event_key) == literal(kind + ":") + col(HQAllowance.number)))
                 .order_by(col(HQAllowance.received_at), col(HQAllowance.id)))
        if period:
            query = query.where(col(HQAllowance.period_code) == period)
        for allowance, invoice in session.exec(query).all():
            event_at = allowance.issued_at if kind == "G0401" else allowance.cancelled_at or now
            enqueue_allowance(session, kind=kind, number=allowance.number, period_code=allowance.period_code,
                              event_at=event_at, order_id=allowance.original_order_id,
                              station_id=allowance.station_id, b2b=bool(invoice.buyer_ban), now=now,
                              deadlines=deadlines)
            queued += 1
    return queued


def _blank_rows(session: Session, now: datetime, deadlines: Deadlines, period: str | None) -> list[dict[str, object]]:
    pairs = set(session.exec(select(HQBookletRange.period_code, HQBookletRange.track)).all())
    have = set(session.exec(select(HQMofDocument.event_key).where(HQMofDocument.kind == "E0402")).all())
    rows = []
    for code, track in sorted(pairs):
        if period and code != period:
            continue
        key = f"E0402:{code}:{track}"
        # Closed, and closed long enough for offline tills' last sales of the period to have arrived.
        if key in have or period_of(now) <= Period.from_code(code) or now < deadlines.blanks_ready(code):
            continue
        rows.append(_row("E0402", key, f"{code}{track}", code, event_at=deadlines.period_end(code),
                         due_at=deadlines.for_blanks(code), now=now))
    return rows


def enqueue_allowance(session: Session, *, kind: str, number: str, period_code: str, event_at: datetime,
                      order_id: str | None, station_id: str | None, b2b: bool, now: datetime,
                      deadlines: Deadlines) -> None:
    """A G0401 allowance or G0501 cancellation, queued once per number; its message is built by
    hq.mof.documents from the allowance's rows."""
    if kind not in ("G0401", "G0501"):
        raise ValueError(f"not an allowance message: {kind}")
    session.execute(insert(HQMofDocument), [_row(kind, f"{kind}:{number}", number, period_code, event_at=event_at,
                                                 due_at=deadlines.for_event(event_at, b2b=b2b), now=now,
                                                 order_id=order_id,
                                                 station_id=station_id, b2b=b2b)])

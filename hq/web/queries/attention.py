"""Needs attention: 店長改價 lines, unknown SKUs and held orders that nobody has acknowledged yet, and the
allowances held for a sale HQ does not hold (or refused once it came), which resolve only with the sale."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, exists, func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from hq.tables import HQAcknowledgement, HQAllowance, HQInvoice, HQOrder, HQOrderLine

OVERRIDE, UNKNOWN, HELD = "override", "unknown_sku", "held"
KINDS = (OVERRIDE, UNKNOWN, HELD)
SHOWN = 50  # a page of work per section; the owner acknowledges and the next ones appear
LIMIT = 200  # counted up to this ("200+" past it) on Today and in each section's heading


@dataclass(frozen=True)
class LineItem:
    order_id: str
    order_no: str
    station_id: str
    invoice: str
    created_at: datetime
    position: int
    sku: str
    name: str
    quantity: int
    entered: int
    catalog: int | None
    staff_id: str
    approved_by: str | None
    offline: bool


@dataclass(frozen=True)
class HeldItem:
    order_id: str
    order_no: str
    station_id: str
    invoice: str
    created_at: datetime
    total: int
    reasons: list[str]


# The columns of LineItem and of a held order (before its reasons are read out of the result).
LineQuery = Select[str, str, str, str, datetime, int, str, str, int, int, int | None, str, str | None, bool]
HeldQuery = Select[str, str, str, str, datetime, int, str]


def _not_acked(kind: str, position: SQLColumnExpression[int] | int) -> ColumnElement[bool]:
    return ~exists().where(and_(col(HQAcknowledgement.kind) == kind, col(HQAcknowledgement.order_id) == HQOrder.id,
                                col(HQAcknowledgement.position) == position))


def _line_query(kind: str, flag: ColumnElement[bool]) -> LineQuery:
    # sqlmodel's select() is typed for up to four columns; for more it builds this very Select.
    columns: LineQuery = Select(
        col(HQOrder.id), col(HQOrder.order_no), col(HQOrder.station_id), col(HQInvoice.number),
        col(HQOrder.created_at), col(HQOrderLine.position), col(HQOrderLine.sku), col(HQOrderLine.name),
        col(HQOrderLine.quantity), col(HQOrderLine.unit_price), col(HQOrderLine.catalog_price), col(HQOrder.staff_id),
        col(HQOrderLine.price_approved_by), col(HQOrder.offline))
    return (columns
        .join(HQOrder, col(HQOrder.id) == HQOrderLine.order_id).join(HQInvoice, col(HQInvoice.order_id) == HQOrder.id)
        .where(flag, _not_acked(kind, col(HQOrderLine.position))))


def _held_query() -> HeldQuery:
    columns: HeldQuery = Select(col(HQOrder.id), col(HQOrder.order_no), col(HQOrder.station_id), col(HQInvoice.number),
                                col(HQOrder.created_at), col(HQOrder.total), col(HQOrder.result))
    return (columns
            .join(HQInvoice, col(HQInvoice.order_id) == HQOrder.id)
            .where(col(HQOrder.attention) == True, _not_acked(HELD, 0)))  # noqa: E712


QUERIES: dict[str, Callable[[], LineQuery | HeldQuery]] = {
    OVERRIDE: lambda: _line_query(OVERRIDE, col(HQOrderLine.price_override) == True),  # noqa: E712
    UNKNOWN: lambda: _line_query(UNKNOWN, col(HQOrderLine.unknown_sku) == True),  # noqa: E712
    HELD: _held_query,
}


def _lines(session: Session, kind: str) -> list[LineItem]:
    query = QUERIES[kind]().order_by(col(HQOrder.created_at).desc(), col(HQOrderLine.position))
    return [LineItem(*row) for row in session.execute(query.limit(SHOWN))]


def overrides(session: Session) -> list[LineItem]:
    return _lines(session, OVERRIDE)


def unknown_skus(session: Session) -> list[LineItem]:
    return _lines(session, UNKNOWN)


def held(session: Session) -> list[HeldItem]:
    rows = session.execute(_held_query().order_by(col(HQOrder.created_at).desc()).limit(SHOWN))
    return [HeldItem(order_id, order_no, station_id, invoice, created_at, total,
                     reasons=json.loads(result).get("reconciliation", {}).get("attention", []))
            for order_id, order_no, station_id, invoice, created_at, total, result in rows]


def counts(session: Session) -> dict[str, int]:
    """How many of each are open, counted up to LIMIT (the Today page says "200+" past that)."""
    return {kind: int(session.execute(select(func.count()).select_from(query().limit(LIMIT).subquery()))
                      .scalar_one()) for kind, query in QUERIES.items()}


def held_allowances(session: Session) -> list[HQAllowance]:
    # A refused one keeps the hold's history: its status is rejected only if it was held first (a fresh refusal
    # is never stored).
    query = (select(HQAllowance).where(col(HQAllowance.status).in_(("held", "rejected")))
             .order_by(col(HQAllowance.received_at).desc()).limit(SHOWN))
    return list(session.exec(query).all())

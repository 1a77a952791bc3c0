"""Needs attention: 店長改價 lines, unknown SKUs and held orders that nobody has acknowledged yet, and the
allowances held for a sale HQ does not hold (or refused once it came), which resolve only with the sale."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, exists, func
from sqlmodel import Session, col, select

from hq.tables import HQAcknowledgement, HQInvoice, HQOrder, HQOrderLine

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


LINE_COLUMNS = (HQOrder.id, HQOrder.order_no, HQOrder.station_id, HQInvoice.number, HQOrder.created_at,
                HQOrderLine.position, HQOrderLine.sku, HQOrderLine.name, HQOrderLine.quantity, HQOrderLine.unit_price,
                HQOrderLine.catalog_price, HQOrder.staff_id, HQOrderLine.price_approved_by, HQOrder.offline)
HELD_COLUMNS = (HQOrder.id, HQOrder.order_no, HQOrder.station_id, HQInvoice.number, HQOrder.created_at,
                HQOrder.total, HQOrder.result)
# Counting wants only keys: every column named here is then read from an index, where the listing's columns
# take each order's row (kilobytes of payload) off the table, a thousand times over at 100,000 orders.
KEYS = (HQOrder.id,)


def _not_acked(kind: str, position: SQLColumnExpression[int] | int) -> ColumnElement[bool]:
    return ~exists().where(and_(col(HQAcknowledgement.kind) == kind, col(HQAcknowledgement.order_id) == HQOrder.id,
                                col(HQAcknowledgement.position) == position))


def _line_query(kind: str, flag: object, columns: tuple[Any, ...]) -> Any:
    return (select(*columns).select_from(HQOrderLine)
        .join(HQOrder, HQOrder.id == HQOrderLine.order_id).join(HQInvoice, HQInvoice.order_id == HQOrder.id)
        .where(flag, _not_acked(kind, HQOrderLine.position)))


def _held_query(columns: tuple[Any, ...]) -> Any:
    return (select(*columns)
            .select_from(HQOrder).join(HQInvoice, HQInvoice.order_id == HQOrder.id)
            .where(HQOrder.attention == True, _not_acked(HELD, 0)))  # noqa: E712


def _override_query(columns: tuple[Any, ...]) -> Any:
    return _line_query(OVERRIDE, HQOrderLine.price_override == True, columns)  # noqa: E712


def _unknown_query(columns: tuple[Any, ...]) -> Any:
    return _line_query(UNKNOWN, HQOrderLine.unknown_sku == True, columns)  # noqa: E712


QUERIES: dict[str, Callable[[tuple[Any, ...]], Any]] = {OVERRIDE: _override_query, UNKNOWN: _unknown_query,
                                                        HELD: _held_query}


def _lines(session: Session, kind: str) -> list[LineItem]:
    query = QUERIES[kind](LINE_COLUMNS).order_by(col(HQOrder.created_at).desc(), col(HQOrderLine.position))
    return [LineItem(*row) for row in session.execute(query.limit(SHOWN))]


def overrides(session: Session) -> list[LineItem]:
    return _lines(session, OVERRIDE)


def unknown_skus(session: Session) -> list[LineItem]:
    return _lines(session, UNKNOWN)


def held(session: Session) -> list[HeldItem]:
    rows = session.execute(_held_query(HELD_COLUMNS).order_by(col(HQOrder.created_at).desc()).limit(SHOWN))
    return [HeldItem(order_id, order_no, station_id, invoice, created_at, total,
                     reasons=json.loads(result).get("reconciliation", {}).get("attention", []))
            for order_id, order_no, station_id, invoice, created_at, total, result in rows]


def counts(session: Session) -> dict[str, int]:
    """How many of each are open, counted up to LIMIT (the Today page says "200+" past that)."""
    return {kind: int(session.execute(select(func.count()).select_from(query(KEYS).limit(LIMIT).subquery()))
                      .scalar_one()) for kind, query in QUERIES.items()}


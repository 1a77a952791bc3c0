"""Orders: search by invoice number, order number, phone and date; one order's whole story."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from core.clock import TAIPEI
from hq.tables import HQAcknowledgement, HQInvoice, HQOrder, HQOrderLine, HQPayment
from hq.web.queries import returns
from hq.web.queries.returns import ReturnRow

PAGE = 50
INVOICE = re.compile(r"^[A-Z]{2}-?[0-9]{8}$")
PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,18}$")


@dataclass(frozen=True)
class Row:
    id: str
    order_no: str
    station_id: str
    created_at: datetime
    total: int
    status: str
    offline: bool
    invoice: str
    price_overrides: int
    attention: bool


@dataclass
class Detail:
    order: HQOrder
    invoice: HQInvoice
    lines: list[HQOrderLine]
    payments: list[HQPayment]
    acks: list[HQAcknowledgement]
    reconciliation: dict[str, Any] = field(default_factory=dict)
    returns: list[ReturnRow] = field(default_factory=list)
    reissue_of: HQOrder | None = None  # the voided order a return within its period reissued as this one
    reissued_as: list[HQOrder] = field(default_factory=list)  # the orders that reissue this one


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(), TAIPEI)
    return start, start + timedelta(days=1)


def search(session: Session, q: str = "", day_from: date | None = None, day_to: date | None = None,
           limit: int = PAGE) -> tuple[list[Row], bool]:
    """Newest first; `q` is an invoice number (AB12345678), a phone, or an order number (exact)."""
    # sqlmodel's select() is typed for up to four columns; for more it builds this very Select.
    columns: Select[str, str, str, datetime, int, str, bool, str, int, bool] = Select(
        col(HQOrder.id), col(HQOrder.order_no), col(HQOrder.station_id), col(HQOrder.created_at), col(HQOrder.total),
        col(HQOrder.status), col(HQOrder.offline), col(HQInvoice.number), col(HQOrder.price_overrides),
        col(HQOrder.attention))
    query = columns.join(HQInvoice, col(HQInvoice.order_id) == HQOrder.id)
    q = q.strip()
    if q:
        if INVOICE.match(q.upper()):
            query = query.where(HQInvoice.number == q.upper().replace("-", ""))
        elif PHONE.match(q) and not q.upper().startswith("S"):
            query = query.where(HQOrder.customer_phone == re.sub(r"[ -]", "", q))
        else:
            query = query.where(HQOrder.order_no == q)
    if day_from is not None:
        query = query.where(HQOrder.created_at >= day_bounds(day_from)[0])
    if day_to is not None:
        query = query.where(HQOrder.created_at < day_bounds(day_to)[1])
    rows = session.execute(query.order_by(col(HQOrder.created_at).desc(), col(HQOrder.id).desc())
                           .limit(limit + 1)).all()
    return [Row(*row) for row in rows[:limit]], len(rows) > limit


def detail(session: Session, order_id: str) -> Detail | None:
    order = session.get(HQOrder, order_id)
    if order is None:
        return None
    invoice = session.exec(select(HQInvoice).where(HQInvoice.order_id == order_id)).one()
    lines = list(session.exec(select(HQOrderLine).where(HQOrderLine.order_id == order_id)
                              .order_by(col(HQOrderLine.position))))
    payments = list(session.exec(select(HQPayment).where(HQPayment.order_id == order_id).order_by(col(HQPayment.id))))
    acks = list(session.exec(select(HQAcknowledgement).where(HQAcknowledgement.order_id == order_id)
                             .order_by(col(HQAcknowledgement.at))))
    original = session.get(HQOrder, order.reissue_of) if order.reissue_of is not None else None
    if original is not None and original.station_id != order.station_id:
        original = None  # only a link within one station is shown (HQ flagged the order for attention)
    reissued_as = list(session.exec(select(HQOrder).where(HQOrder.reissue_of == order_id,
                                                          HQOrder.station_id == order.station_id)
                                    .order_by(col(HQOrder.created_at), col(HQOrder.id))))
    return Detail(order, invoice, lines, payments, acks, json.loads(order.result).get("reconciliation") or {},
                  returns.of_order(session, order_id), original, reissued_as)

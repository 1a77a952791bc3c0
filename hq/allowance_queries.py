"""Reading allowances back: the listing (a station its own, the back office all) and one sale's returns."""

from __future__ import annotations

import uuid

from sqlalchemy import or_
from sqlmodel import col, select

from core.messages import SyncCode
from core.sync.protocol import AllowancePage, AllowanceSummary, OrderReturns, ReturnedLine
from hq import listing_cursor
from hq.auth import Principal
from hq.db import HQDatabase
from hq.problems import HQProblemError
from hq.tables import HQAllowance, HQAllowanceLine, HQOrder, HQOrderLine, HQPayment


def summary(row: HQAllowance) -> AllowanceSummary:
    return AllowanceSummary(id=uuid.UUID(row.id), number=row.number, station_id=row.station_id,
                            issued_at=row.issued_at, received_at=row.received_at,
                            original_order_id=uuid.UUID(row.original_order_id),
                            original_invoice_number=row.original_invoice_number, amount=row.amount, tax=row.tax,
                            refunded=row.refunded, status=row.status,
                            reason_code=row.reason_code, cancelled_at=row.cancelled_at)


def list_allowances(db: HQDatabase, who: Principal, *, station_id: str | None, status: str | None, cursor: str,
                    limit: int) -> AllowancePage:
    after = listing_cursor.parse(cursor)
    query = select(HQAllowance)
    if not who.is_admin:
        query = query.where(HQAllowance.station_id == who.id)
    elif station_id:
        query = query.where(HQAllowance.station_id == station_id)
    if status:
        query = query.where(HQAllowance.status == status)
    if after is not None:
        at, key = after
        query = query.where(or_(col(HQAllowance.received_at) > at,
                                (col(HQAllowance.received_at) == at) & (col(HQAllowance.id) > key)))
    with db.read() as session:
        rows = list(session.exec(query.order_by(col(HQAllowance.received_at), col(HQAllowance.id))
                                 .limit(limit + 1)).all())
    more, rows = len(rows) > limit, rows[:limit]
    next_cursor = listing_cursor.after(rows[-1].received_at, rows[-1].id) if rows else cursor
    return AllowancePage(items=[summary(row) for row in rows], next_cursor=next_cursor, has_more=more)


def order_returns(db: HQDatabase, who: Principal, order_id: uuid.UUID) -> OrderReturns:
    key = str(order_id)
    with db.read() as session:
        order = session.get(HQOrder, key)
        # Another station's order answers exactly like a missing one: order UUIDs are not for probing.
        if order is None or (not who.is_admin and order.station_id != who.id):
            raise HQProblemError(404, SyncCode.NOT_FOUND, detail="order")
        allowances = list(session.exec(select(HQAllowance).where(HQAllowance.original_order_id == key)
                                       .order_by(col(HQAllowance.received_at), col(HQAllowance.id))).all())
        in_force = [a.id for a in allowances if a.status == "accepted"]
        returned: dict[int, int] = {}
        if in_force:
            for position, quantity in session.exec(
                    select(HQAllowanceLine.original_position, HQAllowanceLine.quantity)
                    .where(col(HQAllowanceLine.allowance_id).in_(in_force))).all():
                returned[position] = returned.get(position, 0) + quantity
        lines = [ReturnedLine(position=line.position, sku=line.sku, sold=line.quantity,
                              returned=returned.get(line.position, 0))
                 for line in session.exec(select(HQOrderLine).where(HQOrderLine.order_id == key)
                                          .order_by(col(HQOrderLine.position))).all()]
        paid = sum(session.exec(select(HQPayment.amount).where(HQPayment.order_id == key)).all())
    return OrderReturns(order_id=order_id, allowances=[summary(a) for a in allowances], lines=lines, paid=paid,
                        refunded=sum(a.refunded for a in allowances if a.status == "accepted"))

"""Z reports at HQ: one station's day from the orders it uploaded (sales, tenders, voids, invoice numbers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from hq.tables import HQInvoice, HQOrder, HQPayment
from hq.web.queries.orders import day_bounds


@dataclass(frozen=True)
class ZReport:
    station_id: str
    day: date
    orders: int
    total: int
    tenders: dict[str, int]
    voids: int
    voided_total: int
    first_invoice: str | None
    last_invoice: str | None
    offline: int


def z_report(session: Session, station_id: str, day: date) -> ZReport:
    start, end = day_bounds(day)
    sold = (HQOrder.station_id == station_id) & (HQOrder.created_at >= start) & (HQOrder.created_at < end)
    kept = sold & (HQOrder.status == "accepted")
    orders, total = session.execute(select(func.count(), func.coalesce(func.sum(HQOrder.total), 0)).where(kept)).one()
    voids, voided = session.execute(select(func.count(), func.coalesce(func.sum(HQOrder.total), 0))
                                    .where(sold, HQOrder.status == "voided")).one()
    tenders: dict[str, int] = dict(session.execute(select(HQPayment.kind, func.sum(HQPayment.amount))
                                   .join(HQOrder, col(HQOrder.id) == HQPayment.order_id).where(kept)
                                   .group_by(HQPayment.kind)).all())
    first, last = session.execute(select(func.min(HQInvoice.number), func.max(HQInvoice.number))
                                  .join(HQOrder, col(HQOrder.id) == HQInvoice.order_id).where(sold)).one()
    offline = session.execute(select(func.count()).where(sold, HQOrder.offline == True)).scalar_one()  # noqa: E712
    return ZReport(station_id, day, int(orders), int(total), {k: int(v) for k, v in tenders.items()}, int(voids),
                   int(voided), first, last, int(offline))

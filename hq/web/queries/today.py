"""Today: sales per station and tender, orders still arriving, voids and returns, and what needs a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from hq.tables import HQInvoice, HQOrder, HQPayment, HQStation
from hq.web.queries import attention, returns
from hq.web.queries.orders import day_bounds
from hq.web.queries.returns import ReturnRow


@dataclass(frozen=True)
class StationDay:
    station_id: str
    orders: int
    total: int
    last_received: datetime | None
    late: int  # today's orders that arrived after the day they were sold, or sold offline


@dataclass(frozen=True)
class Void:
    id: str
    order_no: str
    invoice: str
    total: int
    voided_at: datetime
    reason: str | None


@dataclass(frozen=True)
class Today:
    day: str
    stations: list[StationDay]
    tenders: dict[str, int]
    total: int
    voids: list[Void]
    returns: list[ReturnRow]
    needs: dict[str, int]


def today(session: Session, now: datetime) -> Today:
    start, end = day_bounds(now.date())
    sold = (HQOrder.created_at >= start) & (HQOrder.created_at < end)
    kept = sold & (HQOrder.status == "accepted")
    per_station: dict[str, tuple[int, int]] = {station: (orders, total) for station, orders, total in session.execute(
        select(HQOrder.station_id, func.count(), func.coalesce(func.sum(HQOrder.total), 0))
        .where(kept).group_by(HQOrder.station_id))}
    # Orders from a station that was offline arrive later: how many of today's did, and when each station's
    # latest order came in (a station quiet for long while the store is open has a backlog or is down).
    late = dict(session.execute(select(HQOrder.station_id, func.count()).where(sold, HQOrder.offline == True)  # noqa: E712
                                .group_by(HQOrder.station_id)).all())
    known = set(session.exec(select(HQStation.id).where(HQStation.role == "station")).all())
    ids = sorted(known | set(per_station))
    last = last_received(session, ids)
    stations = [StationDay(s, *(per_station.get(s) or (0, 0)), last_received=last.get(s), late=late.get(s, 0))
                for s in ids]
    tenders: dict[str, int] = dict(session.execute(select(HQPayment.kind, func.sum(HQPayment.amount))
                                   .join(HQOrder, col(HQOrder.id) == HQPayment.order_id).where(kept)
                                   .group_by(HQPayment.kind)).all())
    # sqlmodel's select() is typed for up to four columns; for more it builds this very Select.
    columns: Select[str, str, str, int, datetime, str | None] = Select(
        col(HQOrder.id), col(HQOrder.order_no), col(HQInvoice.number), col(HQOrder.total), col(HQOrder.voided_at),
        col(HQOrder.void_reason))
    voided = session.execute(
        columns
        .join(HQInvoice, col(HQInvoice.order_id) == HQOrder.id)
        .where(col(HQOrder.voided_at) >= start, col(HQOrder.voided_at) < end)
        .order_by(col(HQOrder.voided_at).desc()).limit(100)).all()
    return Today(day=now.date().isoformat(), stations=stations, tenders={k: int(v) for k, v in tenders.items()},
                 total=sum(int(s.total) for s in stations), voids=[Void(*row) for row in voided],
                 returns=returns.of_day(session, start, end),
                 needs=attention.counts(session))


def last_received(session: Session, station_ids: list[str]) -> dict[str, datetime | None]:
    """Each station's latest arrival: one index lookup per station (ix_hq_orders_station_received), where a
    GROUP BY would read every order."""
    return {s: as_datetime(session.execute(select(func.max(HQOrder.received_at))
                                           .where(HQOrder.station_id == s)).scalar_one()) for s in station_ids}


def as_datetime(value: object) -> datetime | None:
    # func.max over the TaipeiDateTime column comes back as its stored text on SQLite.
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))

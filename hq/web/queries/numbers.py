"""Invoice numbers: ranges per period and track, the booklets each station holds, and how far each got."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from hq.tables import HQBooklet, HQInvoice


@dataclass(frozen=True)
class StationBooklets:
    station_id: str
    period_code: str
    track: str
    booklets: int
    numbers: int
    used: int
    high_water: str | None


def station_booklets(session: Session) -> list[StationBooklets]:
    # sqlmodel's select() is typed for up to four columns; for more it builds this very Select.
    columns: Select[str, str, str, int, int] = Select(
        col(HQBooklet.station_id), col(HQBooklet.period_code), col(HQBooklet.track), func.count(),
        func.sum(col(HQBooklet.end) - col(HQBooklet.start) + 1))
    held = session.execute(
        columns
        .group_by(HQBooklet.station_id, HQBooklet.period_code, HQBooklet.track)).all()
    rows = []
    for station, period, track, count, numbers in held:
        # Per (station, period, track): a range scan of ix_hq_invoices_station_number, not a GROUP BY over all.
        used, high = session.execute(
            select(func.count(), func.max(HQInvoice.number))
            .where(HQInvoice.station_id == station, HQInvoice.period_code == period,
                   HQInvoice.number >= f"{track}00000000", HQInvoice.number <= f"{track}99999999",
                   HQInvoice.manual == False)).one()  # noqa: E712
        rows.append(StationBooklets(station, period, track, count, int(numbers or 0), int(used), high))
    return sorted(rows, key=lambda r: (r.station_id, r.period_code, r.track))

"""Invoice numbers: ranges per period and track, the booklets each station holds, and how far each got."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from core.sync.protocol import BookletRangeIn
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


class RangeFileError(ValueError):
    def __init__(self, line: int, why: str) -> None:
        super().__init__(f"line {line}: {why}")
        self.line, self.why = line, why


def parse_range_file(data: bytes) -> list[BookletRangeIn]:
    """The range file: one range a line, `period,track,start,end` (e.g. `11502,KN,20000000,20000999`; the
    numbers may carry the track, KN20000000); a header line and blank lines are skipped. UTF-8, BOM allowed."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RangeFileError(1, "not UTF-8 text") from None
    ranges = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or not cells[0][:1].isdigit():
            continue  # blank, or the header
        if len(cells) < 4:
            raise RangeFileError(number, "needs period, track, start, end")
        period, track, start, end = cells[:4]
        track = track.upper()
        try:
            ranges.append(BookletRangeIn(period_code=period, track=track, start=int(start.upper().removeprefix(track)),
                                         end=int(end.upper().removeprefix(track))))
        except ValueError as error:
            raise RangeFileError(number, str(error).splitlines()[0]) from None
    if not ranges:
        raise RangeFileError(1, "no ranges in the file")
    return ranges


def station_booklets(session: Session) -> list[StationBooklets]:
    held = session.execute(
        select(HQBooklet.station_id, HQBooklet.period_code, HQBooklet.track, func.count(),
               func.sum(HQBooklet.end - HQBooklet.start + 1))
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

"""Invoice numbers at HQ: imported ranges, cut into 50-number booklets handed to one station each."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlmodel import Session, col, select

from core.einvoice import BOOKLET_SIZE, Period, period_of
from core.messages import InvoiceCode, SyncCode
from core.sync.protocol import BookletOut, BookletRangeIn, BookletRangeOut
from hq.problems import HQProblemError
from hq.settings import MAX_UNUSED_BOOKLETS
from hq.tables import HQBooklet, HQBookletRange, HQInvoice, HQStation


def _period(code: str) -> Period:
    try:
        return Period.from_code(code)
    except ValueError:
        raise HQProblemError(422, SyncCode.REJECTED, status=422, detail=f"no invoice period {code}") from None


def import_range(session: Session, incoming: BookletRangeIn, now: datetime) -> BookletRangeOut:
    period = _period(incoming.period_code)
    size = incoming.end - incoming.start + 1
    if incoming.start % BOOKLET_SIZE or size <= 0 or size % BOOKLET_SIZE:
        raise HQProblemError(422, InvoiceCode.BOOKLET_INVALID_RANGE, track=incoming.track, start=incoming.start,
                             end=incoming.end)
    clash = session.exec(select(HQBookletRange.id).where(
        HQBookletRange.period_code == incoming.period_code, HQBookletRange.track == incoming.track,
        HQBookletRange.start <= incoming.end, HQBookletRange.end >= incoming.start)).first()
    if clash is not None:
        raise HQProblemError(409, SyncCode.BOOKLET_RANGE_OVERLAP, track=incoming.track, start=incoming.start,
                             end=incoming.end, period=period.label)
    row = HQBookletRange(period_code=incoming.period_code, track=incoming.track, start=incoming.start,
                         end=incoming.end, next_start=incoming.start, imported_at=now)
    session.add(row)
    session.flush()
    return BookletRangeOut(period_code=row.period_code, track=row.track, start=row.start, end=row.end, allocated=0)


def list_ranges(session: Session) -> list[BookletRangeOut]:
    rows = session.exec(select(HQBookletRange).order_by(col(HQBookletRange.period_code), col(HQBookletRange.track),
                                                        col(HQBookletRange.start))).all()
    return [BookletRangeOut(period_code=r.period_code, track=r.track, start=r.start, end=r.end,
                            allocated=r.next_start - r.start) for r in rows]


def allocate(session: Session, station_id: str, period_code: str, count: int, now: datetime, *,
             max_unused: int = MAX_UNUSED_BOOKLETS) -> list[BookletOut]:
    """Hand `count` fresh booklets of a current or future period to a station (fewer if HQ runs short, or
    if that would give the station more than `max_unused` booklets of the period it has not started).

    Compare-and-set on the range's next_start: two stations allocating at once can never both take the
    same booklet, on SQLite (one writer) or PostgreSQL (the losing UPDATE matches no row and re-reads),
    and the unique constraint on hq_booklets stands behind it.
    """
    period = _period(period_code)
    if period < period_of(now):
        raise HQProblemError(409, SyncCode.BOOKLET_NONE_AVAILABLE, period=period.label)
    # The station's row, locked (PostgreSQL; SQLite has one writer anyway): two allocations by one station
    # at once count its unused booklets one after the other, never both under the cap.
    session.exec(select(HQStation.id).where(HQStation.id == station_id).with_for_update()).first()
    unused = unused_booklets(session, station_id, period_code)
    room = max_unused - unused
    if room <= 0:
        raise HQProblemError(409, SyncCode.BOOKLET_TOO_MANY_UNUSED, station=station_id, period=period.label,
                             unused=unused, limit=max_unused)
    count = min(count, room)
    given: list[BookletOut] = []
    while len(given) < count:
        source = session.exec(
            select(HQBookletRange)
            .where(HQBookletRange.period_code == period_code,
                   HQBookletRange.next_start + BOOKLET_SIZE - 1 <= HQBookletRange.end)
            .order_by(col(HQBookletRange.id)).limit(1)
        ).first()
        if source is None:
            break
        start = source.next_start
        taken = cast("CursorResult[Any]", session.execute(  # an UPDATE's result: it has a rowcount
            update(HQBookletRange)
            .where(col(HQBookletRange.id) == source.id, col(HQBookletRange.next_start) == start)
            .values(next_start=start + BOOKLET_SIZE)
            .execution_options(synchronize_session=False)
        ))
        if taken.rowcount != 1:
            session.expire_all()
            continue
        session.add(HQBooklet(period_code=period_code, track=source.track, start=start, end=start + BOOKLET_SIZE - 1,
                              station_id=station_id, range_id=source.id or 0, allocated_at=now))
        given.append(BookletOut(period_code=period_code, track=source.track, start=start,
                                end=start + BOOKLET_SIZE - 1))
        session.expire_all()
    if not given:
        raise HQProblemError(409, SyncCode.BOOKLET_NONE_AVAILABLE, period=period.label)
    session.flush()
    return given


def hand_over(session: Session, station_id: str, *, period_code: str, track: str, first: int, last: int,
              now: datetime) -> None:
    """Import a range and allocate all of it, in booklets of 50, to one station: numbers a station already
    holds by other means (the demo station's own, a benchmark's), which HQ must then accept as its own."""
    source = import_range(session, BookletRangeIn(period_code=period_code, track=track, start=first, end=last), now)
    row = session.exec(select(HQBookletRange).where(HQBookletRange.period_code == period_code,
                                                    HQBookletRange.track == track,
                                                    HQBookletRange.start == source.start)).one()
    row.next_start = last + 1
    session.add(row)
    for start in range(first, last + 1, BOOKLET_SIZE):
        session.add(HQBooklet(period_code=period_code, track=track, start=start, end=start + BOOKLET_SIZE - 1,
                              station_id=station_id, range_id=row.id or 0, allocated_at=now))
    session.flush()


def unused_booklets(session: Session, station_id: str, period_code: str) -> int:
    """The station's booklets of the period from which HQ has seen no invoice yet.

    Invoice numbers are fixed-width (two letters, eight digits), so a booklet's numbers are exactly the
    strings between its first and last: one indexed range probe per booklet."""
    booklets = session.exec(select(HQBooklet).where(HQBooklet.station_id == station_id,
                                                    HQBooklet.period_code == period_code)).all()
    unused = 0
    for b in booklets:
        first, last = f"{b.track}{b.start:08d}", f"{b.track}{b.end:08d}"
        seen = session.exec(select(HQInvoice.id).where(
            HQInvoice.period_code == period_code, HQInvoice.number >= first, HQInvoice.number <= last,
        ).limit(1)).first()
        unused += seen is None
    return unused


def owner_of(session: Session, period_code: str, number: str) -> str | None:
    """The station a number's booklet was allocated to, or None when no booklet holds it."""
    track, value = number[:2], int(number[2:])
    return session.exec(select(HQBooklet.station_id).where(
        HQBooklet.period_code == period_code, HQBooklet.track == track, HQBooklet.start <= value,
        HQBooklet.end >= value)).first()


def station_booklets(session: Session, station_id: str, period_code: str | None) -> list[BookletOut]:
    query = select(HQBooklet).where(HQBooklet.station_id == station_id)
    if period_code is not None:
        _period(period_code)
        query = query.where(HQBooklet.period_code == period_code)
    rows = session.exec(query.order_by(col(HQBooklet.period_code), col(HQBooklet.track), col(HQBooklet.start))).all()
    return [BookletOut(period_code=r.period_code, track=r.track, start=r.start, end=r.end) for r in rows]

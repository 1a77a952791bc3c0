"""Invoice numbers at HQ: imported ranges, cut into 50-number booklets handed to one station each."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from core.einvoice import BOOKLET_SIZE, Period, period_of
from core.sync.protocol import BookletOut, BookletRangeIn, BookletRangeOut
from hq.problems import HQProblemError
from hq.tables import HQBooklet, HQBookletRange


def _period(code: str) -> Period:
    try:
        return Period.from_code(code)
    except ValueError:
        raise HQProblemError(422, "hq.rejected", status=422, detail=f"no invoice period {code}") from None


def import_range(session: Session, incoming: BookletRangeIn, now: datetime) -> BookletRangeOut:
    period = _period(incoming.period_code)
    size = incoming.end - incoming.start + 1
    if incoming.start % BOOKLET_SIZE or size <= 0 or size % BOOKLET_SIZE:
        raise HQProblemError(422, "booklet.invalid_range", track=incoming.track, start=incoming.start, end=incoming.end)
    clash = session.exec(select(HQBookletRange.id).where(
        HQBookletRange.period_code == incoming.period_code, HQBookletRange.track == incoming.track,
        HQBookletRange.start <= incoming.end, HQBookletRange.end >= incoming.start)).first()
    if clash is not None:
        raise HQProblemError(409, "booklet.range_overlap", track=incoming.track, start=incoming.start, end=incoming.end,
                        period=period.label)
    row = HQBookletRange(period_code=incoming.period_code, track=incoming.track, start=incoming.start,
                         end=incoming.end, next_start=incoming.start, imported_at=now)
    session.add(row)
    session.flush()
    return BookletRangeOut(period_code=row.period_code, track=row.track, start=row.start, end=row.end, allocated=0)


def list_ranges(session: Session) -> list[BookletRangeOut]:
    rows = session.exec(select(HQBookletRange).order_by(HQBookletRange.period_code, HQBookletRange.track,
                                                        HQBookletRange.start)).all()
    return [BookletRangeOut(period_code=r.period_code, track=r.track, start=r.start, end=r.end,
                            allocated=r.next_start - r.start) for r in rows]


def allocate(session: Session, station_id: str, period_code: str, count: int, now: datetime) -> list[BookletOut]:
    """Hand `count` fresh booklets of a current or future period to a station (fewer if HQ runs short).

    Compare-and-set on the range's next_start: two stations allocating at once can never both take the
    same booklet, on SQLite (one writer) or PostgreSQL (the losing UPDATE matches no row and re-reads),
    and the unique constraint on hq_booklets stands behind it.
    """
    period = _period(period_code)
    if period < period_of(now):
        raise HQProblemError(409, "booklet.none_available", period=period.label)
    given: list[BookletOut] = []
    while len(given) < count:
        source = session.exec(
            select(HQBookletRange)
            .where(HQBookletRange.period_code == period_code,
                   HQBookletRange.next_start + BOOKLET_SIZE - 1 <= HQBookletRange.end)
            .order_by(HQBookletRange.id).limit(1)
        ).first()
        if source is None:
            break
        start = source.next_start
        taken = session.execute(
            update(HQBookletRange)
            .where(HQBookletRange.id == source.id, HQBookletRange.next_start == start)  # type: ignore[arg-type]
            .values(next_start=start + BOOKLET_SIZE)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount != 1:
            session.expire_all()
            continue
        session.add(HQBooklet(period_code=period_code, track=source.track, start=start, end=start + BOOKLET_SIZE - 1,
                              station_id=station_id, range_id=source.id or 0, allocated_at=now))
        given.append(BookletOut(period_code=period_code, track=source.track, start=start,
                                end=start + BOOKLET_SIZE - 1))
        session.expire_all()
    if not given:
        raise HQProblemError(409, "booklet.none_available", period=period.label)
    session.flush()
    return given


def station_booklets(session: Session, station_id: str, period_code: str | None) -> list[BookletOut]:
    query = select(HQBooklet).where(HQBooklet.station_id == station_id)
    if period_code is not None:
        _period(period_code)
        query = query.where(HQBooklet.period_code == period_code)
    rows = session.exec(query.order_by(HQBooklet.period_code, HQBooklet.track, HQBooklet.start)).all()
    return [BookletOut(period_code=r.period_code, track=r.track, start=r.start, end=r.end) for r in rows]

"""What HQ has seen of a station's numbers: per booklet the highest number received, and the highest
order seq. Computed from the orders and invoices HQ stores, so it is exactly as durable as they are."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from core.einvoice import Period
from core.einvoice.numbers import join_number, split_number
from core.messages import SyncCode
from core.sync.resume_protocol import BookletMarkOut, ResumeOut
from hq.problems import HQProblemError
from hq.tables import HQBooklet, HQInvoice, HQOrder


def marks(session: Session, station_id: str, since: str) -> ResumeOut:
    """Booklets of `station_id` in period `since` and later, each with the highest number HQ holds in it.

    The highest number is looked for among every invoice HQ holds in the booklet's range, whichever
    station sent it: a number HQ has is issued, whoever issued it."""
    try:
        Period.from_code(since)
    except ValueError:
        raise HQProblemError(422, SyncCode.REJECTED, status=422, detail=f"no invoice period {since}") from None
    rows = session.exec(select(HQBooklet).where(HQBooklet.station_id == station_id, HQBooklet.period_code >= since)
                        .order_by(col(HQBooklet.period_code), col(HQBooklet.track), col(HQBooklet.start))).all()
    out = []
    for row in rows:
        # Numbers are fixed-width (two letters, eight digits): text order is number order within a track.
        highest = session.exec(select(func.max(HQInvoice.number)).where(
            HQInvoice.period_code == row.period_code,
            HQInvoice.number >= join_number(row.track, row.start),
            HQInvoice.number <= join_number(row.track, row.end))).one()
        out.append(BookletMarkOut(period_code=row.period_code, track=row.track, start=row.start, end=row.end,
                                  highest=None if highest is None else split_number(str(highest))[1]))
    seq = session.exec(select(func.max(HQOrder.seq)).where(HQOrder.station_id == station_id)).one()
    return ResumeOut(station_id=station_id, highest_seq=int(seq or 0), booklets=out)

"""Applying HQ's marks (GET /api/v1/resume) to the station's database, then registering the station.

Runs first in every pull (core/sync/pull.py): cheap (one request, one short write) and only ever moves
numbering forward, so a station whose database is current changes nothing, and one restored from a
backup or started empty opens its e-invoice numbers again the moment HQ answers."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from core.clock import Clock
from core.einvoice import period_of
from core.resume.registration import register
from core.store import Database
from core.store import resume as store
from core.sync.client import HQClient
from core.sync.uploader import DbRunner, in_thread

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResumeReport:
    applied: store.Applied
    booklets: int  # how many booklets HQ listed


async def resume_from_hq(db: Database, client: HQClient, clock: Clock, *,
                         run_db: DbRunner = in_thread) -> ResumeReport:
    """Ask HQ where this station's numbering stands and adopt it; raises HQError when HQ cannot answer
    (a pending database then stays pending: no number is taken on a guess)."""
    answer = await client.resume(period_of(clock.now()).code)
    marks = [store.BookletMark(b.period_code, b.track, b.start, b.end, b.highest) for b in answer.booklets]

    def work() -> tuple[store.Applied, str]:
        now = clock.now()
        with db.write() as session:
            applied = store.apply_marks(session, marks, answer.highest_seq, now)
            database_id = store.identity(session, now).id
        # After the commit: a registration names a database that really holds HQ's numbering.
        register(db.path.parent, station_id=answer.station_id, database_id=database_id, seq=applied.seq, now=now)
        return applied, database_id

    applied, _ = await run_db(work)
    if applied.was_pending is not None:
        log.warning("numbering resumed from HQ (%s): %d booklets adopted, %d moved past HQ's highest number, "
                    "order counter at %d; e-invoice numbers available again", applied.was_pending, len(applied.added),
                    applied.advanced, applied.seq)
    elif applied.advanced:
        log.warning("HQ had numbers past this database's: %d booklets moved past HQ's highest number",
                    applied.advanced)
    return ResumeReport(applied, len(marks))

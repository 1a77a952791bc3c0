"""Invoice booklets for a station: its own list, and allocation of fresh ones."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Query

from core.sync.protocol import API_PREFIX, BookletOut, BookletRequest
from hq.auth import CurrentPrincipal
from hq.booklets import allocate, station_booklets
from hq.problems import HQProblemError
from hq.routes.deps import DB, PROBLEMS, Now, Settings

router = APIRouter(prefix=API_PREFIX, tags=["booklets"], responses=PROBLEMS)
log = logging.getLogger(__name__)


@router.get("/booklets", response_model=list[BookletOut])
def my_booklets(db: DB, who: CurrentPrincipal,
                period_code: Annotated[str | None, Query(pattern=r"^[0-9]{3}(02|04|06|08|10|12)$")] = None
                ) -> list[BookletOut]:
    """Every booklet allocated to the calling station: how a station recovers an allocation whose reply it lost."""
    with db.read() as session:
        return station_booklets(session, who.id, period_code)


@router.post("/booklets/allocate", response_model=list[BookletOut],
             responses={409: {"description": "no numbers left to hand out for the period, or the station already "
                                             "holds as many unused booklets of it as HQ allows"}})
def allocate_booklets(db: DB, who: CurrentPrincipal, now: Now, settings: Settings,
                      request: BookletRequest) -> list[BookletOut]:
    try:
        with db.write() as session:
            given = allocate(session, who.id, request.period_code, request.count, now,
                             max_unused=settings.max_unused_booklets)
    except HQProblemError as error:
        log.warning("booklets for %s, period %s: none allocated (%s)", who.id, request.period_code,
                    error.problem.code)
        raise
    # Logged once committed: these numbers now belong to that station for good.
    log.info("booklets allocated to %s for period %s: %d of %d asked (%s)", who.id, request.period_code, len(given),
             request.count, ", ".join(f"{b.track}{b.start:08d}-{b.track}{b.end:08d}" for b in given))
    return given

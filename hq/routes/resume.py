"""GET /api/v1/resume: how a station restored from a backup (or started on an empty database) learns
where its numbering stands at HQ before it takes a number."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Query

from core.einvoice import period_of
from core.sync.resume_protocol import RESUME_PATH, ResumeOut
from hq.auth import CurrentPrincipal
from hq.resume import marks
from hq.routes.deps import DB, PROBLEMS, Now

router = APIRouter(tags=["booklets"], responses={**PROBLEMS})
log = logging.getLogger(__name__)


@router.get(RESUME_PATH, response_model=ResumeOut)
def resume(db: DB, who: CurrentPrincipal, now: Now,
           since: Annotated[str | None, Query(pattern=r"^[0-9]{3}(02|04|06|08|10|12)$")] = None) -> ResumeOut:
    """The calling station's booklets of period `since` (default: HQ's current one) and later, each with the
    highest number HQ received in it, and the highest order seq HQ holds from the station."""
    with db.read() as session:
        answer = marks(session, who.id, since or period_of(now).code)
    log.info("resume marks for %s: %d booklets, highest seq %d", who.id, len(answer.booklets), answer.highest_seq)
    return answer

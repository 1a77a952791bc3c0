"""Today: the first page after signing in."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from hq.web.context import OfficeDep
from hq.web.queries.today import today as today_query

router = APIRouter()


@router.get("/office/", response_class=HTMLResponse)
def today(who: OfficeDep) -> HTMLResponse:
    with who.db.read() as session:
        data = today_query(session, who.now)
    return who.page("today.html", d=data, limit=200)

"""Z reports per station and day, printable (the print stylesheet hides the header and the form)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from sqlmodel import select

from hq.tables import HQStation
from hq.web.context import OfficeDep
from hq.web.queries.zreport import z_report

router = APIRouter()


@router.get("/office/z", response_class=HTMLResponse)
def z(who: OfficeDep, station: Annotated[str, Query(max_length=20)] = "",
      day: Annotated[str, Query(max_length=10)] = "") -> HTMLResponse:
    try:
        when = date.fromisoformat(day) if day else who.now.date()
    except ValueError:
        when = who.now.date()
    with who.db.read() as session:
        stations = list(session.exec(select(HQStation.id).where(HQStation.role == "station").order_by(HQStation.id)))
        chosen = station if station in stations else (stations[0] if stations else "")
        report = z_report(session, chosen, when) if chosen else None
    return who.page("zreport.html", stations=stations, chosen=chosen, day=when.isoformat(), report=report)

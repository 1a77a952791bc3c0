"""Stations: register one (its token shown once, on this answer only), rotate or revoke a token through the
hooks (hq.web.hooks), and each station's last contact, clock skew and version where a hook knows them."""

from __future__ import annotations

import re

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlmodel import select

from hq.auth import issue_token
from hq.tables import HQStation
from hq.web import audit
from hq.web.context import Office, OfficeDep
from hq.web.csrf import CheckedForm
from hq.web.queries.today import last_received
from hq.web.words import PageText

router = APIRouter()
STATION_ID = re.compile(r"^[A-Za-z0-9_-]{1,20}$")  # as the sync protocol's station ids


def _page(who: Office, *, status: int = 200, error: str = "", token: tuple[str, str] | None = None) -> HTMLResponse:
    hook = who.hooks.station_contact
    with who.db.read() as session:
        rows = list(session.exec(select(HQStation).where(HQStation.role == "station").order_by(HQStation.id)))
        last = last_received(session, [row.id for row in rows])
        contacts = {row.id: hook(session, row.id) for row in rows} if hook else {}
    return who.page("stations.html", status, here="/office/stations",
                    stations=rows, last=last, contacts=contacts, error=error, token=token,
                    can_revoke=who.hooks.revoke_station is not None, can_rotate=who.hooks.rotate_station is not None)


@router.get("/office/stations", response_class=HTMLResponse)
def stations(who: OfficeDep) -> HTMLResponse:
    return _page(who)


@router.post("/office/stations", response_class=HTMLResponse)
def register(who: OfficeDep, form: CheckedForm) -> HTMLResponse:
    station_id, name = str(form.get("id", "")).strip(), str(form.get("name", "")).strip()[:100]
    if not STATION_ID.match(station_id):
        return _page(who, status=422, error=who.t(PageText.STATIONS_BAD_ID))
    with who.db.write() as session:
        if session.get(HQStation, station_id) is not None:
            return _page(who, status=409, error=who.t(PageText.STATIONS_EXISTS, id=station_id))
        token = issue_token(session, station_id, name=name, now=who.now)
        audit.record(session, who.now, who.user.username, "station.register", station_id, detail=name)
    return _page(who, token=(station_id, token))


@router.post("/office/stations/{station_id}/{action}", response_model=None)
def change(who: OfficeDep, station_id: str, action: str, _form: CheckedForm) -> HTMLResponse | RedirectResponse:
    revoke, rotate = who.hooks.revoke_station, who.hooks.rotate_station
    if (action == "revoke" and revoke is None) or (action == "rotate" and rotate is None) or \
            action not in ("revoke", "rotate"):
        return _page(who, status=404, error=who.t(PageText.STATIONS_UNWIRED))
    with who.db.write() as session:
        row = session.get(HQStation, station_id)
        if row is None or row.role != "station":
            return _page(who, status=404, error=who.t(PageText.ORDERS_NONE))
        token = None
        if action == "revoke" and revoke is not None:
            revoke(session, station_id, who.now)
        elif rotate is not None:
            token = rotate(session, station_id, who.now)
        audit.record(session, who.now, who.user.username, f"station.{action}", station_id)
    if token is None:
        return RedirectResponse("/office/stations", status_code=303)
    return _page(who, token=(station_id, token))

"""The back office: server-rendered pages for the store owner under /office, signed in with a username and
password (the bearer-token API under /api stays for stations and scripts). `install(app)` adds it to HQ."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from hq.web.contact import ContactRecorder
from hq.web.context import SignInRequiredError, language, render, signin_url
from hq.web.csrf import CSRFRefusedError
from hq.web.hooks import OfficeHooks


def install(app: FastAPI, hooks: OfficeHooks | None = None) -> None:
    from hq.web.pages import (
        attention,
        catalog,
        filing,
        members,
        numbers,
        orders,
        signin,
        staff,
        stations,
        today,
        zreport,
    )

    app.state.office_hooks = hooks or OfficeHooks()
    # Every station request that passes hq.auth tells this when the station was last heard from.
    app.state.station_seen = ContactRecorder(app.state.db, app.state.clock).seen
    app.state.office_secure_cookies = getattr(app.state, "office_secure_cookies", False)
    app.mount("/office/static", StaticFiles(directory=Path(__file__).parent / "static"), name="office-static")
    for module in (signin, today, attention, orders, stations, numbers, filing, catalog, zreport, staff, members):
        app.include_router(module.router, include_in_schema=False)

    @app.exception_handler(SignInRequiredError)
    async def _signin(request: Request, error: SignInRequiredError) -> RedirectResponse:
        return RedirectResponse(signin_url(request, error.expired), status_code=303)

    @app.exception_handler(CSRFRefusedError)
    async def _csrf(request: Request, _error: CSRFRefusedError) -> HTMLResponse:
        return render(request, "refused.html", language(request), 403, user=None, csrf="")

"""The HQ application: create_app(db_url) gives a FastAPI app; hq.server runs it under uvicorn."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

from core import __version__
from core.clock import Clock, SystemClock
from hq.db import HQDatabase
from hq.problems import HQProblemError, english
from hq.routes import admin, booklets, health, orders, reference

log = logging.getLogger("hq")


def create_app(db_url: str | None = None, *, db: HQDatabase | None = None, clock: Clock | None = None) -> FastAPI:
    """An app on `db` (or a database opened from `db_url`); the caller owns a `db` it passes in."""
    if db is None:
        if db_url is None:
            raise ValueError("create_app needs db_url or db")
        db = HQDatabase(db_url)
    app = FastAPI(title="Cashier HQ", version=__version__,
                  description="The reference headquarters the cashier stations sync with.")
    app.state.db = db
    app.state.clock = clock or SystemClock()

    @app.exception_handler(HQProblemError)
    async def _problem(_request: Request, error: HQProblemError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        if error.status == 503:
            headers = {"Retry-After": "2"}
        return JSONResponse({"detail": error.problem.model_dump()}, status_code=error.status, headers=headers)

    @app.exception_handler(OperationalError)
    async def _busy(_request: Request, error: OperationalError) -> JSONResponse:
        # A locked SQLite file or a PostgreSQL restart: the station keeps its data and retries.
        log.warning("database unavailable: %s", type(error.orig).__name__ if error.orig else error)
        detail = {"code": "hq.busy", "params": {}, "message": english("hq.busy", {})}
        return JSONResponse({"detail": detail}, status_code=503, headers={"Retry-After": "2"})

    for module in (health, reference, booklets, orders, admin):
        app.include_router(module.router)
    # The back office's web pages under /office (issue 16). At merge: pass hq.web.hooks.OfficeHooks wired to
    # MOF filing and token revoke/rotate, install(app, OfficeHooks(revoke_station=..., filing_overview=...)).
    from hq.web import install

    install(app)
    return app

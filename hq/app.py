"""The HQ application: create_app(db_url) gives a FastAPI app; hq.server runs it under uvicorn."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

from core import __version__
from core.clock import Clock, SystemClock
from core.messages import SyncCode
from hq.body_guard import BodyGuard
from hq.db import HQDatabase
from hq.problems import HQProblemError, english
from hq.routes import admin, allowances, booklets, health, orders, reference
from hq.routes import mof as mof_routes
from hq.routes import resume as resume_routes
from hq.settings import HQSettings
from hq.validation import short_errors

log = logging.getLogger("hq")


def create_app(db_url: str | None = None, *, db: HQDatabase | None = None, clock: Clock | None = None,
               settings: HQSettings | None = None) -> FastAPI:
    """An app on `db` (or a database opened from `db_url`); the caller owns a `db` it passes in."""
    if db is None:
        if db_url is None:
            raise ValueError("create_app needs db_url or db")
        db = HQDatabase(db_url)
    app = FastAPI(title="Cashier HQ", version=__version__,
                  description="The reference headquarters the cashier stations sync with.")
    app.state.db = db
    app.state.clock = clock or SystemClock()
    app.state.settings = settings or HQSettings()

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
        detail = {"code": SyncCode.BUSY, "params": {}, "message": english(SyncCode.BUSY, {})}
        return JSONResponse({"detail": detail}, status_code=503, headers={"Retry-After": "2"})

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": short_errors(error.errors())}, status_code=422)

    for module in (health, reference, booklets, orders, allowances, admin):
        app.include_router(module.router)
    app.include_router(resume_routes.router)  # where a restored station's numbering stands
    app.include_router(mof_routes.router)  # MOF filing (hq/mof); its settings in app.state.mof (hq.server)
    # Outermost: a body too large or not storable JSON never reaches a route (hq/body_guard.py).
    app.add_middleware(BodyGuard, max_bytes=app.state.settings.max_body_bytes)
    # The back office's web pages under /office, wired to MOF filing and the stations' tokens (hq/web/wiring.py).
    from hq.web import install
    from hq.web.wiring import office_hooks

    install(app, office_hooks(app))
    return app

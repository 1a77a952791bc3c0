"""What every route needs from the app: the database and the clock."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request

from core.clock import Clock
from hq.db import HQDatabase
from hq.settings import HQSettings


def database(request: Request) -> HQDatabase:
    db: HQDatabase = request.app.state.db
    return db


def now(request: Request) -> datetime:
    clock: Clock = request.app.state.clock
    return clock.now()


def settings(request: Request) -> HQSettings:
    settings: HQSettings = request.app.state.settings
    return settings


DB = Annotated[HQDatabase, Depends(database)]
Now = Annotated[datetime, Depends(now)]
Settings = Annotated[HQSettings, Depends(settings)]

PROBLEMS: dict[int | str, dict[str, Any]] = {
    400: {"description": "the body is not JSON this API can read (malformed, NaN, a lone surrogate)"},
    401: {"description": "missing, unknown or revoked token"},
    403: {"description": "the token may not do this"},
    413: {"description": "the request body is larger than HQ accepts"},
    422: {"description": "the request does not match the schema"},
}

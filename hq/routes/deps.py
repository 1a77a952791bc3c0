"""What every route needs from the app: the database and the clock."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request

from hq.db import HQDatabase
from hq.settings import HQSettings


def database(request: Request) -> HQDatabase:
    return request.app.state.db


def now(request: Request) -> datetime:
    return request.app.state.clock.now()


def settings(request: Request) -> HQSettings:
    return request.app.state.settings


DB = Annotated[HQDatabase, Depends(database)]
Now = Annotated[datetime, Depends(now)]
Settings = Annotated[HQSettings, Depends(settings)]

PROBLEMS = {
    400: {"description": "the body is not JSON this API can read (malformed, NaN, a lone surrogate)"},
    401: {"description": "missing, unknown or revoked token"},
    403: {"description": "the token may not do this"},
    413: {"description": "the request body is larger than HQ accepts"},
    422: {"description": "the request does not match the schema"},
}

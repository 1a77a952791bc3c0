"""What every route needs from the app: the database and the clock."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request

from hq.db import HQDatabase


def database(request: Request) -> HQDatabase:
    return request.app.state.db


def now(request: Request) -> datetime:
    return request.app.state.clock.now()


DB = Annotated[HQDatabase, Depends(database)]
Now = Annotated[datetime, Depends(now)]

PROBLEMS = {
    401: {"description": "missing or unknown token"},
    403: {"description": "the token may not do this"},
    422: {"description": "the request does not match the schema"},
}

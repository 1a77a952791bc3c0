"""The cursor of a listing ordered by arrival: "received_at|uuid" after the last row a page showed."""

from __future__ import annotations

import uuid
from datetime import datetime

from core.messages import SyncCode
from hq.problems import HQProblemError


def parse(cursor: str) -> tuple[datetime, str] | None:
    """Where the next page starts, or None for the first; 422 cursor.invalid for anything else."""
    if not cursor:
        return None
    at, _, key = cursor.partition("|")
    try:
        when = datetime.fromisoformat(at)
        uuid.UUID(key)
    except ValueError:
        raise HQProblemError(422, SyncCode.CURSOR_INVALID, value=cursor[:60]) from None
    if when.tzinfo is None:
        raise HQProblemError(422, SyncCode.CURSOR_INVALID, value=cursor[:60])
    return when, key


def after(received_at: datetime, key: str) -> str:
    return f"{received_at.isoformat()}|{key}"

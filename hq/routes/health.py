"""GET /health: liveness plus the server's time, so a station can measure its clock skew."""

from __future__ import annotations

from fastapi import APIRouter

from core import __version__
from core.sync.protocol import Health
from hq.routes.deps import Now

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(now: Now) -> Health:
    return Health(server_time=now, version=__version__)

"""Bearer tokens, one per station (and one for the back office), stored at HQ only as sha256 hashes."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session, select

from core.messages import SyncCode
from hq.problems import HQProblemError
from hq.tables import HQStation

ADMIN = "admin"
STATION = "station"

log = logging.getLogger(__name__)

bearer = HTTPBearer(auto_error=False, description="One token per station; the back office has an admin token")


def new_token() -> str:
    return "hq_" + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Principal:
    id: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


def issue_token(session: Session, station_id: str, *, name: str = "", role: str = STATION,
                now: datetime) -> str:
    """Create the station, or give it a new token (the old one stops working at once; a revoked station is
    active again). An account keeps its role: the back office's can never be turned into a till's."""
    token = new_token()
    row = session.get(HQStation, station_id)
    if row is not None and row.role != role:
        raise HQProblemError(409, SyncCode.STATION_IS_ADMIN, station=station_id)
    if row is None:
        row = HQStation(id=station_id, name=name, role=role, token_hash=token_hash(token), created_at=now)
    else:
        row.token_hash = token_hash(token)
        row.name = name or row.name
        row.role = role
        row.active = True
    session.add(row)
    session.flush()
    return token


def station_row(session: Session, station_id: str) -> HQStation:
    """A station (never the back office's account) to revoke or rotate."""
    row = session.get(HQStation, station_id)
    if row is None:
        raise HQProblemError(404, SyncCode.STATION_UNKNOWN, station=station_id)
    if row.role != STATION:
        raise HQProblemError(409, SyncCode.STATION_IS_ADMIN, station=station_id)
    return row


def revoke(session: Session, station_id: str) -> HQStation:
    """The station's token stops working at once; its orders and booklets stay. Revoking again: no change."""
    row = station_row(session, station_id)
    row.active = False
    session.add(row)
    session.flush()
    return row


def rotate(session: Session, station_id: str, now: datetime) -> str:
    """A new token for an existing station (active again if it was revoked); the old token stops working."""
    row = station_row(session, station_id)
    return issue_token(session, row.id, name=row.name, now=now)


def authenticate(session: Session, token: str) -> tuple[Principal, bool] | None:
    """Whose token this is, and whether that station is active."""
    row = session.exec(select(HQStation).where(HQStation.token_hash == token_hash(token))).first()
    return None if row is None else (Principal(row.id, row.role), row.active)


def _where(request: Request) -> str:
    client = request.client.host if request.client else "?"
    return f"{request.method} {request.url.path} from {client}"


def principal(request: Request,
              credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal:
    # Logged by who the token belongs to, or "unknown": never the token, nor any part of it.
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        log.warning("auth failed: station unknown (no bearer token) on %s", _where(request))
        raise HQProblemError(401, SyncCode.AUTH)
    with request.app.state.db.read() as session:
        found = authenticate(session, credentials.credentials)
    if found is None:
        log.warning("auth failed: station unknown (token not recognised) on %s", _where(request))
        raise HQProblemError(401, SyncCode.AUTH)
    who, active = found
    if not active:
        # Said in words: a till whose token was revoked tells its people so, not "wrong token".
        log.warning("auth failed: station %s is revoked, on %s", who.id, _where(request))
        raise HQProblemError(401, SyncCode.REVOKED, station=who.id)
    seen = getattr(request.app.state, "station_seen", None)  # the back office's last contact (hq/web/contact.py)
    if seen is not None and not who.is_admin:
        seen(who.id, request.headers.get("user-agent"), request.headers.get("date"))
    return who


def admin(request: Request, who: Annotated[Principal, Depends(principal)]) -> Principal:
    if not who.is_admin:
        log.warning("auth failed: station %s may not use the back office, on %s", who.id, _where(request))
        raise HQProblemError(403, SyncCode.FORBIDDEN)
    return who


CurrentPrincipal = Annotated[Principal, Depends(principal)]
AdminPrincipal = Annotated[Principal, Depends(admin)]

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
    """Create the station, or give it a new token (the old one stops working at once)."""
    token = new_token()
    row = session.get(HQStation, station_id)
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
        raise HQProblemError(401, "hq.auth")
    with request.app.state.db.read() as session:
        found = authenticate(session, credentials.credentials)
    if found is None:
        log.warning("auth failed: station unknown (token not recognised) on %s", _where(request))
        raise HQProblemError(401, "hq.auth")
    who, active = found
    if not active:
        log.warning("auth failed: station %s is deactivated, on %s", who.id, _where(request))
        raise HQProblemError(401, "hq.auth")
    return who


def admin(request: Request, who: Annotated[Principal, Depends(principal)]) -> Principal:
    if not who.is_admin:
        log.warning("auth failed: station %s may not use the back office, on %s", who.id, _where(request))
        raise HQProblemError(403, "hq.forbidden")
    return who


CurrentPrincipal = Annotated[Principal, Depends(principal)]
AdminPrincipal = Annotated[Principal, Depends(admin)]

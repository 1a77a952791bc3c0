"""Bearer tokens, one per station (and one for the back office), stored at HQ only as sha256 hashes."""

from __future__ import annotations

import hashlib
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


def authenticate(session: Session, token: str) -> Principal | None:
    row = session.exec(select(HQStation).where(HQStation.token_hash == token_hash(token))).first()
    if row is None or not row.active:
        return None
    return Principal(row.id, row.role)


def principal(request: Request,
              credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise HQProblemError(401, "hq.auth")
    with request.app.state.db.read() as session:
        found = authenticate(session, credentials.credentials)
    if found is None:
        raise HQProblemError(401, "hq.auth")
    return found


def admin(who: Annotated[Principal, Depends(principal)]) -> Principal:
    if not who.is_admin:
        raise HQProblemError(403, "hq.forbidden")
    return who


CurrentPrincipal = Annotated[Principal, Depends(principal)]
AdminPrincipal = Annotated[Principal, Depends(admin)]

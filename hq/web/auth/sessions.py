"""Browser sessions: a random token in an HttpOnly, SameSite=Strict cookie (Secure over HTTPS); HQ keeps
only its sha256, with the session's CSRF token, an idle timeout and an absolute lifetime."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import Request, Response
from sqlalchemy import update
from sqlmodel import Session, delete

from hq.auth import token_hash
from hq.db import HQDatabase
from hq.tables import HQUser, HQWebSession

COOKIE = "hq_office"
IDLE = timedelta(minutes=30)
LIFETIME = timedelta(hours=12)
# last_seen is written at most this often: a page view is then a read, not a durable write (fsync) each time.
TOUCH = timedelta(minutes=1)


@dataclass(frozen=True)
class Active:
    user: HQUser
    csrf: str


def start(session: Session, user: HQUser, now: datetime) -> str:
    """A new session for `user`; the token returned goes into the cookie and nowhere else."""
    token = secrets.token_urlsafe(32)
    session.add(HQWebSession(token_hash=token_hash(token), user_id=user.id or 0, csrf=secrets.token_urlsafe(32),
                             created_at=now, last_seen=now, expires_at=now + LIFETIME))
    session.flush()
    return token


def resume(db: HQDatabase, token: str, now: datetime) -> Active | str | None:
    """The session's user and CSRF token; "expired" for one past its time (then deleted); None if unknown.
    A read, except for deleting an expired session and the occasional last_seen update."""
    key = token_hash(token)
    with db.read() as session:
        row = session.get(HQWebSession, key)
        user = session.get(HQUser, row.user_id) if row is not None else None
    if row is None:
        return None
    if now >= row.expires_at or now - row.last_seen >= IDLE or user is None or not user.active:
        with db.write() as session:
            session.execute(delete(HQWebSession).where(HQWebSession.token_hash == key))  # type: ignore[arg-type]
        return "expired"
    if now - row.last_seen >= TOUCH:
        with db.write() as session:
            session.execute(update(HQWebSession).where(HQWebSession.token_hash == key)  # type: ignore[arg-type]
                            .values(last_seen=now))
    return Active(user, row.csrf)


def end(session: Session, token: str) -> None:
    session.execute(delete(HQWebSession).where(HQWebSession.token_hash == token_hash(token)))  # type: ignore[arg-type]


def secure(request: Request) -> bool:
    """Secure cookies when the browser reached HQ over HTTPS (directly, or by a proxy that says so)."""
    return request.url.scheme == "https" or bool(getattr(request.app.state, "office_secure_cookies", False))


def set_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=secure(request), path="/office",
                        max_age=int(LIFETIME.total_seconds()))


def clear_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(COOKIE, path="/office", httponly=True, samesite="strict", secure=secure(request))

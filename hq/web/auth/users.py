"""Back-office users: creating them (`cashier hq user add`) and signing in, with lockout after failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from hq.tables import HQUser
from hq.web.auth.passwords import hash_password, verify_password

MAX_FAILURES = 5  # consecutive wrong passwords before the account locks
LOCKOUT = timedelta(minutes=15)
ROLES = ("owner", "manager")


class UserExistsError(ValueError):
    pass


def add_user(session: Session, username: str, password: str, now: datetime, *, role: str = "owner",
             lang: str = "zh-TW") -> HQUser:
    if session.exec(select(HQUser).where(HQUser.username == username)).first() is not None:
        raise UserExistsError(username)
    user = HQUser(username=username, password_hash=hash_password(password), role=role, lang=lang, created_at=now)
    session.add(user)
    session.flush()
    return user


@dataclass(frozen=True)
class SignIn:
    user: HQUser | None
    outcome: str  # ok | wrong | locked
    locked_until: datetime | None = None


def sign_in(session: Session, username: str, password: str, now: datetime) -> SignIn:
    """Check a password. A locked account refuses even the right one until the lock runs out."""
    user = session.exec(select(HQUser).where(HQUser.username == username, HQUser.active == True)).first()  # noqa: E712
    if user is not None and user.locked_until is not None and user.locked_until > now:
        return SignIn(None, "locked", user.locked_until)
    good = verify_password(password, user.password_hash if user else None)
    if user is None:
        return SignIn(None, "wrong")
    if not good:
        user.failed_signins += 1
        if user.failed_signins >= MAX_FAILURES:
            user.locked_until, user.failed_signins = now + LOCKOUT, 0
        session.add(user)
        return SignIn(None, "locked" if user.locked_until and user.locked_until > now else "wrong",
                      user.locked_until)
    user.failed_signins, user.locked_until = 0, None
    session.add(user)
    return SignIn(user, "ok")

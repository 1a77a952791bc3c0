"""Who is at the till: staff login and manager approval by PIN, and the member lookup."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from core.errors import ValidationError
from core.messages import CheckoutCode
from core.pins import verify_pin
from core.store.catalog import active_staff, find_customer
from core.store.lockouts import lock_of, locked_error, record_failure, record_success
from core.store.tables import Staff

MANAGER = "manager"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StaffMember:
    id: str
    name: str
    role: str

    @property
    def is_manager(self) -> bool:
        return self.role == MANAGER


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    phone: str | None
    member_code: str | None


def _member(row: Staff) -> StaffMember:
    return StaffMember(row.id, row.name, row.role)


def staff_list(session: Session) -> list[StaffMember]:
    return [_member(row) for row in active_staff(session)]


@dataclass(frozen=True)
class LoginAttempt:
    """Who is trying to log in, read before the PIN is checked (outside any transaction: scrypt is slow)."""

    member: StaffMember
    pin_hash: str = field(repr=False)


def login_attempt(session: Session, staff_id: str, now: datetime) -> LoginAttempt:
    """The active staff member about to type a PIN; one message for an unknown id and a wrong PIN alike,
    and a locked one is told until when (nothing is checked or counted while locked)."""
    row = session.get(Staff, staff_id)
    if row is None or not row.active:
        raise ValidationError(CheckoutCode.LOGIN_FAILED)
    lock = lock_of(session, staff_id, now)
    if lock is not None:
        raise locked_error(row.name, lock)
    return LoginAttempt(_member(row), row.pin_hash)


def record_login(session: Session, attempt: LoginAttempt, *, right: bool, now: datetime,
                 rehashed: str | None = None) -> ValidationError | None:
    """Write what the PIN check found: a right PIN clears the count (and stores `rehashed`, the same PIN
    hashed with today's parameters, if the stored hash was weaker); a wrong one is counted. Returns the
    error to raise once this is committed, None for a right PIN."""
    staff_id = attempt.member.id
    if right:
        record_success(session, staff_id)
        row = session.get(Staff, staff_id)
        # Only if the row still holds the hash that was checked: a pull may have brought a new PIN meanwhile.
        if rehashed is not None and row is not None and row.pin_hash == attempt.pin_hash:
            row.pin_hash = rehashed
            session.add(row)
            log.info("PIN hash of staff %s re-hashed with the current parameters", staff_id)
        return None
    lock = record_failure(session, staff_id, now)
    return locked_error(attempt.member.name, lock) if lock is not None else ValidationError(CheckoutCode.LOGIN_FAILED)


def check_manager(session: Session, pin: str) -> StaffMember:
    """The active manager whose PIN this is (a manager approves by typing their own PIN)."""
    managers = session.exec(select(Staff).where(Staff.active, Staff.role == MANAGER).order_by(Staff.id)).all()
    for row in managers:
        if verify_pin(pin, row.pin_hash):
            return _member(row)
    raise ValidationError(CheckoutCode.MANAGER_PIN_WRONG)


def lookup_member(session: Session, phone_or_code: str) -> Member | None:
    row = find_customer(session, phone_or_code)
    return None if row is None else Member(row.id, row.name, row.phone, row.member_code)

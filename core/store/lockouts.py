"""Wrong-PIN lockouts at this till: five wrong PINs in a row lock that staff member for 5 minutes,
doubling on each repeat lockout (5, 10, 20 … minutes) until they log in successfully.

Kept in the station database (table pin_lockouts) so a restart does not clear a lock, on the Station's
injected clock. A manager unlocks with their own PIN (Station.unlock, audited). Call these inside a write
transaction; `lock_of` also reads."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from core.clock import to_taipei
from core.errors import ValidationError
from core.messages import CheckoutCode
from core.store.audit import AuditAction, record
from core.store.tables import PinLockout

MAX_FAILURES = 5  # wrong PINs in a row that lock
FIRST_LOCK = timedelta(minutes=5)
MAX_LOCK = timedelta(days=1)  # the doubling stops here: a till is never locked for weeks by a prankster

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Lock:
    staff_id: str
    until: datetime  # Taiwan time


def lock_duration(lockouts: int) -> timedelta:
    """How long the `lockouts`-th lock (1, 2, 3 …) lasts: 5, 10, 20 … minutes."""
    # A float power keeps the type exact; the factors are powers of two, so the product is too.
    return min(FIRST_LOCK * 2.0 ** (lockouts - 1), MAX_LOCK)


def lock_of(session: Session, staff_id: str, now: datetime) -> Lock | None:
    row = session.get(PinLockout, staff_id)
    if row is None or row.locked_until is None or to_taipei(row.locked_until) <= now:
        return None
    return Lock(staff_id, to_taipei(row.locked_until))


def locked_error(name: str, lock: Lock) -> ValidationError:
    return ValidationError(CheckoutCode.LOGIN_LOCKED, name=name, until=f"{lock.until:%H:%M:%S}")


def record_failure(session: Session, staff_id: str, now: datetime) -> Lock | None:
    """Count a wrong PIN; the lock it earned, if this was the fifth in a row."""
    row = session.get(PinLockout, staff_id) or PinLockout(staff_id=staff_id, updated_at=now)
    row.failures += 1
    lock = None
    if row.failures >= MAX_FAILURES:
        row.lockouts += 1
        row.failures = 0
        row.locked_until = now + lock_duration(row.lockouts)
        lock = Lock(staff_id, to_taipei(row.locked_until))
        record(session, AuditAction.PIN_LOCKOUT, at=now, staff_id=staff_id, lockouts=row.lockouts,
               until=lock.until.isoformat(timespec="seconds"))
        log.warning("staff %s locked until %s after %d wrong PINs in a row (lockout %d)", staff_id,
                    lock.until.isoformat(timespec="seconds"), MAX_FAILURES, row.lockouts)
    else:
        log.info("wrong PIN for staff %s (%d in a row)", staff_id, row.failures)
    row.updated_at = now
    session.add(row)
    return lock


def record_success(session: Session, staff_id: str) -> None:
    """A right PIN: the count and the doubling start again."""
    row = session.get(PinLockout, staff_id)
    if row is not None:
        session.delete(row)


def unlock(session: Session, staff_id: str, *, manager_id: str, now: datetime) -> Lock:
    """Lift a lock a manager allowed (audited); the next lock still doubles until a successful login."""
    lock = lock_of(session, staff_id, now)
    if lock is None:
        raise ValidationError(CheckoutCode.LOGIN_NOT_LOCKED, value=staff_id)
    row = session.get(PinLockout, staff_id)
    assert row is not None  # lock_of found it
    row.locked_until, row.failures, row.updated_at = None, 0, now
    session.add(row)
    record(session, AuditAction.UNLOCK, at=now, staff_id=staff_id, approved_by=manager_id,
           was_locked_until=lock.until.isoformat(timespec="seconds"))
    log.info("staff %s unlocked by manager %s (was locked until %s)", staff_id, manager_id,
             lock.until.isoformat(timespec="seconds"))
    return lock

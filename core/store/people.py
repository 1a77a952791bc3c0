"""Who is at the till: staff login and manager approval by PIN, and the member lookup."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from core.errors import ValidationError
from core.pins import verify_pin
from core.store.catalog import active_staff, find_customer
from core.store.tables import Staff

MANAGER = "manager"


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


def check_login(session: Session, staff_id: str, pin: str) -> StaffMember:
    """The staff member if the PIN is theirs; one message for an unknown id and a wrong PIN alike."""
    row = session.get(Staff, staff_id)
    if row is None or not row.active or not verify_pin(pin, row.pin_hash):
        raise ValidationError("login.failed")
    return _member(row)


def check_manager(session: Session, pin: str) -> StaffMember:
    """The active manager whose PIN this is (a manager approves by typing their own PIN)."""
    managers = session.exec(select(Staff).where(Staff.active, Staff.role == MANAGER).order_by(Staff.id)).all()
    for row in managers:
        if verify_pin(pin, row.pin_hash):
            return _member(row)
    raise ValidationError("manager.pin_wrong")


def lookup_member(session: Session, phone_or_code: str) -> Member | None:
    row = find_customer(session, phone_or_code)
    return None if row is None else Member(row.id, row.name, row.phone, row.member_code)

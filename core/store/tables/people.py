"""Staff who may log in offline, and the customer cache."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from core.store.tables.base import StoreModel, TaipeiDateTime


class Staff(StoreModel, table=True):
    __tablename__ = "staff"

    id: str = Field(primary_key=True, max_length=20)
    name: str
    role: str = Field(default="cashier", max_length=10)  # cashier | manager
    pin_hash: str  # salted scrypt, see core.pins
    active: bool = True
    updated_at: datetime = Field(sa_type=TaipeiDateTime)


class Customer(StoreModel, table=True):
    __tablename__ = "customers"

    id: str = Field(primary_key=True, max_length=40)
    member_code: str | None = Field(default=None, index=True, unique=True, max_length=40)
    phone: str | None = Field(default=None, index=True, max_length=20)
    name: str = ""
    updated_at: datetime = Field(sa_type=TaipeiDateTime)


class PinLockout(StoreModel, table=True):
    """Wrong PINs in a row per staff member at this till, and the lockout they earned (core.lockout).

    In the station database so a restart does not clear a lock; never synced (a lock is this till's)."""

    __tablename__ = "pin_lockouts"

    staff_id: str = Field(primary_key=True, max_length=20)
    failures: int = 0  # wrong PINs since the last success or lockout
    lockouts: int = 0  # lockouts so far without a successful login between them: the next lasts 5 * 2**n min
    locked_until: datetime | None = Field(default=None, sa_type=TaipeiDateTime)
    updated_at: datetime = Field(sa_type=TaipeiDateTime)

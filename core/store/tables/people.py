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

"""Reference data the stations pull by delta: staff, products, customers.

`version` is a per-table change number; a station's cursor is the highest version it has seen.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from hq.tables.base import HQModel, TaipeiDateTime


class HQStaff(HQModel, table=True):
    __tablename__ = "hq_staff"

    id: str = Field(primary_key=True, max_length=20)
    name: str
    role: str = Field(default="cashier", max_length=10)  # cashier | manager
    pin_hash: str
    active: bool = True
    updated_at: datetime = Field(sa_type=TaipeiDateTime)
    version: int = Field(index=True, unique=True)


class HQProduct(HQModel, table=True):
    __tablename__ = "hq_products"

    sku: str = Field(primary_key=True, max_length=40)
    barcode: str | None = Field(default=None, index=True, max_length=40)
    name: str
    price_regular: int
    price_addon: int | None = None
    price_gift: int | None = None
    active: bool = True
    updated_at: datetime = Field(sa_type=TaipeiDateTime)
    version: int = Field(index=True, unique=True)


class HQCustomer(HQModel, table=True):
    __tablename__ = "hq_customers"

    id: str = Field(primary_key=True, max_length=40)
    member_code: str | None = Field(default=None, unique=True, index=True, max_length=40)
    phone: str | None = Field(default=None, index=True, max_length=20)
    name: str = ""
    updated_at: datetime = Field(sa_type=TaipeiDateTime)
    version: int = Field(index=True, unique=True)

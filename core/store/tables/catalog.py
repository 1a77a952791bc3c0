"""The product catalog as last pulled from HQ, for selling offline."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from core.store.tables.base import StoreModel, TaipeiDateTime


class Product(StoreModel, table=True):
    __tablename__ = "products"

    sku: str = Field(primary_key=True, max_length=40)
    barcode: str | None = Field(default=None, index=True, max_length=40)
    name: str
    # One price per product type; None when the product is not sold that way.
    price_regular: int
    price_addon: int | None = None
    price_gift: int | None = None
    active: bool = True
    updated_at: datetime = Field(sa_type=TaipeiDateTime)

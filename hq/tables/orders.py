"""Orders as uploaded: one row per order UUID, its lines (annotated by reconciliation), payments and invoice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field

from hq.tables.base import HQModel, TaipeiDateTime


class HQOrder(HQModel, table=True):
    __tablename__ = "hq_orders"
    __table_args__ = (
        UniqueConstraint("station_id", "order_no", name="uq_hq_order_no"),
        Index("ix_hq_orders_listing", "received_at", "id"),
    )

    id: str = Field(primary_key=True, max_length=36)  # the station's order UUID: exactly-once by constraint
    station_id: str = Field(index=True, max_length=20)
    order_no: str = Field(max_length=40)
    seq: int
    created_at: datetime = Field(sa_type=TaipeiDateTime)
    received_at: datetime = Field(sa_type=TaipeiDateTime)
    staff_id: str = Field(max_length=20)
    customer_id: str | None = Field(default=None, max_length=40)  # as linked by HQ
    customer_phone: str | None = Field(default=None, max_length=20)
    total: int
    offline: bool = False
    payload_sha256: str = Field(max_length=64)
    payload: str = Field(sa_type=Text)  # canonical JSON, kept verbatim
    result: str = Field(sa_type=Text)  # the answer given the first time, replayed on every retry
    status: str = Field(default="accepted", max_length=10)  # accepted | voided
    voided_at: datetime | None = Field(default=None, sa_type=TaipeiDateTime)
    void_reason: str | None = None
    void_approved_by: str | None = Field(default=None, max_length=20)  # the manager who allowed it at the till
    price_overrides: int = 0
    attention: bool = False
    # The station's order a return within the period voided and reissued as this one, as uploaded; an
    # order of no such order of the same station is kept all the same, flagged for attention.
    reissue_of: str | None = Field(default=None, index=True, max_length=36)


class HQOrderLine(HQModel, table=True):
    __tablename__ = "hq_order_lines"

    id: int | None = Field(default=None, primary_key=True)
    order_id: str = Field(foreign_key="hq_orders.id", index=True, max_length=36)
    position: int
    sku: str = Field(max_length=40)
    entered_name: str  # what the cashier's station had
    name: str  # the catalog's name by SKU (or the entered one for an unknown SKU)
    product_type: str = Field(max_length=10)
    quantity: int
    unit_price: int
    catalog_price: int | None = None  # HQ's price for the product type, when known
    amount: int
    price_override: bool = False  # 店長改價
    price_approved_by: str | None = Field(default=None, max_length=20)  # the manager who allowed a lower price
    unknown_sku: bool = False


class HQPayment(HQModel, table=True):
    __tablename__ = "hq_payments"

    id: int | None = Field(default=None, primary_key=True)
    order_id: str = Field(foreign_key="hq_orders.id", index=True, max_length=36)
    kind: str = Field(max_length=10)
    amount: int
    tendered: int
    change: int = 0
    reference: str = ""


class HQInvoice(HQModel, table=True):
    """The invoice exactly as the station issued it; only the void mark ever changes."""

    __tablename__ = "hq_invoices"
    __table_args__ = (UniqueConstraint("period_code", "number", name="uq_hq_invoice_number"),)

    id: int | None = Field(default=None, primary_key=True)
    order_id: str = Field(foreign_key="hq_orders.id", unique=True, max_length=36)
    station_id: str = Field(max_length=20)
    number: str = Field(max_length=10)
    period_code: str = Field(max_length=5)
    random_code: str | None = Field(default=None, max_length=4)
    issued_at: datetime = Field(sa_type=TaipeiDateTime)
    total: int
    sales: int
    tax: int
    seller_ban: str = Field(max_length=8)
    buyer_ban: str | None = Field(default=None, max_length=8)
    carrier_type: str | None = Field(default=None, max_length=10)
    carrier_id: str | None = Field(default=None, max_length=64)
    donation_code: str | None = Field(default=None, max_length=7)
    qr_left: str | None = Field(default=None, sa_type=Text)
    qr_right: str | None = Field(default=None, sa_type=Text)
    print_mark: bool
    manual: bool = False  # 自行開立, linked to its order by order_id
    voided: bool = False
    voided_at: datetime | None = Field(default=None, sa_type=TaipeiDateTime)

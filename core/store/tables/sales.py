"""Orders, their lines and their payments: written once, at checkout, in one transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field

from core.store.tables.base import StoreModel, TaipeiDateTime


class Order(StoreModel, table=True):
    __tablename__ = "orders"
    # Keyset paging of the order list (newest first), per status, and lookups by customer.
    __table_args__ = (
        Index("ix_orders_created_seq", "created_at", "seq"),
        Index("ix_orders_status_created_seq", "status", "created_at", "seq"),
        Index("ix_orders_customer_phone", "customer_phone"),
        Index("ix_orders_customer_id", "customer_id"),
    )

    id: str = Field(primary_key=True, max_length=36)  # UUID made at checkout, the upload's identity
    order_no: str = Field(unique=True, max_length=40)  # human-readable, monotonic per station
    seq: int  # the station's order counter at this sale
    station_id: str = Field(max_length=20)
    created_at: datetime = Field(sa_type=TaipeiDateTime, index=True)
    staff_id: str = Field(foreign_key="staff.id", max_length=20)
    customer_id: str | None = Field(default=None, max_length=40)
    customer_phone: str | None = Field(default=None, max_length=20)  # linked by HQ when unknown here
    total: int
    offline: bool = False  # sold while HQ was unreachable
    status: str = Field(default="completed", max_length=12)  # completed | voided
    # Filled from HQ's answer to the upload (reconciliation); the sale itself is never rewritten.
    hq_customer_id: str | None = Field(default=None, max_length=40)  # linked by HQ, e.g. from the phone
    reconciled_at: datetime | None = Field(default=None, sa_type=TaipeiDateTime)
    # A return within the invoice's period voids the order and reissues the kept lines as this new order.
    reissue_of: str | None = Field(default=None, foreign_key="orders.id", index=True, max_length=36)


class OrderLine(StoreModel, table=True):
    __tablename__ = "order_lines"

    id: int | None = Field(default=None, primary_key=True)
    order_id: str = Field(foreign_key="orders.id", index=True, max_length=36)
    position: int
    sku: str = Field(max_length=40)
    name: str
    product_type: str = Field(max_length=10)  # regular | addon | gift
    quantity: int
    unit_price: int
    catalog_price: int | None = None  # the cached catalog price at the sale, when the SKU was known
    price_approved_by: str | None = Field(default=None, max_length=20)  # the manager who allowed a lower price
    amount: int
    # HQ's reconciliation: `name` above stays what was sold and printed; these say what HQ made of it.
    hq_name: str | None = None  # the catalog's name for the SKU
    hq_catalog_price: int | None = None  # HQ's price for the product type
    price_override: bool = False  # 店長改價: the entered price differs from HQ's catalog price
    unknown_sku: bool = False


class Payment(StoreModel, table=True):
    __tablename__ = "payments"

    id: int | None = Field(default=None, primary_key=True)
    order_id: str = Field(foreign_key="orders.id", index=True, max_length=36)
    kind: str = Field(max_length=10)  # cash | card | other
    amount: int  # what this payment covers of the total
    tendered: int  # what was handed over; more than amount only for cash
    change: int = 0
    reference: str = ""  # card slip or voucher number


class ReturnRefund(StoreModel, table=True):
    """Money handed back for a return within the invoice's period (the void and reissue of `order_id`)."""

    __tablename__ = "return_refunds"

    id: int | None = Field(default=None, primary_key=True)
    order_id: str = Field(foreign_key="orders.id", index=True, max_length=36)  # the voided original
    refunded_at: datetime = Field(sa_type=TaipeiDateTime)
    kind: str = Field(max_length=10)
    amount: int
    reference: str = ""  # the card terminal's reference for a card refund

"""The back office's own tables: its users, their sign-in sessions, what they did (audit) and what they
acknowledged in Needs attention; plus the indexes its searches need on the order tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field, col

from hq.tables.base import HQModel, TaipeiDateTime
from hq.tables.orders import HQInvoice, HQOrder, HQOrderLine


class HQUser(HQModel, table=True):
    """A person signing in to the back office (not a station, not a cashier: they have PINs)."""

    __tablename__ = "hq_users"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=40)
    password_hash: str = Field(max_length=300)  # salted scrypt, as PINs (core.pins)
    role: str = Field(default="owner", max_length=10)
    lang: str = Field(default="zh-TW", max_length=8)
    active: bool = True
    failed_signins: int = 0  # consecutive; reset by a good sign-in
    locked_until: datetime | None = Field(default=None, sa_type=TaipeiDateTime)
    created_at: datetime = Field(sa_type=TaipeiDateTime)


class HQWebSession(HQModel, table=True):
    """A signed-in browser. The cookie holds a random token; only its sha256 is stored (as station tokens)."""

    __tablename__ = "hq_web_sessions"

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="hq_users.id", index=True)
    csrf: str = Field(max_length=64)  # the token every form of this session must carry
    created_at: datetime = Field(sa_type=TaipeiDateTime)
    last_seen: datetime = Field(sa_type=TaipeiDateTime)
    expires_at: datetime = Field(sa_type=TaipeiDateTime)


class HQAudit(HQModel, table=True):
    """Every back-office action, who did it and when; append-only."""

    __tablename__ = "hq_audit"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=TaipeiDateTime, index=True)
    username: str = Field(max_length=40)
    action: str = Field(max_length=40)
    target: str = Field(default="", max_length=80)
    detail: str = Field(default="", sa_type=Text)


class HQAcknowledgement(HQModel, table=True):
    """A Needs-attention item a person has dealt with: one per (kind, order, line)."""

    __tablename__ = "hq_acknowledgements"
    __table_args__ = (UniqueConstraint("kind", "order_id", "position", name="uq_hq_ack"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=12)  # override | unknown_sku | held
    order_id: str = Field(foreign_key="hq_orders.id", max_length=36)
    position: int = 0  # the line; 0 for the whole order
    username: str = Field(max_length=40)
    at: datetime = Field(sa_type=TaipeiDateTime)
    mapped_sku: str | None = Field(default=None, max_length=40)  # an unknown SKU fixed to this product
    note: str = Field(default="", max_length=200)


class HQStationContact(HQModel, table=True):
    """When a station last called HQ, the version it runs and its clock's offset: written from its requests
    at most once a minute per station (hq/web/contact.py), never once per request."""

    __tablename__ = "hq_station_contacts"

    station_id: str = Field(primary_key=True, max_length=20)
    last_contact: datetime = Field(sa_type=TaipeiDateTime)
    version: str | None = Field(default=None, max_length=40)  # from its User-Agent, cashier-station/<version>
    clock_skew_seconds: float | None = None  # its Date header minus HQ's clock, when it sends one


# Back-office searches over 100,000 orders: by invoice number alone, phone, order number, date.
Index("ix_hq_invoices_number", col(HQInvoice.number))
Index("ix_hq_orders_customer_phone", col(HQOrder.customer_phone))
Index("ix_hq_orders_order_no", col(HQOrder.order_no))
# By day: covering what Today sums, so a day's orders are read from the index, not their wide rows.
Index("ix_hq_orders_created_at", col(HQOrder.created_at), col(HQOrder.station_id), col(HQOrder.status),
      col(HQOrder.total), col(HQOrder.offline))
# Today per tender: a day's accepted orders' ids, to join their payments without reading the orders' wide rows.
Index("ix_hq_orders_day", col(HQOrder.created_at), col(HQOrder.status), col(HQOrder.id))
# A station's Z report: its day's orders (and their ids, for payments and invoices) from the index alone.
Index("ix_hq_orders_station_day", col(HQOrder.station_id), col(HQOrder.created_at), col(HQOrder.status),
      col(HQOrder.total), col(HQOrder.offline), col(HQOrder.id))
Index("ix_hq_orders_voided_at", col(HQOrder.voided_at))
# Needs attention: the few flagged rows found without reading every line and order.
Index("ix_hq_order_lines_price_override", col(HQOrderLine.price_override))
Index("ix_hq_order_lines_unknown_sku", col(HQOrderLine.unknown_sku))
Index("ix_hq_orders_attention", col(HQOrder.attention))
# Today and Stations: each station's latest arrival; Numbers: each station's use of a track.
Index("ix_hq_orders_station_received", col(HQOrder.station_id), col(HQOrder.received_at))
Index("ix_hq_invoices_station_number", col(HQInvoice.station_id), col(HQInvoice.period_code),
      col(HQInvoice.number))

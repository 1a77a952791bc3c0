"""Allowances (折讓證明單): returns against an issued invoice, their lines and refunds, and their outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from core.store.tables.base import StoreModel, TaipeiDateTime


class AllowanceRow(StoreModel, table=True):
    """One allowance as issued: the original invoice's number and date are copied so every upload (and a
    reprint) says exactly what the till said, whatever happens to the order later."""

    __tablename__ = "allowances"

    id: str = Field(primary_key=True, max_length=36)  # a UUID: HQ's idempotency key
    number: str = Field(max_length=16, unique=True)  # the station's prefix, then a counter
    order_id: str = Field(foreign_key="orders.id", index=True, max_length=36)
    issued_at: datetime = Field(sa_type=TaipeiDateTime)
    period_code: str = Field(max_length=5)  # the allowance's own period: a cancel must fall in it
    original_invoice_number: str = Field(max_length=10)
    original_invoice_date: str = Field(max_length=10)  # ISO date, Taipei
    amount: int  # untaxed, the lines' sum
    tax: int
    reason: str
    staff_id: str = Field(max_length=20)
    approved_by: str = Field(max_length=20)  # the manager whose PIN allowed it
    cancelled: bool = False
    cancelled_at: datetime | None = Field(default=None, sa_type=TaipeiDateTime)
    cancel_reason: str | None = None
    cancelled_by: str | None = Field(default=None, max_length=20)


class AllowanceLineRow(StoreModel, table=True):
    __tablename__ = "allowance_lines"
    __table_args__ = (UniqueConstraint("allowance_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    allowance_id: str = Field(foreign_key="allowances.id", index=True, max_length=36)
    position: int
    original_position: int
    sku: str = Field(max_length=40)
    quantity: int
    amount: int  # untaxed
    tax: int


class AllowanceRefundRow(StoreModel, table=True):
    __tablename__ = "allowance_refunds"

    id: int | None = Field(default=None, primary_key=True)
    allowance_id: str = Field(foreign_key="allowances.id", index=True, max_length=36)
    kind: str = Field(max_length=10)
    amount: int
    reference: str = ""


class AllowanceOutboxEntry(StoreModel, table=True):
    """An allowance, or its cancel, on its way to HQ; same states as the order outbox. An allowance is
    due once its order's row is 'success', a cancel once its allowance's row is."""

    __tablename__ = "allowance_outbox"
    __table_args__ = (Index("ix_allowance_outbox_due", "state", "next_attempt_at"),)

    allowance_id: str = Field(primary_key=True, foreign_key="allowances.id", max_length=36)
    kind: str = Field(primary_key=True, max_length=6)  # issue | cancel
    state: str = Field(default="waiting", max_length=10)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=TaipeiDateTime)
    last_error: str | None = None
    result: str | None = None  # HQ's AllowanceResult as JSON
    created_at: datetime = Field(sa_type=TaipeiDateTime)
    updated_at: datetime = Field(sa_type=TaipeiDateTime)

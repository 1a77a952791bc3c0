"""Allowances (折讓) as uploaded: one row per allowance UUID, kept whatever HQ made of it, and its lines.

A held allowance (its original sale not at HQ yet) is a row like any other: never lost, judged again when
the sale arrives. Its original order id is therefore not a foreign key.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, Text
from sqlmodel import Field

from hq.tables.base import HQModel, TaipeiDateTime


class HQAllowance(HQModel, table=True):
    __tablename__ = "hq_allowances"
    __table_args__ = (Index("ix_hq_allowances_listing", "received_at", "id"),)

    id: str = Field(primary_key=True, max_length=36)  # the station's allowance UUID: exactly-once by constraint
    station_id: str = Field(index=True, max_length=20)
    # Unique per seller: HQ files for one seller, and each station's numbers carry its own prefix.
    number: str = Field(max_length=16, unique=True)
    period_code: str = Field(max_length=5)  # the allowance's own period (its cancellation stays within it)
    issued_at: datetime = Field(sa_type=TaipeiDateTime)
    received_at: datetime = Field(sa_type=TaipeiDateTime)
    original_order_id: str = Field(index=True, max_length=36)
    original_invoice_number: str = Field(max_length=10)
    original_invoice_date: date
    staff_id: str = Field(max_length=20)
    reason: str = Field(max_length=200)
    amount: int  # untaxed, the sum of the lines'
    tax: int
    refunded: int
    payload_sha256: str = Field(max_length=64)
    payload: str = Field(sa_type=Text)  # canonical JSON, kept verbatim
    result: str = Field(sa_type=Text)  # the answer as it stands (a held one's changes once judged)
    status: str = Field(default="accepted", max_length=10)  # accepted | held | rejected | cancelled
    reason_code: str | None = Field(default=None, max_length=60)  # why held, or refused when judged later
    cancelled_at: datetime | None = Field(default=None, sa_type=TaipeiDateTime)
    cancel_reason: str | None = Field(default=None, max_length=200)
    cancel_approved_by: str | None = Field(default=None, max_length=20)
    cancel_sha256: str | None = Field(default=None, max_length=64)


class HQAllowanceLine(HQModel, table=True):
    __tablename__ = "hq_allowance_lines"

    id: int | None = Field(default=None, primary_key=True)
    allowance_id: str = Field(foreign_key="hq_allowances.id", index=True, max_length=36)
    position: int
    original_position: int
    sku: str = Field(max_length=40)
    quantity: int
    amount: int  # untaxed
    tax: int

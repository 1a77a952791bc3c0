"""Issued invoices and the booklets their numbers come from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from core.store.tables.base import StoreModel, TaipeiDateTime


class Invoice(StoreModel, table=True):
    """Immutable once written, but for the void mark and the print bookkeeping."""

    __tablename__ = "invoices"
    __table_args__ = (UniqueConstraint("period_code", "number", name="uq_invoice_number"),
                      Index("ix_invoices_number", "number"))  # the order list's search by invoice number

    id: int | None = Field(default=None, primary_key=True)
    order_id: str = Field(foreign_key="orders.id", unique=True, max_length=36)
    number: str = Field(max_length=10)
    period_code: str = Field(max_length=5)
    random_code: str | None = Field(default=None, max_length=4)  # none on a hand-written invoice
    issued_at: datetime = Field(sa_type=TaipeiDateTime)
    total: int
    sales: int
    tax: int
    seller_ban: str = Field(max_length=8)
    buyer_ban: str | None = Field(default=None, max_length=8)
    carrier_type: str | None = Field(default=None, max_length=10)  # mobile | citizen
    carrier_id: str | None = Field(default=None, max_length=64)
    donation_code: str | None = Field(default=None, max_length=7)
    # The codes as issued, kept so a reprint (補印) is byte-for-byte the same invoice.
    qr_left: str | None = None
    qr_right: str | None = None
    qr_encoding: str = Field(default="utf-8", max_length=10)
    print_mark: bool  # a proof copy is owed to the buyer
    manual: bool = False  # 自行開立: hand-written, number typed in by the cashier
    voided: bool = False
    voided_at: datetime | None = Field(default=None, sa_type=TaipeiDateTime)
    void_reason: str | None = None
    print_count: int = 0  # 0: the original is still owed; more than 1: reprints (補印)
    printed_at: datetime | None = Field(default=None, sa_type=TaipeiDateTime)
    # 交易明細 slips that reached paper (a carrier or donated invoice gets one instead of a proof copy).
    slip_count: int = 0


class Booklet(StoreModel, table=True):
    __tablename__ = "booklets"
    __table_args__ = (UniqueConstraint("period_code", "track", "start", name="uq_booklet"),)

    id: int | None = Field(default=None, primary_key=True)
    period_code: str = Field(max_length=5, index=True)
    track: str = Field(max_length=2)
    start: int
    end: int
    next_offset: int = 0  # numbers used so far; 50 when exhausted
    received_at: datetime = Field(sa_type=TaipeiDateTime)

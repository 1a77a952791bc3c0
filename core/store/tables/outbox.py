"""The upload outbox: one row per order, written with the sale, kept until HQ acknowledges it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, text
from sqlmodel import Field

from core.store.tables.base import StoreModel, TaipeiDateTime


class OutboxEntry(StoreModel, table=True):
    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "state", "next_attempt_at"), Index("ix_outbox_created_at", "created_at"),
        # The claim's order over due rows only (core/store/outbox.py reads its batches off it).
        Index("ix_outbox_claim", "next_attempt_at", "created_at", "order_id",
              sqlite_where=text("state IN ('waiting', 'failed')")),
    )

    order_id: str = Field(primary_key=True, foreign_key="orders.id", max_length=36)
    # waiting | uploading | success | failed (will retry) | attention (rejected; needs a person)
    state: str = Field(default="waiting", max_length=10)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=TaipeiDateTime)
    last_error: str | None = None
    result: str | None = None  # HQ's answer as JSON, reconciliation included
    created_at: datetime = Field(sa_type=TaipeiDateTime)
    updated_at: datetime = Field(sa_type=TaipeiDateTime)


class VoidOutboxEntry(StoreModel, table=True):
    """A void (作廢) on its way to HQ: one row per voided order, written in the void's own transaction.

    Sent only once the order's own outbox row is 'success' (HQ has the order); same states as OutboxEntry.
    The reason and time are copied here so every retry sends exactly the same request."""

    __tablename__ = "void_outbox"
    __table_args__ = (Index("ix_void_outbox_due", "state", "next_attempt_at"),)

    order_id: str = Field(primary_key=True, foreign_key="orders.id", max_length=36)
    reason: str
    voided_at: datetime = Field(sa_type=TaipeiDateTime)
    approved_by: str | None = Field(default=None, max_length=20)  # the manager whose PIN allowed the void
    state: str = Field(default="waiting", max_length=10)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=TaipeiDateTime)
    last_error: str | None = None
    result: str | None = None  # HQ's answer (status and void time) as JSON
    created_at: datetime = Field(sa_type=TaipeiDateTime)
    updated_at: datetime = Field(sa_type=TaipeiDateTime)

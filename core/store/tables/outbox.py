"""The upload outbox: one row per order, written with the sale, kept until HQ acknowledges it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field

from core.store.tables.base import StoreModel, TaipeiDateTime


class OutboxEntry(StoreModel, table=True):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "state", "next_attempt_at"), Index("ix_outbox_created_at", "created_at"))

    order_id: str = Field(primary_key=True, foreign_key="orders.id", max_length=36)
    # waiting | uploading | success | failed (will retry) | attention (rejected; needs a person)
    state: str = Field(default="waiting", max_length=10)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=TaipeiDateTime)
    last_error: str | None = None
    result: str | None = None  # HQ's answer as JSON, reconciliation included
    created_at: datetime = Field(sa_type=TaipeiDateTime)
    updated_at: datetime = Field(sa_type=TaipeiDateTime)

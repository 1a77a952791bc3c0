"""Who did what sensitive thing, and when: price overrides, voids, reprints, manual invoices."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from core.store.tables.base import StoreModel, TaipeiDateTime


class AuditEntry(StoreModel, table=True):
    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=TaipeiDateTime, index=True)
    # price_override | void | reprint | details_reprint | manual_invoice | pin_lockout | unlock
    action: str = Field(max_length=20)
    staff_id: str = Field(max_length=20)
    approved_by: str | None = Field(default=None, max_length=20)  # the manager whose PIN allowed it
    order_id: str | None = Field(default=None, index=True, max_length=36)
    detail: str = "{}"  # JSON


class Counter(StoreModel, table=True):
    """Monotonic counters that must survive crashes, bumped inside the transaction that uses them."""

    __tablename__ = "counters"

    name: str = Field(primary_key=True, max_length=20)
    value: int = 0

"""The MOF platform's state of an order's invoice, as HQ last reported it (HQ files; the station only shows)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from core.store.tables.base import StoreModel, TaipeiDateTime


class MofStateRow(StoreModel, table=True):
    __tablename__ = "mof_states"

    order_id: str = Field(primary_key=True, max_length=36)
    kind: str = Field(max_length=5)  # F0401, or F0501 once the invoice is voided
    invoice_number: str = Field(max_length=10)
    state: str = Field(max_length=10)  # queued | held | handed | accepted | rejected | skipped
    error_code: str | None = Field(default=None, max_length=20)
    error_text: str | None = None
    updated_at: datetime = Field(sa_type=TaipeiDateTime)  # HQ's time of the state
    checked_at: datetime = Field(sa_type=TaipeiDateTime)  # when the station last asked

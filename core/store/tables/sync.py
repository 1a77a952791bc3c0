"""Small named values the sync keeps between runs: delta cursors per data kind."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from core.store.tables.base import StoreModel, TaipeiDateTime


class SyncState(StoreModel, table=True):
    __tablename__ = "sync_state"

    name: str = Field(primary_key=True, max_length=40)
    value: str
    updated_at: datetime = Field(sa_type=TaipeiDateTime)

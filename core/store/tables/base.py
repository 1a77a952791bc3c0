"""The station database's own SQLModel base, kept apart from HQ's tables in the same process."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import registry
from sqlmodel import SQLModel

from core.clock import to_taipei


class StoreModel(SQLModel, registry=registry()):
    pass


class TaipeiDateTime(TypeDecorator[datetime]):
    """ISO-8601 text with the +08:00 offset: readable in the sqlite3 shell and sorts by time."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else to_taipei(value).isoformat(timespec="seconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)

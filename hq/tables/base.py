"""HQ's own SQLModel base: its tables live in their own metadata, apart from a station's in the same process."""

from __future__ import annotations

from sqlalchemy.orm import registry
from sqlmodel import SQLModel

from core.store.tables.base import TaipeiDateTime


class HQModel(SQLModel, registry=registry()):
    pass


__all__ = ["HQModel", "TaipeiDateTime"]

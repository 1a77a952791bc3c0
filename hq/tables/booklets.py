"""Invoice number ranges HQ holds, and the 50-number booklets it has handed to stations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from hq.tables.base import HQModel, TaipeiDateTime


class HQBookletRange(HQModel, table=True):
    __tablename__ = "hq_booklet_ranges"

    id: int | None = Field(default=None, primary_key=True)
    period_code: str = Field(max_length=5, index=True)
    track: str = Field(max_length=2)
    start: int
    end: int
    next_start: int  # the first number not yet handed out; end + 1 when the range is used up
    imported_at: datetime = Field(sa_type=TaipeiDateTime)


class HQBooklet(HQModel, table=True):
    __tablename__ = "hq_booklets"
    # The backstop for "never the same numbers twice", whatever the allocation code gets wrong.
    __table_args__ = (UniqueConstraint("period_code", "track", "start", name="uq_hq_booklet"),)

    id: int | None = Field(default=None, primary_key=True)
    period_code: str = Field(max_length=5)
    track: str = Field(max_length=2)
    start: int
    end: int
    station_id: str = Field(index=True, max_length=20)
    range_id: int = Field(foreign_key="hq_booklet_ranges.id")
    allocated_at: datetime = Field(sa_type=TaipeiDateTime)

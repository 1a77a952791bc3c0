"""Closed shifts (交班): one row per Z report, the report itself kept as JSON so a reprint is identical."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from core.store.tables.base import StoreModel, TaipeiDateTime


class ShiftRow(StoreModel, table=True):
    __tablename__ = "shifts"

    id: int | None = Field(default=None, primary_key=True)  # the Z number printed on the report
    station_id: str = Field(max_length=20)
    opened_at: datetime = Field(sa_type=TaipeiDateTime)  # the previous close (or the first sale)
    closed_at: datetime = Field(sa_type=TaipeiDateTime, index=True)  # the next shift opens here
    staff_id: str = Field(max_length=20)  # who closed it
    orders: int  # completed orders: the headline figures, queryable without parsing the JSON
    total: int
    voided: int
    report: str  # the whole ShiftReport as JSON

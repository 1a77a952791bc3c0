"""Who may call HQ: stations (and the back office, role admin), each with its own bearer token."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from hq.tables.base import HQModel, TaipeiDateTime


class HQStation(HQModel, table=True):
    __tablename__ = "hq_stations"

    id: str = Field(primary_key=True, max_length=20)
    name: str = ""
    role: str = Field(default="station", max_length=10)  # station | admin
    # sha256 of the token: tokens are 256-bit random, so a plain hash cannot be brute-forced, and a
    # leaked database does not leak working credentials.
    token_hash: str = Field(unique=True, index=True, max_length=64)
    active: bool = True
    created_at: datetime = Field(sa_type=TaipeiDateTime)


class HQCounter(HQModel, table=True):
    """Change-version sequences: a row lock held to commit makes versions commit in order (see catalog)."""

    __tablename__ = "hq_counters"

    name: str = Field(primary_key=True, max_length=20)
    value: int = 0

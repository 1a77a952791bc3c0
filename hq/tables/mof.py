"""What HQ has filed with the MOF platform: one row per invoice event, tracked to the platform's answer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Field

from hq.tables.base import HQModel, TaipeiDateTime


class HQMofDocument(HQModel, table=True):
    """One MIG message for one event. `event_key` is unique: an event becomes one document, exactly once,
    however many exporters race or restart. A re-send after a fix is the same row with `attempt` + 1 (and a
    new file name), never a second row."""

    __tablename__ = "hq_mof_documents"
    __table_args__ = (Index("ix_hq_mof_documents_state_due", "state", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    event_key: str = Field(max_length=60, unique=True)  # F0401:<order id>, F0501:<order id>, E0402:<period>:<track>
    kind: str = Field(max_length=5)  # F0401 | F0501 | G0401 | G0501 | E0402
    reference: str = Field(max_length=20)  # the invoice number, allowance number or track it concerns
    period_code: str = Field(max_length=5)
    order_id: str | None = Field(default=None, max_length=36, index=True)
    station_id: str | None = Field(default=None, max_length=20)
    b2b: bool = False
    event_at: datetime = Field(sa_type=TaipeiDateTime)  # when it was issued / voided / the period closed
    due_at: datetime = Field(sa_type=TaipeiDateTime)  # the platform's deadline for it
    state: str = Field(default="queued", max_length=10)  # queued | held | handed | accepted | rejected
    attempt: int = 1
    file_name: str | None = Field(default=None, max_length=120)  # as handed to Turnkey (per attempt)
    sha256: str | None = Field(default=None, max_length=64)
    held_reason: str | None = Field(default=None, sa_type=Text)  # why our schema check refused it
    error_code: str | None = Field(default=None, max_length=20)  # the platform's (or Turnkey's) code
    error_text: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(sa_type=TaipeiDateTime)
    handed_at: datetime | None = Field(default=None, sa_type=TaipeiDateTime)
    settled_at: datetime | None = Field(default=None, sa_type=TaipeiDateTime)


class HQMofResultFile(HQModel, table=True):
    """A Turnkey result file HQ has read: each is applied once, so an old answer (the rejection of an earlier
    attempt) never settles a document that has been re-sent since."""

    __tablename__ = "hq_mof_result_files"

    id: int | None = Field(default=None, primary_key=True)
    path: str = Field(max_length=500, unique=True)  # relative to the Turnkey folder
    read_at: datetime = Field(sa_type=TaipeiDateTime)
    documents: int = 0  # how many of our documents it settled

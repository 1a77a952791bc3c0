"""The MOF filing part of the HQ API (JSON): documents by state, deadlines, and an order's platform state.

Its own module so the station (which asks for its orders' platform state) and HQ share the shapes without
either importing the other.
"""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import AwareDatetime, Field

from core.sync.protocol import Wire

MofState = Literal["queued", "held", "handed", "accepted", "rejected", "skipped"]
MAX_STATE_QUERY = 500


class MofDocumentOut(Wire):
    id: int
    kind: str
    reference: str
    period_code: str
    order_id: uuid.UUID | None = None
    station_id: str | None = None
    state: MofState
    attempt: int
    event_at: AwareDatetime
    due_at: AwareDatetime
    late: bool
    file_name: str | None = None
    held_reason: str | None = None
    error_code: str | None = None
    error_text: str | None = None
    handed_at: AwareDatetime | None = None
    settled_at: AwareDatetime | None = None


class MofStatus(Wire):
    now: AwareDatetime
    counts: dict[str, int]  # documents by state
    late: list[MofDocumentOut]  # not accepted and past the deadline
    due_soon: list[MofDocumentOut]  # not accepted, due within the warning window
    oldest_open: MofDocumentOut | None = None  # the oldest event not yet accepted
    attention: list[MofDocumentOut] = Field(default_factory=list)  # rejected or held: a person must act


class MofPage(Wire):
    items: list[MofDocumentOut]
    has_more: bool


class OrderMofStatesIn(Wire):
    order_ids: list[uuid.UUID] = Field(min_length=1, max_length=MAX_STATE_QUERY)


class OrderMofState(Wire):
    """The platform state of an order's invoice, as a station shows it (its F0401, or its F0501 once voided)."""

    order_id: uuid.UUID
    kind: str
    invoice_number: str
    state: MofState
    error_code: str | None = None
    error_text: str | None = None
    updated_at: AwareDatetime


class OrderMofStates(Wire):
    items: list[OrderMofState]

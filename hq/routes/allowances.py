"""Allowances (折讓): batch upload and cancellation (idempotent by UUID), listing, one sale's returns."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from core.sync.protocol import (
    API_PREFIX,
    MAX_PAGE,
    AllowanceBatch,
    AllowanceBatchResult,
    AllowanceCancelBatch,
    AllowanceCancelBatchResult,
    AllowancePage,
    OrderReturns,
)
from hq.allowance_queries import list_allowances, order_returns
from hq.allowances import cancel, upload
from hq.auth import CurrentPrincipal
from hq.routes.deps import DB, PROBLEMS, Now

router = APIRouter(prefix=API_PREFIX, tags=["allowances"], responses=PROBLEMS)


@router.post("/allowances/batch", response_model=AllowanceBatchResult,
             responses={503: {"description": "HQ is busy; retry the same batch later"}})
def upload_allowances(db: DB, who: CurrentPrincipal, now: Now, batch: AllowanceBatch) -> AllowanceBatchResult:
    """One result per allowance, in order: accepted, held (HQ does not hold the original sale yet: kept and
    judged when it arrives), rejected (with a reason; nothing stored) or conflict. Re-sending an allowance
    HQ already has returns its answer as it stands, with `replay` set."""
    return upload(db, who, batch.allowances, now)


@router.post("/allowances/cancels/batch", response_model=AllowanceCancelBatchResult,
             responses={503: {"description": "HQ is busy; retry the same batch later"}})
def cancel_allowances(db: DB, who: CurrentPrincipal, now: Now,
                      batch: AllowanceCancelBatch) -> AllowanceCancelBatchResult:
    """作廢折讓, one result per cancellation: only within the allowance's own period by HQ's clock."""
    return cancel(db, who, batch.cancels, now)


@router.get("/allowances", response_model=AllowancePage)
def allowances(db: DB, who: CurrentPrincipal, *,
               station_id: Annotated[str | None, Query(max_length=20)] = None,
               status: Literal["accepted", "held", "rejected", "cancelled"] | None = None,
               cursor: Annotated[str, Query(max_length=80)] = "",
               limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100) -> AllowancePage:
    """Allowances by arrival; a station sees its own, the back office all (or one station's)."""
    return list_allowances(db, who, station_id=station_id, status=status, cursor=cursor, limit=limit)


@router.get("/orders/{order_id}/returns", response_model=OrderReturns,
            responses={404: {"description": "no such order"}})
def returns(db: DB, who: CurrentPrincipal, order_id: uuid.UUID) -> OrderReturns:
    """The allowances against one sale and how much of each line they returned."""
    return order_returns(db, who, order_id)

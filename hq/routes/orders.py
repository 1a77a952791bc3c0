"""Orders: batch upload (idempotent by UUID), lookup, listing, voids."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from core.sync.protocol import API_PREFIX, MAX_PAGE, BatchResult, OrderBatch, OrderPage, OrderRecord, VoidIn
from hq.auth import CurrentPrincipal
from hq.orders import get_order, list_orders, upload, void_order
from hq.routes.deps import DB, PROBLEMS, Now, Settings

router = APIRouter(prefix=API_PREFIX, tags=["orders"], responses=PROBLEMS)


@router.post("/orders/batch", response_model=BatchResult,
             responses={503: {"description": "HQ is busy; retry the same batch later"}})
def upload_orders(db: DB, who: CurrentPrincipal, now: Now, batch: OrderBatch) -> BatchResult:
    """One result per order, in order: accepted (with reconciliation), rejected (with a reason) or conflict.
    Re-sending an order HQ already has returns the original answer with `replay` set."""
    return upload(db, who, batch.orders, now)


@router.get("/orders", response_model=OrderPage)
def orders(db: DB, who: CurrentPrincipal, *,
           station_id: Annotated[str | None, Query(max_length=20)] = None,
           attention: bool | None = None,
           cursor: Annotated[str, Query(max_length=80)] = "",
           limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100) -> OrderPage:
    """Orders by arrival; a station sees its own, the back office all (or one station's)."""
    return list_orders(db, who, station_id=station_id, attention=attention, cursor=cursor, limit=limit)


@router.get("/orders/{order_id}", response_model=OrderRecord, responses={404: {"description": "no such order"}})
def order(db: DB, who: CurrentPrincipal, order_id: uuid.UUID) -> OrderRecord:
    return get_order(db, who, order_id)


@router.post("/orders/{order_id}/void", response_model=OrderRecord,
             responses={404: {"description": "no such order"},
                        422: {"description": "void.other_period: HQ received the void outside the invoice's period; "
                                             "void.clock_ahead, void.too_old, void.before_sale: its time is "
                                             "implausible against HQ's clock or the sale"}})
def void(db: DB, who: CurrentPrincipal, order_id: uuid.UUID, request: VoidIn, *, now: Now,
         settings: Settings) -> OrderRecord:
    return void_order(db, who, order_id, request, now=now, settings=settings)

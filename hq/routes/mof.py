"""Filing with the MOF platform: documents by state and deadline (admin), and an order's platform state."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request

from core.messages import SyncCode
from core.sync.mof_protocol import MofDocumentOut, MofPage, MofStatus, OrderMofStates, OrderMofStatesIn
from core.sync.protocol import API_PREFIX
from hq.auth import AdminPrincipal, CurrentPrincipal
from hq.mof.config import MofConfig
from hq.mof.export import resend
from hq.mof.status import documents, order_states, status, view
from hq.problems import HQProblemError
from hq.routes.deps import DB, PROBLEMS, Now

router = APIRouter(prefix=f"{API_PREFIX}/mof", tags=["MOF filing"], responses=PROBLEMS)
_STATE = r"^(queued|held|handed|accepted|rejected|skipped)$"
_PERIOD = r"^[0-9]{3}(02|04|06|08|10|12)$"


def _config(request: Request) -> MofConfig:
    return getattr(request.app.state, "mof", None) or MofConfig()


@router.get("/status", response_model=MofStatus)
def mof_status(db: DB, _who: AdminPrincipal, now: Now, request: Request) -> MofStatus:
    """Documents by state, those past their deadline and those due within the warning window."""
    with db.read() as session:
        return status(session, now, _config(request).deadlines)


@router.get("/documents", response_model=MofPage)
def mof_documents(db: DB, _who: AdminPrincipal, now: Now, *,
                  state: Annotated[str | None, Query(pattern=_STATE)] = None,
                  period_code: Annotated[str | None, Query(pattern=_PERIOD)] = None,
                  after: Annotated[int, Query(ge=0)] = 0,
                  limit: Annotated[int, Query(ge=1, le=500)] = 100) -> MofPage:
    with db.read() as session:
        return documents(session, now, state=state, period=period_code, after=after, limit=limit)


@router.post("/documents/{doc_id}/resend", response_model=MofDocumentOut,
             responses={404: {"description": "no such document"}})
def mof_resend(db: DB, _who: AdminPrincipal, now: Now, doc_id: int) -> MofDocumentOut:
    """Queue a rejected (or held) document again after its cause is fixed; any other state is left as it is."""
    doc = resend(db, doc_id, now)
    if doc is None:
        raise HQProblemError(404, SyncCode.NOT_FOUND, detail="document")
    return view(doc, now)


@router.post("/orders/states", response_model=OrderMofStates)
def mof_order_states(db: DB, who: CurrentPrincipal, body: OrderMofStatesIn) -> OrderMofStates:
    """The platform state of these orders' invoices; a station sees only its own (others are simply absent)."""
    ids = sorted({str(uuid.UUID(str(i))) for i in body.order_ids})
    with db.read() as session:
        return OrderMofStates(items=order_states(session, ids, None if who.is_admin else who.id))

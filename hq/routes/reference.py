"""Reference data for stations: staff (with PIN hashes, for offline login), products and customers, by delta."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from sqlmodel import or_, select

from core.messages import SyncCode
from core.sync.protocol import (
    API_PREFIX,
    DEFAULT_PAGE,
    MAX_PAGE,
    CustomerOut,
    CustomerPage,
    ProductPage,
    StaffPage,
)
from hq.auth import CurrentPrincipal
from hq.catalog import CUSTOMER_COLUMNS, PRODUCT_COLUMNS, STAFF_COLUMNS, delta
from hq.problems import HQProblemError
from hq.routes.deps import DB, PROBLEMS
from hq.tables import HQCustomer, HQModel, HQProduct, HQStaff

router = APIRouter(prefix=API_PREFIX, tags=["reference data"], responses=PROBLEMS)

Cursor = Annotated[str, Query(max_length=40, description="the next_cursor of the previous page; 0 for all")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]


def _page(db: DB, model: type[HQModel], columns: tuple[str, ...], cursor: str, limit: int) -> Response:
    with db.read() as session:
        items, next_cursor, more = delta(session, model, columns, cursor, limit)
    # Serialised by hand: a 100,000-product catalog is 20 pages of 5,000, and re-validating every row
    # through the response model would cost more than the query.
    body: dict[str, Any] = {"items": items, "next_cursor": next_cursor, "has_more": more}
    return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")), media_type="application/json")


@router.get("/staff", response_model=StaffPage)
def staff(db: DB, _who: CurrentPrincipal, cursor: Cursor = "0", limit: Limit = DEFAULT_PAGE) -> Response:
    return _page(db, HQStaff, STAFF_COLUMNS, cursor, limit)


@router.get("/products", response_model=ProductPage)
def products(db: DB, _who: CurrentPrincipal, cursor: Cursor = "0", limit: Limit = DEFAULT_PAGE) -> Response:
    return _page(db, HQProduct, PRODUCT_COLUMNS, cursor, limit)


@router.get("/customers", response_model=CustomerPage)
def customers(db: DB, _who: CurrentPrincipal, cursor: Cursor = "0", limit: Limit = DEFAULT_PAGE) -> Response:
    return _page(db, HQCustomer, CUSTOMER_COLUMNS, cursor, limit)


@router.get("/customers/lookup", response_model=CustomerOut, responses={404: {"description": "no such customer"}})
def lookup_customer(db: DB, _who: CurrentPrincipal,
                    phone: Annotated[str | None, Query(max_length=20)] = None,
                    member_code: Annotated[str | None, Query(max_length=40)] = None) -> CustomerOut:
    """A customer by phone or member code (the cashier types either)."""
    if not phone and not member_code:
        raise HQProblemError(422, SyncCode.REJECTED, status=422, detail="give phone or member_code")
    conditions = []
    if phone:
        conditions.append(HQCustomer.phone == phone)
    if member_code:
        conditions.append(HQCustomer.member_code == member_code)
    with db.read() as session:
        row = session.exec(select(HQCustomer).where(or_(*conditions)).order_by(HQCustomer.id).limit(1)).first()
    if row is None:
        raise HQProblemError(404, SyncCode.NOT_FOUND, detail="customer")
    return CustomerOut(id=row.id, member_code=row.member_code, phone=row.phone, name=row.name,
                       updated_at=row.updated_at)

"""The back office's side (admin token): stations and their tokens, staff, products, customers, invoice ranges."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import Field

from core.sync.protocol import (
    API_PREFIX,
    BookletRangeIn,
    BookletRangeOut,
    CustomerIn,
    ProductIn,
    StaffIn,
    StationIn,
    StationToken,
    Upserted,
    Wire,
)
from hq.auth import AdminPrincipal, issue_token
from hq.booklets import import_range, list_ranges
from hq.catalog import upsert_customers, upsert_products, upsert_staff
from hq.routes.deps import DB, PROBLEMS, Now

router = APIRouter(prefix=f"{API_PREFIX}/admin", tags=["back office"], responses=PROBLEMS)


class ProductsIn(Wire):
    items: list[ProductIn] = Field(max_length=20_000)


class StaffListIn(Wire):
    items: list[StaffIn] = Field(max_length=1_000)


class CustomersIn(Wire):
    items: list[CustomerIn] = Field(max_length=20_000)


@router.post("/stations", response_model=StationToken)
def create_station(db: DB, _who: AdminPrincipal, now: Now, station: StationIn) -> StationToken:
    """Create a station or rotate its token; the token is shown only in this answer."""
    with db.write() as session:
        return StationToken(id=station.id, token=issue_token(session, station.id, name=station.name, now=now))


@router.put("/products", response_model=Upserted)
def put_products(db: DB, _who: AdminPrincipal, now: Now, body: ProductsIn) -> Upserted:
    with db.write() as session:
        return Upserted(count=upsert_products(session, body.items, now))


@router.put("/staff", response_model=Upserted)
def put_staff(db: DB, _who: AdminPrincipal, now: Now, body: StaffListIn) -> Upserted:
    with db.write() as session:
        return Upserted(count=upsert_staff(session, body.items, now))


@router.put("/customers", response_model=Upserted, responses={409: {"description": "member code taken"}})
def put_customers(db: DB, _who: AdminPrincipal, now: Now, body: CustomersIn) -> Upserted:
    with db.write() as session:
        return Upserted(count=upsert_customers(session, body.items, now))


@router.post("/booklet-ranges", response_model=BookletRangeOut,
             responses={409: {"description": "overlaps an imported range"}})
def post_range(db: DB, _who: AdminPrincipal, now: Now, incoming: BookletRangeIn) -> BookletRangeOut:
    with db.write() as session:
        return import_range(session, incoming, now)


@router.get("/booklet-ranges", response_model=list[BookletRangeOut])
def get_ranges(db: DB, _who: AdminPrincipal) -> list[BookletRangeOut]:
    with db.read() as session:
        return list_ranges(session)

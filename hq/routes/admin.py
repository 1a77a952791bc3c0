"""The back office's side (admin token): stations and their tokens, staff, products, customers, invoice ranges."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import Field

from core.messages import SyncCode
from core.sync.protocol import (
    API_PREFIX,
    BookletRangeIn,
    BookletRangeOut,
    CustomerIn,
    ProductIn,
    StaffIn,
    StationIn,
    StationState,
    StationToken,
    Upserted,
    Wire,
)
from hq.auth import AdminPrincipal, issue_token, revoke, rotate
from hq.booklets import import_range, list_ranges
from hq.catalog import upsert_customers, upsert_products, upsert_staff
from hq.routes.deps import DB, PROBLEMS, Now

log = logging.getLogger(__name__)
router = APIRouter(prefix=f"{API_PREFIX}/admin", tags=["back office"], responses=PROBLEMS)


class ProductsIn(Wire):
    items: list[ProductIn] = Field(max_length=20_000)


class StaffListIn(Wire):
    items: list[StaffIn] = Field(max_length=1_000)


class CustomersIn(Wire):
    items: list[CustomerIn] = Field(max_length=20_000)


@router.post("/stations", response_model=StationToken,
             responses={409: {"description": "station.is_admin: that id is the back office's account"}})
def create_station(db: DB, _who: AdminPrincipal, now: Now, station: StationIn) -> StationToken:
    """Create a station or rotate its token; the token is shown only in this answer."""
    with db.write() as session:
        return StationToken(id=station.id, token=issue_token(session, station.id, name=station.name, now=now))


StationId = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9._-]+$")]
_STATION_REFUSALS: dict[int | str, dict[str, Any]] = {
    404: {"description": SyncCode.STATION_UNKNOWN}, 409: {"description": "station.is_admin: not a station"}}


@router.post("/stations/{station_id}/revoke", response_model=StationState, responses=_STATION_REFUSALS)
def revoke_station(db: DB, _who: AdminPrincipal, station_id: StationId) -> StationState:
    """The station's token stops working at once (its till says it was revoked); nothing it sent is touched."""
    with db.write() as session:
        row = revoke(session, station_id)
        state = StationState(id=row.id, name=row.name, active=row.active)
    log.warning("station %s revoked by the back office", station_id)
    return state


@router.post("/stations/{station_id}/rotate", response_model=StationToken, responses=_STATION_REFUSALS)
def rotate_station(db: DB, _who: AdminPrincipal, now: Now, station_id: StationId) -> StationToken:
    """A new token for the station, shown only in this answer; the old one stops working at once."""
    with db.write() as session:
        token = rotate(session, station_id, now)
    log.warning("station %s given a new token by the back office", station_id)
    return StationToken(id=station_id, token=token)


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

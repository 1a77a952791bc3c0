"""Pulling reference data and invoice booklets from HQ into the station's store, by delta."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from core.einvoice import period_of
from core.pins import verify_pin
from core.station import Station
from core.store.booklets import numbers_left
from core.store.outbox import get_state
from core.store.tables import Booklet, Customer, Product, Staff
from core.sync.pull import Puller
from core.sync.uploader import inline
from hq.app import create_app
from hq.settings import HQSettings
from tests.factories import SELLER, open_station
from tests.support.fixtures import SeededHQ
from tests.support.stations import hq_client

pytestmark = pytest.mark.anyio


def _puller(station: Station, hq: SeededHQ, who: str = "S01", **options: int) -> Puller:
    return Puller(station.db, hq_client(hq.app, hq.tokens[who]), station.clock, run_db=inline, **options)


def _count(station: Station, model: type) -> int:
    with station.db.read() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


async def test_staff_products_and_customers_arrive_and_later_only_changes(shop: Station, hq: SeededHQ) -> None:
    puller = _puller(shop, hq, page_size=60)
    staff, products, customers = (await puller.pull_staff(), await puller.pull_products(),
                                  await puller.pull_customers())
    assert (staff.count, products.count, customers.count) == (3, 200, 30)
    assert _count(shop, Product) == 200 and _count(shop, Customer) == 30
    with shop.db.read() as session:
        manager = session.get(Staff, "M001")
        assert get_state(session, "cursor.products") == products.cursor
    assert manager is not None and manager.role == "manager" and verify_pin("000000", manager.pin_hash)
    line = shop.scan("4710000000011")  # the demo barcode of SKU00001, offline from the local catalog
    assert line is not None and line.name == "乾電池 3號 4入" and line.unit_price == 105
    hq.clock.advance(minutes=1)
    hq.client("ADMIN").put("/api/v1/admin/products", json={"items": [
        {"sku": "SKU00001", "barcode": "4710000000011", "name": "乾電池 3號 4入", "price_regular": 99}]})
    again = await puller.pull_products()
    assert again.count == 1
    assert shop.scan("SKU00001").unit_price == 99  # type: ignore[union-attr]


async def test_booklets_are_topped_up_for_this_period_and_the_next(hq: SeededHQ, tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    station = open_station(tmp_path / "fresh.db", clock, booklets=0)
    report = await _puller(station, hq, min_numbers=120).ensure_booklets()
    current = period_of(clock.now())
    assert report.numbers_left == {current.code: 150, current.next().code: 150}
    assert len(report.added) == 6 and report.problems == []
    # Enough numbers: a second run asks HQ for nothing more.
    again = await _puller(station, hq, min_numbers=120).ensure_booklets()
    assert again.added == [] and again.numbers_left == report.numbers_left
    # An allocation whose reply was lost is adopted from HQ's list, not allocated twice.
    lost = hq.client("S01").post("/api/v1/booklets/allocate", json={"period_code": current.code, "count": 1}).json()
    adopted = await _puller(station, hq, min_numbers=120).ensure_booklets()
    assert [(b.track, b.start) for b in adopted.added] == [(lost[0]["track"], lost[0]["start"])]
    with station.db.read() as session:
        assert numbers_left(session, current) == 200
    station.close()


async def test_hq_running_out_of_numbers_is_reported_not_raised(hq: SeededHQ, tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    # An HQ that lets a station hold any number of unused booklets, so that it runs out of numbers first.
    hq = replace(hq, app=create_app(db=hq.db, clock=hq.clock, settings=HQSettings(max_unused_booklets=1_000)))
    station = open_station(tmp_path / "greedy.db", clock, booklets=0, seller=replace(SELLER, station_id="S02"))
    report = await _puller(station, hq, "S02", min_numbers=5_000).ensure_booklets()
    assert [p.code for p in report.problems] == ["booklet.none_available"] * 2
    assert report.numbers_left[period_of(clock.now()).code] == 1_000  # all HQ had
    assert _count(station, Booklet) == 40
    station.close()


async def test_a_greedy_station_gets_at_most_the_unused_booklets_hq_allows(hq: SeededHQ, tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    station = open_station(tmp_path / "greedy.db", clock, booklets=0, seller=replace(SELLER, station_id="S02"))
    report = await _puller(station, hq, "S02", min_numbers=5_000).ensure_booklets()
    assert [p.code for p in report.problems] == ["booklet.too_many_unused"] * 2
    current = period_of(clock.now())
    assert report.numbers_left == {current.code: 200, current.next().code: 200}  # 4 booklets of 50 each
    assert report.problems[0].params == {"station": "S02", "period": current.label, "unused": 4, "limit": 4}
    station.close()

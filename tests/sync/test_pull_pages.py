"""How the catalog pull handles its pages: checked like the wire models, stored a page per transaction, and
nothing of a page left behind for the garbage collector (what kept a 100,000-product pull's memory high)."""

from __future__ import annotations

import gc
import json
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from core.station import Station
from core.store import catalog
from core.store.outbox import get_state
from core.store.tables import Product
from core.sync import pull
from core.sync.client import HQClient
from core.sync.errors import HQAuthError, HQBadReplyError, HQUnreachableError
from core.sync.pull import Puller
from core.sync.uploader import inline
from tests.support.fixtures import SeededHQ
from tests.support.stations import HQ_URL, answering, hq_client, refusing

pytestmark = pytest.mark.anyio

UPDATED = "2026-11-22T12:00:00+08:00"


def _product(i: int, **changes: Any) -> dict[str, Any]:
    return {"sku": f"P{i:07d}", "barcode": f"2{i:012d}", "name": f"商品 {i:07d}", "price_regular": 10 + i % 90,
            "price_addon": None, "price_gift": None, "active": True, "updated_at": UPDATED, **changes}


def _serving(items: list[dict[str, Any]], *, body: bytes | None = None) -> httpx.MockTransport:
    """HQ answering every products request with one last page holding `items` (or with `body` as is)."""
    page = json.dumps({"items": items, "next_cursor": "7", "has_more": False}).encode()
    return httpx.MockTransport(lambda request: httpx.Response(200, content=page if body is None else body))


def _count(station: Station) -> int:
    with station.db.read() as session:
        return int(session.execute(select(func.count()).select_from(Product)).scalar_one())


def _cursor(station: Station) -> str | None:
    with station.db.read() as session:
        return get_state(session, "cursor.products")


async def test_delta_rows_are_the_wire_models_dumped(hq: SeededHQ) -> None:
    async with hq_client(hq.app, hq.tokens["S01"]) as client:
        for kind, fetch in (("staff", client.staff), ("products", client.products),
                            ("customers", client.customers)):
            page, rows = await fetch("0", 60), await client.delta_rows(kind, "0", 60)
            assert rows.rows == [item.model_dump() for item in page.items]
            assert (rows.next_cursor, rows.has_more) == (page.next_cursor, page.has_more)


@pytest.mark.parametrize("body", [
    json.dumps({"items": [_product(1), _product(2, price_regular=-1)], "next_cursor": "7", "has_more": False}),
    json.dumps({"items": [_product(1, colour="red")], "next_cursor": "7", "has_more": False}),
    json.dumps({"items": [_product(1)], "next_cursor": "7"}),
    json.dumps({"items": ["P0000001"], "next_cursor": "7", "has_more": False}),
    "<html>proxy error</html>",
])
async def test_a_page_hq_did_not_mean_stores_nothing(shop: Station, body: str) -> None:
    before = _count(shop)
    client = HQClient(HQ_URL, "t", transport=_serving([], body=body.encode()))
    with pytest.raises(HQBadReplyError) as raised:
        await Puller(shop.db, client, shop.clock, run_db=inline).pull_products()
    assert raised.value.code == "hq.bad_reply" and "ProductPage" in str(raised.value.params["detail"])
    assert _count(shop) == before and _cursor(shop) is None


async def test_pages_fail_like_every_other_request(shop: Station) -> None:
    for transport, error, code in ((refusing(), HQUnreachableError, "hq.unreachable"),
                                   (refusing(httpx.ReadTimeout), HQUnreachableError, "hq.timeout"),
                                   (answering(401), HQAuthError, "hq.auth")):
        client = HQClient(HQ_URL, "t", transport=transport)
        with pytest.raises(error) as raised:
            await client.delta_rows("products")
        assert raised.value.code == code
        with pytest.raises(error):
            await client.products()


async def test_a_page_larger_than_an_upsert_slice_is_stored_with_its_cursor_in_one_transaction(
        shop: Station, monkeypatch: pytest.MonkeyPatch) -> None:
    items = [_product(i) for i in range(2 * catalog.UPSERT_CHUNK + 1)]
    client = HQClient(HQ_URL, "t", transport=_serving(items))

    def cursor_fails(*_args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(pull, "set_state", cursor_fails)
    with pytest.raises(RuntimeError):
        await Puller(shop.db, client, shop.clock, run_db=inline).pull_products()
    assert _count(shop) == 0  # the slices already executed were rolled back with the cursor
    monkeypatch.undo()
    result = await Puller(shop.db, client, shop.clock, run_db=inline).pull_products()
    assert (result.count, result.cursor, _count(shop), _cursor(shop)) == (len(items), "7", len(items), "7")
    assert shop.scan(items[-1]["barcode"]).name == items[-1]["name"]  # type: ignore[union-attr]


def test_upserts_take_any_iterable_a_slice_at_a_time(shop: Station) -> None:
    consumed: list[int] = []

    def rows() -> Any:
        for i in range(catalog.UPSERT_CHUNK + 3):
            consumed.append(i)
            yield {**_product(i), "updated_at": shop.clock.now()}

    with shop.db.write() as session:
        assert catalog.upsert_products(session, rows()) == catalog.UPSERT_CHUNK + 3
        assert catalog.upsert_products(session, []) == 0
    assert _count(shop) == catalog.UPSERT_CHUNK + 3 and len(consumed) == catalog.UPSERT_CHUNK + 3


async def test_page_bodies_are_not_left_to_the_garbage_collector(shop: Station, hq: SeededHQ) -> None:
    """An httpx Response read whole sits in a reference cycle with its stream: its body (1 MB for 5,000
    products) stayed until a full collection, so a 100,000-product pull kept piling pages up."""

    def bodies_held() -> list[httpx.Response]:
        return [o for o in gc.get_objects() if isinstance(o, httpx.Response) and hasattr(o, "_content")
                and o.request.url.path.endswith(("/staff", "/products", "/customers"))]

    gc.collect()
    gc.disable()
    try:
        async with hq_client(hq.app, hq.tokens["S01"]) as client:
            puller = Puller(shop.db, client, shop.clock, page_size=60, run_db=inline)
            assert (await puller.pull_products()).count == 200  # four pages
            await puller.pull_staff()
            await client.products("0", 60)
            assert bodies_held() == []
    finally:
        gc.enable()

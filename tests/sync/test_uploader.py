"""The uploader driven step by step (manual clock, seeded RNG, in-process HQ): exactly once, error
classes, backoff, attention without blocking, crash recovery, and reconciliation stored back."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select, text

from core.checkout import CartLine, InvoiceRequest
from core.clock import ManualClock
from core.station import Station
from core.store.outbox import UploadState, claim_due, summary
from core.store.tables import Invoice, OrderLine, OutboxEntry
from core.sync.errors import HQAuthError, HQServerError, HQUnreachableError
from core.sync.uploader import Backoff, Uploader, inline
from hq.tables import HQOrder
from tests.support.fixtures import SeededHQ
from tests.support.stations import DropReplies, Switch, answering, hq_client, refusing, sell, sell_offline

pytestmark = pytest.mark.anyio
SEED = 7


def _uploader(station: Station, hq: SeededHQ, transport: httpx.AsyncBaseTransport | None = None, *,
              token: str | None = None, batch: int = 200) -> Uploader:
    client = hq_client(hq.app, token or hq.tokens["S01"], transport)
    return Uploader(station.db, client, station.clock, batch_size=batch, rng=random.Random(SEED), run_db=inline)


def _states(station: Station) -> dict[str, str]:
    with station.db.read() as session:
        return dict(session.execute(select(OutboxEntry.order_id, OutboxEntry.state)).all())


def _hq_orders(hq: SeededHQ) -> int:
    with hq.db.read() as session:
        return int(session.execute(select(func.count()).select_from(HQOrder)).scalar_one())


async def test_a_backlog_drains_in_batches_exactly_once(shop: Station, hq: SeededHQ) -> None:
    sales = sell(shop, 5)
    switch = Switch(httpx.ASGITransport(app=hq.app))
    uploader = _uploader(shop, hq, switch, batch=2)
    rounds = await uploader.drain()
    assert [r.claimed for r in rounds] == [2, 2, 1, 0]
    assert set(_states(shop).values()) == {"success"}
    assert sorted(i for batch in switch.uploads() for i in batch) == sorted(s.order_id for s in sales)
    assert _hq_orders(hq) == 5
    with shop.db.read() as session:
        stored = summary(session)
    assert stored.counts["success"] == 5 and stored.pending == 0 and stored.last_success == shop.clock.now()


async def test_reconciliation_results_are_stored_on_the_station_and_the_invoice_is_untouched(
        shop: Station, hq: SeededHQ) -> None:
    sale = sell_offline(shop, [CartLine("SKU00001", "電池", 1, 100), CartLine("NEW-1", "新商品", 2, 50),
                               CartLine("SKU00003", "鮮乳 936ml", 1, 98, catalog_price=98)], phone="0912345672")
    with shop.db.read() as session:
        before = session.execute(select(Invoice).where(Invoice.order_id == sale.order_id)).scalar_one()
    await _uploader(shop, hq).drain()
    from core.store.outbox import detail as upload_detail

    with shop.db.read() as session:
        info = upload_detail(session, sale.order_id)
        after = session.execute(select(Invoice).where(Invoice.order_id == sale.order_id)).scalar_one()
    assert info is not None and info.record.state is UploadState.SUCCESS and info.record.label == "成功"
    fixed, unknown, fine = info.lines
    assert (fixed.name, fixed.hq_name, fixed.name_fixed) == ("電池", "乾電池 3號 4入", True)
    assert (fixed.unit_price, fixed.hq_catalog_price, fixed.price_override) == (100, 105, True)  # 店長改價
    assert unknown.unknown_sku and unknown.hq_name is None and not unknown.price_override
    assert not fine.name_fixed and not fine.price_override and not fine.unknown_sku
    assert info.hq_customer_id == "C00003" and info.reconciled_at == shop.clock.now()
    assert info.result is not None and info.result["reconciliation"]["attention"][0] == "unknown_sku"
    assert after.model_dump() == before.model_dump()  # 發票 as issued, unaltered


async def test_no_answer_marks_failed_with_jittered_backoff_then_succeeds(shop: Station, hq: SeededHQ,
                                                                         clock: ManualClock) -> None:
    sales = sell(shop, 3)
    switch = Switch(refusing(httpx.ConnectError))
    uploader = _uploader(shop, hq, switch)
    [result] = await uploader.drain()
    assert isinstance(result.error, HQUnreachableError) and result.count(UploadState.FAILED) == 3
    expected = Backoff().delay(1, random.Random(SEED))
    with shop.db.read() as session:
        rows = session.execute(select(OutboxEntry)).scalars().all()
    assert {(r.state, r.attempts) for r in rows} == {("failed", 1)}
    first_due = min(r.next_attempt_at for r in rows)
    assert first_due == (clock.now() + timedelta(seconds=expected)).replace(microsecond=0)
    assert 1.0 <= expected <= 2.0
    assert json.loads(rows[0].last_error)["code"] == "hq.unreachable"
    assert (await uploader.drain())[0].claimed == 0  # not due yet: no hammering
    switch.target = httpx.ASGITransport(app=hq.app)
    clock.advance(seconds=2)
    await uploader.drain()
    assert set(_states(shop).values()) == {"success"} and _hq_orders(hq) == len(sales)


def test_backoff_grows_exponentially_with_bounded_jitter_and_a_cap() -> None:
    backoff, rng = Backoff(base=2, factor=2, cap=60), random.Random(1)
    for attempts, ceiling in [(1, 2), (2, 4), (3, 8), (5, 32), (6, 60), (30, 60)]:
        delays = [backoff.delay(attempts, rng) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert max(delays) - min(delays) > ceiling / 10  # really jittered
    assert Backoff().delay(3, random.Random(5)) == Backoff().delay(3, random.Random(5))


async def test_a_server_error_is_retried_not_parked(shop: Station, hq: SeededHQ) -> None:
    sell(shop, 2)
    [result] = await _uploader(shop, hq, answering(503, {"detail": {"code": "hq.busy", "params": {},
                                                                    "message": "busy"}})).drain()
    assert isinstance(result.error, HQServerError) and result.error.code == "hq.busy"
    assert set(_states(shop).values()) == {"failed"}


async def test_a_refused_token_pauses_uploads_and_drops_nothing(shop: Station, hq: SeededHQ,
                                                               clock: ManualClock) -> None:
    sell(shop, 2)
    uploader = _uploader(shop, hq, token="hq_revoked")
    [result] = await uploader.drain()
    assert result.paused and isinstance(result.error, HQAuthError) and uploader.paused
    assert uploader.paused_reason is not None and uploader.paused_reason.code == "hq.auth"
    with shop.db.read() as session:
        rows = session.execute(select(OutboxEntry)).scalars().all()
    assert {(r.state, r.attempts) for r in rows} == {("waiting", 0)}  # paused, not failed: no attempt counted
    assert (await uploader.drain())[0].paused  # stays paused: no requests with a known-bad token
    clock.advance(minutes=6)
    assert not uploader.paused  # the pause ends by itself, so a fixed token at HQ is picked up


async def test_a_rejected_order_goes_to_attention_and_the_rest_go_through(shop: Station, hq: SeededHQ) -> None:
    sales = sell(shop, 4)
    poison = sales[1].order_id
    with shop.db.write() as session:  # a damaged order: payments no longer cover the total
        session.execute(text("UPDATE payments SET amount = amount - 1 WHERE order_id = :id"), {"id": poison})
    await _uploader(shop, hq).drain()
    states = _states(shop)
    assert states.pop(poison) == "attention" and set(states.values()) == {"success"}
    with shop.db.read() as session:
        row = session.get(OutboxEntry, poison)
    assert row is not None and json.loads(row.last_error)["code"] == "order.payment_mismatch"
    assert json.loads(row.result)["outcome"] == "rejected"
    # Fixed by a person, retried by hand: it goes through, once.
    with shop.db.write() as session:
        session.execute(text("UPDATE payments SET amount = amount + 1 WHERE order_id = :id"), {"id": poison})
        from core.store.outbox import retry

        assert retry(session, [poison], shop.clock.now()) == 1
    await _uploader(shop, hq).drain()
    assert set(_states(shop).values()) == {"success"} and _hq_orders(hq) == 4


@pytest.mark.parametrize("with_locations", [True, False], ids=["422-names-the-order", "422-says-nothing"])
async def test_an_order_hq_cannot_parse_is_isolated_from_its_batch(shop: Station, hq: SeededHQ,
                                                                  with_locations: bool) -> None:
    # An HQ stricter than this station (a newer version) refuses one order the station's own OrderIn took.
    sales = sell(shop, 6)
    poison = sales[3].order_id
    hq_side = httpx.ASGITransport(app=hq.app)

    async def stricter(request: httpx.Request) -> httpx.Response:
        if poison.encode() not in request.content:
            return await hq_side.handle_async_request(request)
        if not with_locations:  # an HQ (or proxy) that does not say which order: the uploader must bisect
            return httpx.Response(422, json={"detail": "unprocessable"})
        at = [order["id"] for order in json.loads(request.content)["orders"]].index(poison)
        return httpx.Response(422, json={"detail": [  # FastAPI's shape, as HQ answers
            {"type": "greater_than_equal", "loc": ["body", "orders", at, "lines", 0, "quantity"],
             "msg": "Input should be greater than or equal to 2", "input": 1}]})

    switch = Switch(httpx.MockTransport(stricter))
    await _uploader(shop, hq, switch).drain()
    states = _states(shop)
    assert states.pop(poison) == "attention" and set(states.values()) == {"success"}
    with shop.db.read() as session:
        reason = json.loads(session.get(OutboxEntry, poison).last_error)  # type: ignore[union-attr]
    assert reason["code"] == ("order.invalid_payload" if with_locations else "hq.rejected")
    if with_locations:
        assert reason["params"]["detail"].startswith("lines.0.quantity")
    assert _hq_orders(hq) == 5
    if not with_locations:
        assert len(switch.uploads()) <= 1 + 2 * 3  # log2(6) rounded up halvings, not one request per order


async def test_a_stored_sale_outside_hqs_format_is_held_at_the_station_and_never_sent(
        shop: Station, hq: SeededHQ) -> None:
    sales = sell(shop, 3)
    poison = sales[1].order_id
    with shop.db.write() as session:  # a damaged database: a line of nothing
        session.execute(text("UPDATE order_lines SET quantity = 0, amount = 0 WHERE order_id = :id"), {"id": poison})
    switch = Switch(httpx.ASGITransport(app=hq.app))
    await _uploader(shop, hq, switch).drain()
    states = _states(shop)
    assert states.pop(poison) == "attention" and set(states.values()) == {"success"}
    with shop.db.read() as session:
        reason = json.loads(session.get(OutboxEntry, poison).last_error)  # type: ignore[union-attr]
    assert reason["code"] == "order.invalid_payload" and reason["params"]["detail"].startswith("lines.0.quantity")
    assert switch.uploads() and all(poison not in ids for ids in switch.uploads())
    assert _hq_orders(hq) == 2


async def test_a_lost_reply_is_retried_and_hq_keeps_one_order(shop: Station, hq: SeededHQ,
                                                             clock: ManualClock) -> None:
    sale = sell(shop, 1)[0]
    uploader = _uploader(shop, hq, DropReplies(httpx.ASGITransport(app=hq.app)))
    [first] = await uploader.drain()
    assert isinstance(first.error, HQUnreachableError) and _hq_orders(hq) == 1  # HQ committed it
    clock.advance(minutes=1)
    [second, _] = await uploader.drain()
    assert second.outcomes[0].state is UploadState.SUCCESS and second.outcomes[0].replay
    assert _states(shop) == {sale.order_id: "success"} and _hq_orders(hq) == 1


async def test_orders_caught_uploading_by_a_crash_are_sent_again_after_restart(shop: Station, hq: SeededHQ) -> None:
    sell(shop, 3)
    with shop.db.write() as session:  # the old process claimed them, maybe sent them, then died
        claimed = claim_due(session, shop.clock.now(), 10)
    assert len(claimed) == 3 and set(_states(shop).values()) == {"uploading"}
    uploader = _uploader(shop, hq)
    assert (await uploader.drain())[0].claimed == 0  # uploading rows are not due
    assert await uploader.recover() == 3
    assert set(_states(shop).values()) == {"waiting"}
    await uploader.drain()
    assert set(_states(shop).values()) == {"success"} and _hq_orders(hq) == 3


async def test_a_manual_invoice_uploads_with_its_flag(shop: Station, hq: SeededHQ) -> None:
    sale = sell(shop, 1, invoice=InvoiceRequest.manual("XY-87654321"))[0]
    await _uploader(shop, hq).drain()
    with shop.db.read() as session:
        result = json.loads(session.get(OutboxEntry, sale.order_id).result)  # type: ignore[union-attr]
        lines = session.execute(select(OrderLine).where(OrderLine.order_id == sale.order_id)).scalars().all()
    assert result["reconciliation"]["manual_invoice"] is True
    assert result["reconciliation"]["invoice_number"] == "XY87654321"
    assert [line.name for line in lines] == ["乾電池", "口罩"]  # the lines as sold

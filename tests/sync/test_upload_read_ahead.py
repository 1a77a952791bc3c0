"""Reading the next batch ahead: while a full batch is with HQ, the uploader builds the next batch's payloads,
claiming and writing nothing. What goes to HQ, and every order's fate, stay what they were without it."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import Session

from core.clock import ManualClock
from core.station import Station
from core.store import outbox
from core.store.tables import OutboxEntry
from core.sync import uploader as uploader_module
from core.sync.errors import HQUnreachableError
from core.sync.payload import order_dict
from core.sync.uploader import Uploader, inline
from tests.support.fixtures import SeededHQ
from tests.support.stations import Switch, hq_client, hq_orders, outbox_rows, refusing, sell

pytestmark = pytest.mark.anyio


class Answered(httpx.AsyncBaseTransport):
    """Counts the upload answers that have come back, so a test can tell what the station did meanwhile."""

    def __init__(self, target: httpx.AsyncBaseTransport) -> None:
        self.target = target
        self.answers = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.target.handle_async_request(request)
        self.answers += 1
        return response


def _uploader(station: Station, hq: SeededHQ, transport: httpx.AsyncBaseTransport, batch: int) -> Uploader:
    client = hq_client(hq.app, hq.tokens["S01"], transport)
    return Uploader(station.db, client, station.clock, batch_size=batch, rng=random.Random(3), run_db=inline)


async def test_the_next_batch_is_read_while_hq_has_this_one_and_sent_exactly_as_a_claim_builds_it(
        shop: Station, hq: SeededHQ, monkeypatch: pytest.MonkeyPatch) -> None:
    sales = sell(shop, 5)
    answered = Answered(httpx.ASGITransport(app=hq.app))
    switch = Switch(answered)
    reads: list[tuple[list[str], int]] = []  # (orders read, HQ answers back by then)
    real_load = outbox.load_orders

    def load(session: Session, order_ids: Sequence[str]) -> list[outbox.OrderBundle]:
        reads.append((list(order_ids), answered.answers))
        return real_load(session, order_ids)

    monkeypatch.setattr(uploader_module, "load_orders", load)
    rounds = await _uploader(shop, hq, switch, batch=2).drain()

    assert [r.claimed for r in rounds] == [2, 2, 1, 0]
    ids = [s.order_id for s in sales]  # one sale a second apart is not guaranteed: compare as sets per batch
    sent = switch.uploads()
    assert sorted(i for batch in sent for i in batch) == sorted(ids)
    # Each order is read once; batches 2 and 3 before HQ had answered the batch in front of them.
    assert sorted(i for read, _ in reads for i in read) == sorted(ids)
    assert [(set(read), answers) for read, answers in reads] == [(set(sent[0]), 0), (set(sent[1]), 0),
                                                                 (set(sent[2]), 1)]
    # What went to HQ is what a claim builds from the stored sale, byte for byte.
    with shop.db.read() as session:
        built = {b.order.id: order_dict(b) for b in real_load(session, ids)}
    bodies = [order for r in switch.requests if r.url.path.endswith("/orders/batch")
              for order in json.loads(r.content)["orders"]]
    assert bodies == [json.loads(json.dumps(built[order["id"]])) for order in bodies]
    assert set(outbox_rows(shop).values()) == {("success", 1)} and hq_orders(hq) == (5, 5)


async def test_orders_read_ahead_of_a_batch_that_got_no_answer_are_untouched_and_go_later_exactly_once(
        shop: Station, hq: SeededHQ, clock: ManualClock) -> None:
    sell(shop, 4)
    switch = Switch(refusing(httpx.ConnectError))
    uploader = _uploader(shop, hq, switch, batch=2)
    [down] = await uploader.drain()
    assert isinstance(down.error, HQUnreachableError) and down.claimed == 2
    rows = outbox_rows(shop)
    sent = set(switch.uploads()[0])
    assert len(switch.uploads()) == 1  # the batch read ahead was never sent
    assert {rows[i] for i in sent} == {("failed", 1)}
    assert {rows[i] for i in set(rows) - sent} == {("waiting", 0)}  # read, never claimed: no attempt counted
    switch.target = httpx.ASGITransport(app=hq.app)
    clock.advance(seconds=3)
    await uploader.drain()
    assert set(outbox_rows(shop).values()) == {("success", 2)} | {("success", 1)} and hq_orders(hq) == (4, 4)


async def test_a_stored_sale_outside_hqs_format_met_in_a_read_ahead_is_still_held_and_never_sent(
        shop: Station, hq: SeededHQ) -> None:
    sales = sell(shop, 3)
    poison = sales[1].order_id
    with shop.db.write() as session:  # a damaged database: a line of nothing
        session.execute(text("UPDATE order_lines SET quantity = 0, amount = 0 WHERE order_id = :id"), {"id": poison})
    switch = Switch(httpx.ASGITransport(app=hq.app))
    await _uploader(shop, hq, switch, batch=1).drain()  # every batch full: each next one is read ahead
    rows = outbox_rows(shop)
    assert rows.pop(poison) == ("attention", 1) and set(rows.values()) == {("success", 1)}
    with shop.db.read() as session:
        reason = json.loads(session.get(OutboxEntry, poison).last_error)  # type: ignore[union-attr]
    assert reason["code"] == "order.invalid_payload" and reason["params"]["detail"].startswith("lines.0.quantity")
    assert all(poison not in ids for ids in switch.uploads()) and hq_orders(hq) == (2, 2)

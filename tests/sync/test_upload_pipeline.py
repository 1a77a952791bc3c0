"""A drain's rounds overlap: once a full batch is answered, the next batch is claimed and sent before the
answers are stored. Each round still reports its own batch with its voids after it, and exactly once holds
through a crash, a stop and a failure while a batch is with HQ ahead of the one being stored."""

from __future__ import annotations

import asyncio
import random
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

import httpx
import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from core.station import Station
from core.store import outbox
from core.store.outbox import Accepted, UploadState
from core.sync import uploader as uploader_module
from core.sync.errors import HQUnreachableError
from core.sync.uploader import RoundResult, Uploader, in_thread, inline
from tests.support.fixtures import SeededHQ
from tests.support.stations import Switch, hq_client, hq_orders, outbox_rows, refusing, sell

T = TypeVar("T")

pytestmark = pytest.mark.anyio


class PowerCut(BaseException):
    """The process dies here: nothing after it runs, no handler of ordinary errors sees it."""


class Answered(httpx.AsyncBaseTransport):
    """Forwards to HQ and says when HQ has answered a given number of order batches."""

    def __init__(self, target: httpx.AsyncBaseTransport, batches: int) -> None:
        self.target = target
        self.batches = batches
        self.answered = threading.Event()
        self.uploads = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.target.handle_async_request(request)
        if request.url.path.endswith("/orders/batch"):
            self.uploads += 1
            if self.uploads >= self.batches:
                self.answered.set()
        return response


def _uploader(station: Station, hq: SeededHQ, transport: httpx.AsyncBaseTransport, *, batch: int = 2,
              threads: bool = False) -> Uploader:
    client = hq_client(hq.app, hq.tokens["S01"], transport)
    return Uploader(station.db, client, station.clock, batch_size=batch, rng=random.Random(5),
                    run_db=in_thread if threads else inline)


def failing_on_call(real: Callable[[Session, datetime, int], T], call: int,
                    error: Exception) -> Callable[[Session, datetime, int], T]:
    """`real`, except that its `call`-th call raises `error`."""
    calls = 0

    def wrapped(session: Session, now: datetime, limit: int) -> T:
        nonlocal calls
        calls += 1
        if calls == call:
            raise error
        return real(session, now, limit)
    return wrapped


def _ids(result: RoundResult) -> set[str]:
    return {outcome.order_id for outcome in result.outcomes}


async def test_the_next_batch_goes_to_hq_before_this_ones_answers_are_stored_and_each_round_reports_its_own(
        shop: Station, hq: SeededHQ, monkeypatch: pytest.MonkeyPatch) -> None:
    sales = sell(shop, 5)
    switch = Switch(httpx.ASGITransport(app=hq.app))
    stored: list[tuple[set[str], int]] = []  # (orders whose answers were stored, batches sent by then)
    real = outbox.mark_success

    def mark_success(session: Session, accepted: Sequence[Accepted], now: object) -> None:
        stored.append(({a.order_id for a in accepted}, len(switch.uploads())))
        real(session, accepted, now)  # type: ignore[arg-type]

    monkeypatch.setattr(uploader_module, "mark_success", mark_success)
    rounds = await _uploader(shop, hq, switch).drain()

    sent = [set(batch) for batch in switch.uploads()]
    assert [r.claimed for r in rounds] == [2, 2, 1, 0] and len(sent) == 3
    assert [_ids(r) for r in rounds[:3]] == sent  # a round's outcomes are its own batch's, in order
    # Batches 1 and 2 were stored while the batch after them was already at HQ; the last had none after it.
    assert stored == [(sent[0], 2), (sent[1], 3), (sent[2], 3)]
    assert set(outbox_rows(shop).values()) == {("success", 1)} and hq_orders(hq) == (5, 5)
    assert {s.order_id for s in sales} == set().union(*sent)


async def test_a_crash_after_the_next_batch_went_out_but_before_this_one_was_stored_loses_and_doubles_nothing(
        shop: Station, hq: SeededHQ, monkeypatch: pytest.MonkeyPatch) -> None:
    sell(shop, 5)
    answered = Answered(httpx.ASGITransport(app=hq.app), batches=2)
    switch = Switch(answered)

    def crash(session: Session, accepted: Sequence[Accepted], now: object) -> None:
        # Storing batch 1 waits until HQ has committed and answered batch 2, then the power goes.
        assert answered.answered.wait(30), "batch 2 never reached HQ"
        raise PowerCut

    monkeypatch.setattr(uploader_module, "mark_success", crash)
    with pytest.raises(PowerCut):
        await _uploader(shop, hq, switch, threads=True).drain()
    sent = switch.uploads()
    assert len(sent) == 2 and hq_orders(hq) == (4, 4)  # HQ has both batches ...
    rows = outbox_rows(shop)
    assert {rows[i] for batch in sent for i in batch} == {("uploading", 0)}  # ... the station stored neither
    monkeypatch.undo()

    restarted = _uploader(shop, hq, Switch(httpx.ASGITransport(app=hq.app)), threads=True)
    assert await restarted.recover() == 4
    rounds = await restarted.drain()
    replays = {o.order_id for r in rounds for o in r.outcomes if o.replay}
    assert replays == {i for batch in sent for i in batch}  # HQ answered the re-sent ones with its first answer
    assert set(outbox_rows(shop).values()) == {("success", 1)} and hq_orders(hq) == (5, 5)


async def test_a_drain_told_to_stop_stores_the_batch_it_sent_ahead_and_leaves_nothing_uploading(
        shop: Station, hq: SeededHQ) -> None:
    sell(shop, 5)
    switch = Switch(httpx.ASGITransport(app=hq.app))
    heard: list[int] = []

    async def stop_after_the_first(result: RoundResult) -> bool:
        heard.append(result.claimed)
        return False

    rounds = await _uploader(shop, hq, switch).drain(on_round=stop_after_the_first)
    sent = switch.uploads()
    assert [r.claimed for r in rounds] == heard == [2, 2] and len(sent) == 2
    assert [_ids(r) for r in rounds] == [set(batch) for batch in sent]
    rows = outbox_rows(shop)
    assert sorted(rows.values()) == [("success", 1)] * 4 + [("waiting", 0)] and hq_orders(hq) == (4, 4)


async def test_a_claim_ahead_that_fails_still_lets_this_batch_be_stored_and_the_drain_go_on(
        shop: Station, hq: SeededHQ, monkeypatch: pytest.MonkeyPatch) -> None:
    sell(shop, 5)
    # The second claim is the one ahead of batch 2, made before batch 1 is stored.
    monkeypatch.setattr(uploader_module, "claim_due", failing_on_call(
        outbox.claim_due, 2, OperationalError("UPDATE outbox", {}, Exception("database is locked"))))
    switch = Switch(httpx.ASGITransport(app=hq.app))
    rounds = await _uploader(shop, hq, switch).drain()
    assert [r.claimed for r in rounds] == [2, 2, 1, 0] and all(r.error is None for r in rounds)
    assert set(outbox_rows(shop).values()) == {("success", 1)} and hq_orders(hq) == (5, 5)


async def test_a_failure_after_a_batch_sent_ahead_was_stored_stores_each_batch_once(
        shop: Station, hq: SeededHQ, monkeypatch: pytest.MonkeyPatch) -> None:
    sell(shop, 5)
    # The second void claim is round 2's: its batch (sent ahead by round 1) is stored, batch 3 is with HQ.
    monkeypatch.setattr(uploader_module, "claim_due_voids", failing_on_call(
        outbox.claim_due_voids, 2, RuntimeError("a bug in the void round")))
    switch = Switch(httpx.ASGITransport(app=hq.app))
    with pytest.raises(RuntimeError):
        await _uploader(shop, hq, switch).drain()
    assert len(switch.uploads()) == 3
    # Every batch stored exactly once (one attempt each, not two), batch 3's before the failure went up.
    assert set(outbox_rows(shop).values()) == {("success", 1)} and hq_orders(hq) == (5, 5)


async def test_no_batch_is_sent_ahead_past_the_last_round_allowed_or_once_keep_going_says_no(
        shop: Station, hq: SeededHQ) -> None:
    sell(shop, 5)
    switch = Switch(httpx.ASGITransport(app=hq.app))
    uploader = _uploader(shop, hq, switch)
    [one] = await uploader.drain(max_rounds=1)
    assert one.claimed == 2 and len(switch.uploads()) == 1
    [two] = await uploader.drain(keep_going=lambda: False)
    assert two.claimed == 2 and len(switch.uploads()) == 2
    assert sorted(outbox_rows(shop).values()) == [("success", 1)] * 4 + [("waiting", 0)]


async def test_hq_going_away_while_the_batch_sent_ahead_is_with_it_fails_that_batch_only(
        shop: Station, hq: SeededHQ) -> None:
    sell(shop, 5)
    hq_side = httpx.ASGITransport(app=hq.app)
    down = refusing(httpx.ConnectError)

    class GoneAfterOne(httpx.AsyncBaseTransport):
        def __init__(self) -> None:
            self.batches = 0

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            self.batches += 1
            return await (hq_side if self.batches == 1 else down).handle_async_request(request)

    switch = Switch(GoneAfterOne())
    rounds = await _uploader(shop, hq, switch).drain()
    first, second = switch.uploads()
    assert [r.claimed for r in rounds] == [2, 2]
    assert rounds[0].error is None and isinstance(rounds[1].error, HQUnreachableError)
    assert {o.state for o in rounds[1].outcomes} == {UploadState.FAILED}
    rows = outbox_rows(shop)
    assert {rows[i] for i in first} == {("success", 1)} and {rows[i] for i in second} == {("failed", 1)}
    rest = set(rows) - set(first) - set(second)
    assert {rows[i] for i in rest} == {("waiting", 0)} and hq_orders(hq) == (2, 2)


async def test_a_void_goes_in_the_round_of_its_order_after_that_batch_is_stored(shop: Station, hq: SeededHQ) -> None:
    sales = sell(shop, 5)
    voided = sales[0].order_id
    shop.void(voided, staff_id="E001", manager_pin="1234", reason="客人退貨")
    switch = Switch(httpx.ASGITransport(app=hq.app))
    rounds = await _uploader(shop, hq, switch).drain()
    [home] = [index for index, r in enumerate(rounds) if voided in _ids(r)]
    assert [v.order_id for v in rounds[home].voids] == [voided]
    assert all(not r.voids for index, r in enumerate(rounds) if index != home)
    kinds = ["void" if r.url.path.endswith("/void") else "batch" for r in switch.requests]
    assert kinds.index("void") > home  # after the batch that carried its order
    assert set(outbox_rows(shop).values()) == {("success", 1)} and hq_orders(hq) == (5, 5)


async def test_a_drain_on_threads_overlaps_and_still_uploads_everything_once(shop: Station, hq: SeededHQ) -> None:
    sell(shop, 9)
    switch = Switch(httpx.ASGITransport(app=hq.app))
    rounds = await asyncio.wait_for(_uploader(shop, hq, switch, threads=True).drain(), 60)
    assert [r.claimed for r in rounds] == [2, 2, 2, 2, 1, 0]
    assert sorted(i for batch in switch.uploads() for i in batch) == sorted(outbox_rows(shop))
    assert set(outbox_rows(shop).values()) == {("success", 1)} and hq_orders(hq) == (9, 9)

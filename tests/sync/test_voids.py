"""Voids (作廢) reaching HQ, driven step by step (manual clock, seeded RNG, in-process HQ): queued in the
void's own transaction, sent only after HQ has the order, exactly once through a lost reply, and a void
HQ refuses parked for a person without blocking anything else."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta

import httpx
import pytest
from sqlalchemy import select, text

from core.checkout import InvoiceRequest
from core.clock import TAIPEI, ManualClock
from core.station import Station
from core.store import orders as store_orders
from core.store import outbox
from core.store.outbox import UploadState, claim_due_voids
from core.store.tables import Invoice, Order, VoidOutboxEntry
from core.sync.errors import HQUnreachableError
from core.sync.uploader import Backoff, Uploader, inline
from hq.tables import HQInvoice, HQOrder
from tests.support.fixtures import SeededHQ
from tests.support.stations import DropReplies, Switch, hq_client, refusing, sell

pytestmark = pytest.mark.anyio
SEED = 7
NEXT_PERIOD = datetime(2027, 1, 5, 10, 0, 0, tzinfo=TAIPEI)  # 116年01-02月: the November invoices' period is over


def _uploader(station: Station, hq: SeededHQ, transport: httpx.AsyncBaseTransport | None = None) -> Uploader:
    client = hq_client(hq.app, hq.tokens["S01"], transport)
    return Uploader(station.db, client, station.clock, rng=random.Random(SEED), run_db=inline)


def _void(station: Station, order_id: str, reason: str = "客人退貨") -> None:
    station.void(order_id, staff_id="E001", manager_pin="1234", reason=reason)


def _void_row(station: Station, order_id: str) -> VoidOutboxEntry | None:
    with station.db.read() as session:
        return session.get(VoidOutboxEntry, order_id)


def _hq_status(hq: SeededHQ) -> dict[str, str]:
    with hq.db.read() as session:
        return dict(session.execute(select(HQOrder.id, HQOrder.status)).all())


def _paths(switch: Switch) -> list[str]:
    return ["void" if r.url.path.endswith("/void") else "batch" for r in switch.requests]


def test_the_void_is_queued_in_the_transaction_that_voids_the_order(shop: Station,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    kept, voided = (s.order_id for s in sell(shop, 2))
    _void(shop, voided, "  客人退貨  ")
    row = _void_row(shop, voided)
    with shop.db.read() as session:
        invoice = session.execute(select(Invoice).where(Invoice.order_id == voided)).scalar_one()
    assert row is not None and (row.state, row.attempts, row.reason) == ("waiting", 0, "客人退貨")
    assert row.voided_at == invoice.voided_at == row.next_attempt_at == shop.clock.now().replace(microsecond=0)
    assert _void_row(shop, kept) is None

    def queue_then_crash(*args: object, **kwargs: object) -> None:  # the queueing happens, then the transaction dies
        outbox.queue_void(*args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("power cut")

    monkeypatch.setattr(store_orders, "queue_void", queue_then_crash)
    with pytest.raises(RuntimeError):
        _void(shop, kept)
    with shop.db.read() as session:
        order = session.get(Order, kept)
        invoice = session.execute(select(Invoice).where(Invoice.order_id == kept)).scalar_one()
        audits = session.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    assert _void_row(shop, kept) is None  # neither the void nor its queue entry: all or nothing
    assert order is not None and order.status == "completed" and not invoice.voided
    assert audits == 1  # only the first void's


async def test_a_void_is_sent_only_after_hq_has_accepted_the_order(shop: Station, hq: SeededHQ,
                                                                   clock: ManualClock) -> None:
    [sale] = sell(shop, 1)
    _void(shop, sale.order_id)
    switch = Switch(refusing(httpx.ConnectError))
    uploader = _uploader(shop, hq, switch)
    [down] = await uploader.drain()  # HQ unreachable: the order fails, its void is not even tried
    assert isinstance(down.error, HQUnreachableError) and down.voids == ()
    assert _paths(switch) == ["batch"]
    row = _void_row(shop, sale.order_id)
    assert row is not None and (row.state, row.attempts) == ("waiting", 0)

    switch.target = httpx.ASGITransport(app=hq.app)
    clock.advance(seconds=5)
    rounds = await uploader.drain()
    assert [(r.claimed, [v.state for v in r.voids]) for r in rounds] == [(1, [UploadState.SUCCESS]), (0, [])]
    assert _paths(switch) == ["batch", "batch", "void"]  # the order first, then its void
    assert _hq_status(hq) == {sale.order_id: "voided"}
    with hq.db.read() as session:
        invoice = session.execute(select(HQInvoice).where(HQInvoice.order_id == sale.order_id)).scalar_one()
    assert invoice.voided and invoice.voided_at == shop.clock.now().replace(microsecond=0) - timedelta(seconds=5)
    row = _void_row(shop, sale.order_id)
    assert row is not None and (row.state, row.attempts, row.last_error) == ("success", 1, None)
    assert json.loads(row.result or "{}")["status"] == "voided"
    [record] = shop.upload_records()
    assert record.state is UploadState.SUCCESS and record.void is not None
    assert record.void.state is UploadState.SUCCESS and not record.void.waiting_for_order


async def test_a_void_waits_while_hq_has_refused_its_order_and_follows_it_once_fixed(shop: Station,
                                                                                      hq: SeededHQ) -> None:
    [poison, fine] = (s.order_id for s in sell(shop, 2))
    with shop.db.write() as session:  # a damaged order: payments no longer cover the total
        session.execute(text("UPDATE payments SET amount = amount - 1 WHERE order_id = :id"), {"id": poison})
    _void(shop, poison)
    switch = Switch(httpx.ASGITransport(app=hq.app))
    uploader = _uploader(shop, hq, switch)
    await uploader.drain()
    assert _paths(switch) == ["batch"] and _hq_status(hq) == {fine: "accepted"}  # no void for an unknown order
    with shop.db.read() as session:
        assert outbox.next_due(session) is None  # a void waiting for its order is not "due": no busy loop
        info = outbox.detail(session, poison)
    assert info is not None and info.record.state is UploadState.ATTENTION
    assert info.record.void is not None and info.record.void.state is UploadState.WAITING
    assert info.record.void.waiting_for_order and info.record.void.void_reason == "客人退貨"

    with shop.db.write() as session:  # fixed by a person, retried by hand
        session.execute(text("UPDATE payments SET amount = amount + 1 WHERE order_id = :id"), {"id": poison})
        assert outbox.retry(session, [poison], shop.clock.now()) == 1  # the order; its void was not refused
    [round_, _] = await uploader.drain()
    assert [v.state for v in round_.voids] == [UploadState.SUCCESS]
    assert _paths(switch) == ["batch", "batch", "void"]
    assert _hq_status(hq) == {fine: "accepted", poison: "voided"}


async def test_a_lost_void_reply_is_retried_with_backoff_and_hq_keeps_one_void(shop: Station, hq: SeededHQ,
                                                                               clock: ManualClock) -> None:
    [sale] = sell(shop, 1)
    _void(shop, sale.order_id)
    voided_at = clock.now().replace(microsecond=0)
    drop = DropReplies(httpx.ASGITransport(app=hq.app), when=lambda r: r.url.path.endswith("/void"))
    switch = Switch(drop)
    uploader = _uploader(shop, hq, switch)
    [first] = await uploader.drain()
    assert isinstance(first.error, HQUnreachableError) and [v.state for v in first.voids] == [UploadState.FAILED]
    assert _hq_status(hq) == {sale.order_id: "voided"}  # HQ committed it; the station does not know
    row = _void_row(shop, sale.order_id)
    expected = Backoff().delay(1, random.Random(SEED))
    assert row is not None and (row.state, row.attempts) == ("failed", 1)
    assert row.next_attempt_at == (clock.now() + timedelta(seconds=expected)).replace(microsecond=0)
    assert json.loads(row.last_error or "{}")["code"] == "hq.unreachable"
    assert (await uploader.drain())[0].voids == ()  # not due yet: no hammering

    clock.advance(minutes=1)
    [second, _] = await uploader.drain()
    assert [v.state for v in second.voids] == [UploadState.SUCCESS]
    assert _paths(switch) == ["batch", "void", "void"]  # the same void twice ...
    with hq.db.read() as session:
        order = session.get(HQOrder, sale.order_id)
    assert order is not None and order.status == "voided" and order.voided_at == voided_at  # ... once at HQ
    row = _void_row(shop, sale.order_id)
    assert row is not None and (row.state, row.attempts) == ("success", 2)
    assert json.loads(row.result or "{}")["voided_at"] == voided_at.isoformat()
    assert (await uploader.drain())[0].voids == ()  # success is final: never sent again


async def test_a_void_hq_refuses_goes_to_attention_with_its_reason_and_blocks_nothing(
        shop: Station, hq: SeededHQ, clock: ManualClock) -> None:
    late, early, other = (s.order_id for s in sell(shop, 3))
    _void(shop, early)  # within November, and HQ receives it in November: fine
    uploader = _uploader(shop, hq)
    [first, _] = await uploader.drain()
    assert {v.order_id: v.state for v in first.voids} == {early: UploadState.SUCCESS}
    _void(shop, late)
    # A November invoice voided in January, as a station older than the till's own period rule queued it:
    # HQ refuses it (one issues an allowance, 折讓). Today's station refuses such a void itself.
    with shop.db.write() as session:
        session.execute(text("UPDATE void_outbox SET voided_at = :at, next_attempt_at = :at, created_at = :at "
                             "WHERE order_id = :id"), {"at": NEXT_PERIOD.isoformat(), "id": late})
    clock.set(NEXT_PERIOD)
    hq.clock.set(NEXT_PERIOD)  # HQ judges a void's period by its own clock: both are in January now
    manual = sell(shop, 1, invoice=InvoiceRequest.manual("XY-87654321"))[0].order_id  # a January sale
    clock.advance(minutes=1)
    hq.clock.advance(minutes=1)
    _void(shop, manual)  # voided after the refused one, in its own period
    [round_, last] = await uploader.drain()
    assert round_.claimed == 1 and round_.error is None and last.claimed == 0 and last.voids == ()
    assert {v.order_id: v.state for v in round_.voids} == {late: UploadState.ATTENTION, manual: UploadState.SUCCESS}
    assert _hq_status(hq) == {early: "voided", late: "accepted", other: "accepted", manual: "voided"}

    with shop.db.read() as session:
        info = outbox.detail(session, late)
        stored = outbox.summary(session)
        parked = outbox.records(session, states=["attention"])
    assert info is not None and info.record.state is UploadState.SUCCESS  # the sale itself is at HQ
    void = info.record.void
    assert void is not None and void.state is UploadState.ATTENTION and void.label == "需要處理"
    assert void.reason is not None and void.reason.code == "void.other_period"
    assert void.reason.params == {"number": "AB12345600", "period": "11512", "voided": "11602"}
    assert "折讓" in void.reason.text() and "allowance" in void.reason.text("en")
    assert info.record.needs_attention
    assert [r.order_id for r in parked] == [late]
    assert stored.void_counts["success"] == 2 and stored.voids_attention == 1 and stored.voids_pending == 0
    assert stored.attention == 0  # orders' own counts are unchanged by voids

    # Attention is final until a person retries it; the retry sends it once more (still refused here).
    with shop.db.write() as session:
        assert outbox.retry(session, [late], clock.now()) == 1
    [again, _] = await uploader.drain()
    assert [(v.order_id, v.state) for v in again.voids] == [(late, UploadState.ATTENTION)]
    row = _void_row(shop, late)
    assert row is not None and row.attempts == 2


async def test_the_manager_who_allowed_the_void_reaches_hq(shop: Station, hq: SeededHQ) -> None:
    [sale] = sell(shop, 1)
    _void(shop, sale.order_id)
    switch = Switch(httpx.ASGITransport(app=hq.app))
    [round_, _] = await _uploader(shop, hq, switch).drain()
    assert [v.state for v in round_.voids] == [UploadState.SUCCESS]
    [sent] = [json.loads(r.content) for r in switch.requests if r.url.path.endswith("/void")]
    assert sent["approved_by"] == "M001"
    with hq.db.read() as session:
        assert session.execute(select(HQOrder.status, HQOrder.void_approved_by)).one() == ("voided", "M001")


async def test_voids_caught_uploading_by_a_crash_are_sent_again_after_restart(shop: Station, hq: SeededHQ) -> None:
    [sale] = sell(shop, 1)
    uploader = _uploader(shop, hq)
    await uploader.drain()
    _void(shop, sale.order_id)
    with shop.db.write() as session:  # the old process claimed the void, maybe sent it, then died
        assert len(claim_due_voids(session, shop.clock.now(), 10)) == 1
    assert (await uploader.drain())[0].voids == ()  # an uploading void is not due
    assert await uploader.recover() == 1
    [round_, _] = await uploader.drain()
    assert [v.state for v in round_.voids] == [UploadState.SUCCESS]
    assert _hq_status(hq) == {sale.order_id: "voided"}

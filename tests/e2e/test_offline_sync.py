"""The seed's offline mode, end to end over real HTTP: HQ goes away, the till notices and keeps selling,
HQ comes back, the backlog uploads by itself, exactly once, and HQ's corrections reach the till."""

from __future__ import annotations

import threading
from dataclasses import replace

from sqlalchemy import func, select

from core.checkout import CartLine, InvoiceRequest
from core.demo.station import DEMO_PINS
from core.store.outbox import UploadState
from core.sync.events import LinkChanged, UploadProgress
from hq.tables import HQOrder, HQOrderLine
from tests.e2e.conftest import Rig, Till
from tests.factories import simple_sale
from tests.support.proxy import FaultProxy

OFFLINE_WITHIN = 3.0  # seconds: probe every 0.1 s, two refused connections in a row (HQ stopped)


def _hq_ids(rig: Rig) -> list[str]:
    with rig.hq.db.read() as session:
        return list(session.execute(select(HQOrder.id)).scalars())


def _sell(till: Till, lines: list[CartLine] | None = None, **changes: object) -> str:
    sale = till.station.checkout(replace(simple_sale(lines=lines), **changes))
    till.service.notify_sale()
    return sale.order_id


def test_hq_down_then_back_the_backlog_drains_by_itself_exactly_once(rig: Rig) -> None:
    till = rig.till("S01")
    assert till.events.online()
    online_ids = [_sell(till) for _ in range(2)]
    till.events.wait(lambda: till.states() == {"success": 2}, what="the online sales to upload")

    rig.server.stop()
    took = till.events.wait(till.events.offline, what="the watcher to say offline")
    assert took < OFFLINE_WITHIN
    offline_ids = [_sell(till, offline=True) for _ in range(4)]
    # Below the catalog's 105: the manager allows it (offline too: the PIN is checked on the cached staff).
    cheaper = till.station.approve_price(CartLine("SKU00001", "電池", 1, 100), staff_id="E001",
                                         manager_pin=DEMO_PINS["M001"])
    offline_ids.append(_sell(till, [cheaper, CartLine("NEW-9", "手寫商品", 1, 30)],
                             offline=True, customer_phone="0912345673"))
    assert till.pending() == 5 and till.states().get("success") == 2  # kept, waiting, nothing lost

    rig.server.start()  # same port: the station was never told anything
    till.events.wait(lambda: till.states() == {"success": 7}, what="the backlog to drain")
    changes = [e.status.state.value for e in till.events.of(LinkChanged)]
    assert changes == ["online", "offline", "online"]
    ids = _hq_ids(rig)
    assert sorted(ids) == sorted(online_ids + offline_ids) and len(ids) == len(set(ids)) == 7

    detail = till.service.detail(offline_ids[-1])
    assert detail is not None and detail.record.state is UploadState.SUCCESS
    battery, unknown = detail.lines
    assert (battery.hq_name, battery.price_override, battery.hq_catalog_price) == ("乾電池 3號 4入", True, 105)
    with rig.hq.db.read() as session:
        assert session.execute(select(HQOrderLine.price_approved_by).where(
            HQOrderLine.order_id == offline_ids[-1], HQOrderLine.sku == "SKU00001")).scalar_one() == "M001"
    assert unknown.unknown_sku and detail.hq_customer_id == "C00004"
    records = till.service.records()
    assert len(records) == 7 and {r.label for r in records} == {"成功"} and all(r.offline for r in records[:5])


def test_a_reply_lost_after_hq_committed_is_retried_and_hq_keeps_one_order(rig: Rig) -> None:
    proxy = FaultProxy("127.0.0.1", rig.server.port)
    proxy.start()
    try:
        till = rig.till("S01", url=proxy.url)
        proxy.drop_replies(count=1)
        order_id = _sell(till)
        # Reported, not only stored: a round stores its answers before the progress event saying so.
        till.events.wait(lambda: any(o.state is UploadState.SUCCESS for e in till.events.of(UploadProgress)
                                     for o in e.outcomes), what="the retried upload")
        assert till.states() == {"success": 1}
        assert proxy.requests() >= 2  # HQ saw the order at least twice ...
        assert _hq_ids(rig) == [order_id]  # ... and stored it once
        [record] = till.service.records()
        assert record.attempts == 2
        final = [o for e in till.events.of(UploadProgress) for o in e.outcomes if o.state is UploadState.SUCCESS]
        assert [o.replay for o in final] == [True]  # the second answer was HQ's first answer, replayed
    finally:
        proxy.stop()


def test_two_stations_upload_concurrently_and_a_poison_order_blocks_nothing(rig_any_db: Rig) -> None:
    rig = rig_any_db
    s01, s02 = rig.till("S01"), rig.till("S02")
    first = _sell(s01)
    s01.events.wait(lambda: s01.states() == {"success": 1}, what="S01's first sale")
    with rig.hq.db.read() as session:
        taken = session.execute(select(HQOrder).where(HQOrder.id == first)).scalar_one()
    taken_number = rig.hq.client("S01").get(f"/api/v1/orders/{taken.id}").json()["order"]["invoice"]["number"]

    def ring(till: Till, count: int, poison_at: int | None = None) -> None:
        for index in range(count):
            if index == poison_at:
                # A hand-written invoice that reuses S01's number: HQ must refuse it, and only it.
                _sell(till, invoice=InvoiceRequest.manual(taken_number))
            else:
                _sell(till)

    threads = [threading.Thread(target=ring, args=(s01, 20)), threading.Thread(target=ring, args=(s02, 20, 7))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    s01.events.wait(lambda: s01.pending() == 0, what="S01 to drain")
    s02.events.wait(lambda: s02.pending() == 0, what="S02 to drain")
    assert s01.states() == {"success": 21}
    assert s02.states() == {"success": 19, "attention": 1}
    [poison] = s02.service.records(states=["attention"])
    # The number is S01's: refused as not S02's to use, before HQ even looks whether it was taken.
    assert poison.reason is not None and poison.reason.code == "invoice.not_allocated"
    assert taken_number in poison.reason.text("en") and "不是總部配發給收銀機 S02 的號碼" in poison.reason.text()
    with rig.hq.db.read() as session:
        counts = dict(session.execute(select(HQOrder.station_id, func.count()).group_by(HQOrder.station_id)).all())
    assert counts == {"S01": 21, "S02": 19}

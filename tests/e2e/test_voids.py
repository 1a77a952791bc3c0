"""A void (作廢) made offline, end to end over real HTTP: it waits with its order while HQ is away, goes
after the order once HQ is back, survives a lost reply, and HQ records it once."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from core.demo.station import DEMO_PINS
from core.store.outbox import UploadState
from core.sync.events import UploadProgress
from hq.tables import HQOrder
from tests.e2e.conftest import Rig
from tests.factories import simple_sale
from tests.support.proxy import FaultProxy


def test_an_offline_void_reaches_hq_once_after_its_order_even_through_a_lost_reply(rig: Rig) -> None:
    proxy = FaultProxy("127.0.0.1", rig.server.port)
    proxy.start()
    till = rig.till("S01", url=proxy.url)
    try:
        rig.server.stop()
        till.events.wait(till.events.offline, what="the watcher to say offline")
        order_id = till.station.checkout(replace(simple_sale(), offline=True)).order_id
        till.station.void(order_id, staff_id="E001", manager_pin=DEMO_PINS["M001"], reason="客人退貨")
        till.service.notify_void()
        before = till.service.summary()
        assert before.pending == 1 and before.voids_pending == 1  # both kept, waiting
        [waiting] = till.service.records()
        assert waiting.void is not None and waiting.void.waiting_for_order

        void_request = f"POST /api/v1/orders/{order_id}/void".encode()
        proxy.drop_replies(void_request, count=1)  # HQ will void it, and the station won't hear
        rig.server.start()
        # The progress event, not the stored state: a round stores its answers, then reports them, so the
        # void can be stored as landed before the event saying so arrives.
        till.events.wait(lambda: any(v.state is UploadState.SUCCESS for e in till.events.of(UploadProgress)
                                     for v in e.voids), what="the void to land")
        assert till.service.summary().void_counts.get("success") == 1

        assert proxy.requests(void_request) == 2  # sent twice ...
        with rig.hq.db.read() as session:
            rows = session.execute(select(HQOrder)).scalars().all()
        assert [(r.id, r.status, r.void_reason) for r in rows] == [(order_id, "voided", "客人退貨")]  # ... one void
        [record] = till.service.records()
        assert record.state is UploadState.SUCCESS and record.void is not None
        assert (record.void.state, record.void.attempts) == (UploadState.SUCCESS, 2)
        progress = till.events.of(UploadProgress)
        order_done = next(i for i, e in enumerate(progress) if e.outcomes)
        void_states = [v.state for e in progress[order_done:] for v in e.voids]
        assert void_states == [UploadState.FAILED, UploadState.SUCCESS]  # never before the order
        assert all(not e.voids for e in progress[:order_done])
    finally:
        till.service.stop()  # before the proxy goes, so no request is left hanging on it
        proxy.stop()

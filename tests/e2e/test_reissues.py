"""A return within the invoice's period made offline, end to end over real HTTP: once HQ is back the void
of the original and the kept lines' new order each land exactly once (a lost reply resent), and HQ links
the new order to the voided one."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import select

from core.demo.station import DEMO_PINS
from core.store.outbox import UploadState
from hq.tables import HQInvoice, HQOrder
from tests.e2e.conftest import Rig
from tests.factories import simple_sale
from tests.support.proxy import FaultProxy


def test_an_offline_return_in_the_period_uploads_the_void_and_the_new_order_once_and_hq_links_them(
        rig: Rig) -> None:
    proxy = FaultProxy("127.0.0.1", rig.server.port)
    proxy.start()
    till = rig.till("S01", url=proxy.url)
    try:
        rig.server.stop()
        till.events.wait(till.events.offline, what="the watcher to say offline")
        sale = till.station.checkout(replace(simple_sale(), offline=True))
        done = till.station.return_in_period(sale.order_id, [(2, 1)], reason="客人退貨", staff_id="E001",
                                             manager_pin=DEMO_PINS["M001"])
        assert done.sale is not None
        new_id = done.sale.order_id
        before = till.service.summary()
        assert before.pending == 2 and before.voids_pending == 1  # the sale, its reissue and the void wait

        orders_request = b"POST /api/v1/orders/batch"
        void_request = f"POST /api/v1/orders/{sale.order_id}/void".encode()
        proxy.watch(void_request)
        proxy.drop_replies(orders_request, count=1)  # HQ will store them, and the station won't hear
        rig.server.start()
        till.events.wait(lambda: till.service.summary().void_counts.get("success") == 1
                         and till.service.summary().counts.get("success") == 2, what="the orders and the void")

        assert proxy.requests(orders_request) >= 2  # the batch was sent again ...
        assert proxy.requests(void_request) == 1
        with rig.hq.db.read() as session:
            rows = {r.id: r for r in session.execute(select(HQOrder)).scalars().all()}
            numbers = sorted(session.execute(select(HQInvoice.number)).scalars().all())
        assert sorted(rows) == sorted([sale.order_id, new_id])  # ... held once each
        original, reissue = rows[sale.order_id], rows[new_id]
        assert (original.status, original.void_reason, original.void_approved_by) == ("voided", "客人退貨", "M001")
        assert (reissue.status, reissue.reissue_of, reissue.total) == ("accepted", sale.order_id, 210)
        attention = json.loads(reissue.result)["reconciliation"]["attention"]
        assert attention == json.loads(original.result)["reconciliation"]["attention"]  # nothing for the link
        assert numbers == sorted([sale.invoice_number, done.sale.invoice_number])
        detail = till.station.upload_detail(new_id)
        assert detail is not None and detail.record.state is UploadState.SUCCESS
    finally:
        till.service.stop()  # before the proxy goes, so no request is left hanging on it
        proxy.stop()

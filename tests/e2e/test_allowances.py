"""A return (折讓) made offline, end to end over real HTTP: it waits for its order while HQ is away, goes
after the order once HQ is back, survives a lost reply, and HQ holds it once, accepted."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from core.demo.station import DEMO_PINS
from hq.tables.allowances import HQAllowance
from tests.e2e.conftest import Rig
from tests.factories import simple_sale
from tests.support.proxy import FaultProxy


def test_an_offline_return_reaches_hq_once_after_its_order_and_is_accepted(rig: Rig) -> None:
    proxy = FaultProxy("127.0.0.1", rig.server.port)
    proxy.start()
    till = rig.till("S01", url=proxy.url)
    try:
        rig.server.stop()
        till.events.wait(till.events.offline, what="the watcher to say offline")
        order_id = till.station.checkout(replace(simple_sale(), offline=True)).order_id
        allowance = till.station.return_lines(order_id, [(2, 1)], reason="客人退貨", staff_id="E001",
                                              manager_pin=DEMO_PINS["M001"])
        [waiting] = till.station.allowance_uploads(allowance.id)
        assert waiting.state == "waiting"

        request = b"POST /api/v1/allowances/batch"
        proxy.drop_replies(request, count=1)  # HQ will store it, and the station won't hear
        rig.server.start()
        till.events.wait(lambda: till.station.allowance_uploads(allowance.id)[0].state == "success",
                         what="the allowance to land")

        assert proxy.requests(request) == 2  # sent twice ...
        with rig.hq.db.read() as session:
            rows = session.execute(select(HQAllowance)).scalars().all()
        assert [(r.id, r.number, r.status, r.original_order_id) for r in rows] == [
            (allowance.id, "S01A000001", "accepted", order_id)]  # ... held once
        [done] = till.station.allowance_uploads(allowance.id)
        assert done.attempts == 2 and done.result is not None and '"accepted"' in done.result
    finally:
        till.service.stop()  # before the proxy goes, so no request is left hanging on it
        proxy.stop()

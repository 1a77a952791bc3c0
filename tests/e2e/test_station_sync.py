"""The Station owns its sync service: a sale or a void announces itself to it (no caller has to), and
after stop_sync nothing more is sent. Over real HTTP to HQ under uvicorn."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from core.demo.station import DEMO_PINS
from core.store.outbox import UploadState
from hq.tables import HQOrder
from tests.e2e.conftest import FAST, Rig, Till
from tests.factories import simple_sale

# The service looks at the outbox by itself only once a minute: an upload within seconds was announced.
QUIET = replace(FAST, idle_check=60.0)
ANNOUNCED_WITHIN = 10.0


def _hq_status(rig: Rig) -> dict[str, str]:
    with rig.hq.db.read() as session:
        return {row.id: row.status for row in session.execute(select(HQOrder)).scalars()}


def _void_state(till: Till) -> UploadState | None:
    [record] = till.service.records()
    return None if record.void is None else record.void.state


def test_a_sale_and_its_void_reach_hq_because_the_station_announces_them(rig: Rig) -> None:
    till = rig.till("S01", options=QUIET)
    assert till.station.sync_running and till.events.online()
    sale = till.station.checkout(simple_sale())  # nobody calls notify_sale: the Station does
    till.events.wait(lambda: till.states() == {"success": 1}, timeout=ANNOUNCED_WITHIN, what="the sale at HQ")
    assert _hq_status(rig) == {sale.order_id: "accepted"}

    till.station.void(sale.order_id, staff_id="E001", manager_pin=DEMO_PINS["M001"], reason="客人退貨")
    # HQ commits the void before the station hears the answer and records it: wait for both ends.
    till.events.wait(lambda: _void_state(till) is UploadState.SUCCESS, timeout=ANNOUNCED_WITHIN,
                     what="the void recorded as uploaded")
    assert _hq_status(rig) == {sale.order_id: "voided"}


def test_after_stop_sync_a_sale_waits_in_the_outbox_and_a_second_stop_is_harmless(rig: Rig) -> None:
    till = rig.till("S01", options=QUIET)
    till.station.stop_sync()
    assert not till.station.sync_running and till.station.syncing is None
    sale = till.station.checkout(simple_sale())  # no service to announce to: kept for the next start
    assert till.states() == {"waiting": 1} and _hq_status(rig) == {}
    till.station.stop_sync()
    assert till.station.retry_uploads() == 0  # nothing runs to queue it again
    assert sale.order_id not in _hq_status(rig)

"""`cashier hq serve` with `[mof] turnkey_dir`: the filing thread hands documents over without being asked."""

from __future__ import annotations

import threading
import time

from core.clock import ManualClock
from hq.mof.config import MofConfig
from hq.mof.service import MofService
from tests.hq.mof.conftest import Filing


def test_the_filing_thread_exports_on_its_own_and_stops_cleanly(filing: Filing) -> None:
    filing.upload(2)
    service = MofService(filing.hq.db, MofConfig(turnkey_dir=filing.root, seller_name="示範商店", poll_seconds=60),
                         ManualClock(filing.hq.clock.now()))
    service.start()
    try:
        deadline, tick = time.monotonic() + 30, threading.Event()
        while service.passes < 1:  # the first pass runs at once; no event to wait on across the thread
            assert time.monotonic() < deadline, "no export pass"
            tick.wait(0.01)
    finally:
        service.stop()
    assert len(filing.turnkey.waiting()) == 2
    assert service.run_once().handed == 0  # already handed: nothing twice

"""`cashier demo`'s own world: an HQ on a loopback port with demo data, which Ctrl+N stops and restarts
on the same port (a network cut as the station sees it: connections refused)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from core.clock import Clock

log = logging.getLogger(__name__)


class DemoControls:
    def __init__(self, folder: Path, clock: Clock) -> None:
        from hq.app import create_app
        from hq.db import HQDatabase
        from hq.seed import seed_demo
        from hq.server import HQServer

        self.folder = folder
        self.hq_db = HQDatabase(f"sqlite:///{folder / 'hq.sqlite'}")
        self.seed = seed_demo(self.hq_db, clock.now())
        self.server: Any = HQServer(create_app(db=self.hq_db, clock=clock))
        self.url = self.server.start()
        self.token = self.seed.station_tokens["S01"]
        self.cut = False
        self._lock = threading.Lock()

    @property
    def member_example(self) -> tuple[str, str]:
        """A seeded member's (phone, member code), for the customer screen to suggest."""
        from hq.seed import demo_customers

        first = demo_customers()[0]
        return first.phone or "", first.member_code or ""

    def toggle_network(self) -> bool:
        """Cut or restore the link; returns True when now cut. The server stops in the background:
        the UI thread never waits for it."""
        with self._lock:
            self.cut = not self.cut
            cut = self.cut
        log.info("demo: network %s (Ctrl+N)", "cut" if cut else "restored")
        threading.Thread(target=self._apply, args=(cut,), name="demo-network", daemon=True).start()
        return cut

    def _apply(self, cut: bool) -> None:
        with self._lock:
            if cut:
                self.server.stop()
            else:
                self.server.start()

    def close(self) -> None:
        with self._lock:
            if not self.cut:
                self.server.stop()
        self.hq_db.close()

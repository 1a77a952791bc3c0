"""`cashier hq serve` files continuously: one export pass every `[mof] poll_seconds` on its own thread."""

from __future__ import annotations

import logging
import threading

from core.clock import Clock
from hq.db import HQDatabase
from hq.mof.config import MofConfig
from hq.mof.documents import Seller
from hq.mof.export import ExportReport, export

log = logging.getLogger(__name__)


class MofService:
    def __init__(self, db: HQDatabase, config: MofConfig, clock: Clock) -> None:
        if config.turnkey_dir is None:
            raise ValueError("MofService needs [mof] turnkey_dir")
        self.db, self.config, self.clock = db, config, clock
        self.root = config.turnkey_dir
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.passes = 0

    def run_once(self) -> ExportReport:
        report = export(self.db, self.root, Seller(self.config.seller_name, self.config.seller_ban),
                        now=self.clock.now(), deadlines=self.config.deadlines)
        self.passes += 1
        return report

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:  # a full disk or a database restart must not end filing for good
                log.exception("MOF export pass failed; trying again in %d s", self.config.poll_seconds)
            self._stop.wait(self.config.poll_seconds)

    def start(self) -> None:
        log.info("MOF filing on: Turnkey folder %s, every %d s", self.root, self.config.poll_seconds)
        self._thread = threading.Thread(target=self._loop, name="mof-export", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

"""A configured station on disk for the support tools: a config file (with secrets), its data dir and
database with a few sales, a virtual printer on a loopback TCP port, and a real HQ under uvicorn."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.clock import ManualClock
from core.printer.virtual.printer import VirtualPrinter
from core.printer.virtual.server import VirtualPrinterServer
from hq.app import create_app
from hq.db import HQDatabase
from hq.server import HQServer
from tests.factories import AES_KEY, NOON, open_station, simple_sale, write_site_config
from tests.support.fixtures import seeded

SALES = 2


@dataclass
class Site:
    config: Path
    data_dir: Path
    token: str
    hq: HQServer
    printer: VirtualPrinterServer
    clock: ManualClock

    @property
    def db(self) -> Path:
        return self.data_dir / "station.db"

    @property
    def secrets(self) -> tuple[str, str]:
        return AES_KEY, self.token


@pytest.fixture
def site(tmp_path: Path, hq_sqlite: HQDatabase, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    hq = seeded(hq_sqlite, ManualClock(NOON), monkeypatch)
    server = HQServer(create_app(db=hq_sqlite, clock=hq.clock))
    server.start()
    printer = VirtualPrinterServer(VirtualPrinter(out_dir=tmp_path / "paper"), "127.0.0.1", 0).start()
    data_dir = tmp_path / "data"
    clock = ManualClock(NOON)
    station = open_station(data_dir / "station.db", clock, booklets=2)
    for _ in range(SALES):
        station.checkout(simple_sale())
    backups = tmp_path / "usb"
    backups.mkdir()
    station.start_backups(backups).run()  # a store with its USB stick in: the doctor shows the last backup
    station.close()
    config = write_site_config(tmp_path / "config.toml", data_dir, hq_url=server.url, token=hq.tokens["S01"],
                               printer_url=printer.url, backup_dir=backups)
    try:
        yield Site(config, data_dir, hq.tokens["S01"], server, printer, clock)
    finally:
        printer.stop()
        server.stop()

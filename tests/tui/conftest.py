"""Pilot tests of the cashier app: a ManualClock, a temporary station database with the demo catalog,
and the virtual printer in process. Async tests run on anyio's asyncio backend."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from core.clock import ManualClock
from core.demo.catalog import demo_products
from core.printer.config import PrinterConfig
from core.printer.virtual.printer import VirtualPrinter
from core.station import Station
from tests.factories import open_station
from tui.app import CashierApp, create_app
from tui.options import AppOptions


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def shop(tmp_path: Path, clock: ManualClock) -> Iterator[Station]:
    """A station with staff E001 (cashier) and M001 (manager), both PIN 1234, and 200 demo products."""
    station = open_station(tmp_path / "station.db", clock, booklets=2)
    station.load_products({**asdict(p), "active": True, "updated_at": clock.now()} for p in demo_products(200))
    yield station
    station.close()


@pytest.fixture
def printer(tmp_path: Path) -> VirtualPrinter:
    return VirtualPrinter(out_dir=tmp_path / "paper")


@pytest.fixture
def make_app(shop: Station, clock: ManualClock, printer: VirtualPrinter) -> Callable[..., CashierApp]:
    def build(**overrides: Any) -> CashierApp:
        defaults: dict[str, Any] = {
            "printer_config": PrinterConfig(url="emulator", status_timeout=0.2), "emulator": printer,
            "store_name": "示範門市"}
        return create_app(shop, AppOptions(clock=clock, **{**defaults, **overrides}))

    return build


# -- snapshots: committed under <repo>/snapshots/<test module>/, not tests/tui/__snapshots__ ------------
# pytest-textual-snapshot 1.1.0 pins syrupy 4.8, which has no --snapshot-dirname: subclass the
# extension and put it where snap_compare looks it up at call time.
import pytest_textual_snapshot as _pts  # noqa: E402

SNAPSHOT_ROOT = Path(__file__).resolve().parents[2] / "snapshots"


class _RepoSnapshots(_pts.SVGImageExtension):
    @classmethod
    def dirname(cls, *, test_location) -> str:
        return str(SNAPSHOT_ROOT / test_location.basename)


_pts.SVGImageExtension = _RepoSnapshots  # type: ignore[misc]

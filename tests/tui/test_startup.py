"""Start-up (DESIGN.md "Performance budgets"): the login screen comes up before the engine is imported;
the Station opens in a worker after the first frame; keys typed meanwhile are kept. No timing here —
bench/bench_tui.py measures; these tests hold the behaviour that makes its numbers possible."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from core.clock import ManualClock
from core.printer.config import PrinterConfig
from core.printer.virtual.printer import VirtualPrinter
from core.station import Station
from tests.tui.helpers import screen_name, screen_text, type_text, until
from tui.app import CashierApp, StationOpener, create_app

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "PIL", "httpx", "segno", "hq", "fastapi", "uvicorn")


def test_the_first_screen_imports_nothing_heavy() -> None:
    """Everything `cashier` imports up to the login screen's first frame (CLI, config, launch, app, login)."""
    code = (
        "import json, sys\n"
        "from tui.cli import build_parser\n"
        "build_parser()\n"
        "import core.config, tui.launch, tui.app, tui.screens.login\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r}))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(out.stdout) == []


def _lazy(shop: Station, gate: threading.Event | None = None, error: Exception | None = None) -> StationOpener:
    def open_station() -> Station:
        if gate is not None:
            assert gate.wait(10), "the test never let the station open"
        if error is not None:
            raise error
        return shop

    return StationOpener(open_station, seller_name=shop.seller.name, station_id=shop.seller.station_id)


@pytest.fixture
def lazy_app(clock: ManualClock, printer: VirtualPrinter):
    def build(opener: StationOpener) -> CashierApp:
        return create_app(opener, clock=clock, printer_config=PrinterConfig(url="emulator", status_timeout=0.2),
                          emulator=printer, store_name="示範門市")

    return build


async def test_keys_typed_while_the_station_opens_are_kept(lazy_app, shop: Station) -> None:
    gate = threading.Event()
    app = lazy_app(_lazy(shop, gate))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen_name(app) == "LoginScreen" and "正在開啟收銀機" in screen_text(app))
        assert not app.station_ready and "S01" in screen_text(app)
        await pilot.press("down")  # the second staff member, before the list exists
        await type_text(pilot, "1234")
        await pilot.press("enter")  # waits for the station instead of failing
        await pilot.pause()
        assert screen_name(app) == "LoginScreen" and app.sale.staff is None
        gate.set()
        await until(pilot, lambda: screen_name(app) == "CustomerScreen")
        assert app.sale.staff is not None and app.sale.staff.id == "M001"
        await until(pilot, lambda: app.printing is not None)  # printer (and status) started after the open


async def test_the_staff_list_and_pin_field_are_ready_once_opened(lazy_app, shop: Station) -> None:
    app = lazy_app(_lazy(shop))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.station_ready and app.screen.query_one("#staff").option_count == 2)
        assert app.focused is app.screen.query_one("#pin")
        assert "正在開啟收銀機" not in screen_text(app)
        await until(pilot, lambda: app.status.numbers_left is not None)


async def test_a_station_that_cannot_open_ends_the_app_with_its_error(lazy_app, shop: Station) -> None:
    app = lazy_app(_lazy(shop, error=RuntimeError("database is locked")))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.open_error is not None)
        await pilot.pause()
    assert isinstance(app.open_error, RuntimeError) and app.return_code == 1

"""Start-up (DESIGN.md "Performance budgets"): the login screen comes up before the engine is imported;
the staff list is read with the stdlib (core.store.staff_light) and shown, PINs checked on it, while the
Station opens in a worker; keys typed meanwhile are kept. No timing here — bench/bench_tui.py measures;
these tests hold the behaviour that makes its numbers possible."""

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
from core.store.staff_light import StaffPreviewUnavailable, read_active_staff
from tests.tui.helpers import screen_name, screen_text, type_text, until
from tui.app import CashierApp, create_app
from tui.options import AppOptions, StationOpener

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


LIST_SHOWN = """
import asyncio, json, sys
from core.config import load_config
from tui.launch import build_station
from tui.screens.login import LoginScreen
HEAVY = set({heavy!r})
seen = {{}}
_list_staff = LoginScreen.list_staff
def list_staff(self, staff):
    _list_staff(self, staff)
    if "heavy" not in seen:  # the moment the staff list first shows
        seen.update(heavy=sorted({{m.split(".")[0] for m in sys.modules}} & HEAVY), ready=self.app.station_ready,
                    listed=self.query_one("#staff").option_count, pin=self.app.focused is self.query_one("#pin"))
LoginScreen.list_staff = list_staff
app = build_station(load_config({config!r}))
async def auto(pilot):
    while "heavy" not in seen:
        await asyncio.sleep(0.01)
    app.exit()
try:
    app.run(headless=True, size=(80, 24), auto_pilot=auto)
finally:
    if app.station_ready:
        app.station.close()
print(json.dumps(seen))
"""


def test_the_staff_list_shows_before_the_engine_is_imported(shop: Station, tmp_path: Path) -> None:
    """`cashier`'s path (config -> build_station): the list is filled, the PIN field focused, from the light read."""
    from core.config import write_config
    from tests.factories import AES_KEY

    config = write_config(tmp_path / "config.toml", {
        "station": {"id": "S01", "store_name": "示範門市", "language": "zh_TW", "data_dir": str(shop.db.path.parent)},
        "seller": {"ban": shop.seller.ban, "name": shop.seller.name, "aes_key": AES_KEY},
        "hq": {"url": "http://127.0.0.1:9", "token": "test-token-not-secret"},
        "printer": {"url": "emulator"},
    })
    code = LIST_SHOWN.format(heavy=list(HEAVY), config=str(config))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                         timeout=60)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"heavy": [], "ready": False, "listed": 2, "pin": True}


def test_the_light_read_refuses_a_missing_or_unmigrated_database_in_both_languages(tmp_path: Path) -> None:
    with pytest.raises(StaffPreviewUnavailable) as missing:
        read_active_staff(tmp_path / "station.db")
    assert "找不到收銀機資料庫" in missing.value.text("zh_TW") and "No station database" in missing.value.text("en")
    assert not (tmp_path / "station.db").exists()  # read-only: never creates it
    (tmp_path / "empty.db").touch()
    with pytest.raises(StaffPreviewUnavailable) as empty:
        read_active_staff(tmp_path / "empty.db")
    assert empty.value.reason == "not_migrated" and "no tables yet" in empty.value.text("en")


def _lazy(shop: Station, gate: threading.Event | None = None, error: Exception | None = None,
          preview: Path | None = None) -> StationOpener:
    """`preview`: the database the light read lists the staff from before the Station opens (None: no preview)."""
    def open_station() -> Station:
        if gate is not None:
            assert gate.wait(10), "the test never let the station open"
        if error is not None:
            raise error
        return shop

    return StationOpener(open_station, seller_name=shop.seller.name, station_id=shop.seller.station_id,
                         staff_preview=None if preview is None else lambda: read_active_staff(preview))


@pytest.fixture
def lazy_app(clock: ManualClock, printer: VirtualPrinter):
    def build(opener: StationOpener) -> CashierApp:
        config = PrinterConfig(url="emulator", status_timeout=0.2)
        return create_app(opener, AppOptions(clock=clock, printer_config=config, emulator=printer,
                                             store_name="示範門市"))

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


async def test_a_pin_confirmed_from_the_preview_logs_in_once_the_station_opens(lazy_app, shop: Station) -> None:
    gate = threading.Event()
    app = lazy_app(_lazy(shop, gate, preview=shop.db.path))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.screen.query_one("#staff").option_count == 2)
            assert not app.station_ready and app.focused is app.screen.query_one("#pin")
            await pilot.press("down")
            await type_text(pilot, "1234")
            await pilot.press("enter")
            await until(pilot, lambda: app.screen._verified is not None)  # right per the preview
            assert screen_name(app) == "LoginScreen" and app.sale.staff is None and not app.station_ready
            assert "正在開啟收銀機" in screen_text(app)
            gate.set()
            await until(pilot, lambda: screen_name(app) == "CustomerScreen")
            assert app.sale.staff is not None and app.sale.staff.id == "M001" and app.sale.staff.is_manager
            await pilot.press("escape")
            await until(pilot, lambda: screen_name(app) == "CartScreen")
            assert len([s for s in app.screen_stack if type(s).__name__ == "CartScreen"]) == 1  # logged in once
    finally:
        gate.set()


async def test_a_wrong_pin_is_refused_from_the_preview(lazy_app, shop: Station) -> None:
    gate = threading.Event()
    app = lazy_app(_lazy(shop, gate, preview=shop.db.path))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.screen.query_one("#staff").option_count == 2)
            await type_text(pilot, "9999")
            await pilot.press("enter")
            await until(pilot, lambda: "店員或密碼不正確" in screen_text(app))
            assert not app.station_ready and app.screen._verified is None
            gate.set()
            await until(pilot, lambda: app.station_ready)
            await pilot.pause()
            assert screen_name(app) == "LoginScreen" and app.sale.staff is None
    finally:
        gate.set()


async def test_without_a_database_yet_the_login_waits_for_the_station(lazy_app, shop: Station, tmp_path: Path
                                                                     ) -> None:
    """First run: the light read finds no database (the Station creates it), so the list comes from the Station."""
    gate = threading.Event()
    app = lazy_app(_lazy(shop, gate, preview=tmp_path / "not-yet" / "station.db"))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: "正在開啟收銀機" in screen_text(app))
            await type_text(pilot, "1234")
            await pilot.press("enter")
            await pilot.pause(0.1)
            assert app.screen.query_one("#staff").option_count == 0 and not app.station_ready
            gate.set()
            await until(pilot, lambda: screen_name(app) == "CustomerScreen")
            assert app.sale.staff is not None and app.sale.staff.id == "E001"
    finally:
        gate.set()


@pytest.mark.parametrize("argv", [[], ["--lang", "en"], ["--config", "x.toml", "--compact"],
                                  ["--config=x", "--lang=en"], ["--config", "demo"], ["--config="]])
def test_plain_cashier_parses_without_the_commands_as_with_them(argv: list[str]) -> None:
    from tui.cli import build_parser, station_only

    assert station_only(argv)
    full = vars(build_parser().parse_args(argv))
    assert full.pop("command") is None and vars(build_parser(commands=False).parse_args(argv)) == full


@pytest.mark.parametrize("argv", [["demo"], ["--help"], ["--version"], ["--comp"], ["bogus"], ["--lang"],
                                  ["--lang", "fr"], ["--lang=fr"], ["--config", "-x"], ["--compact=1"],
                                  ["--config", "a", "shift", "close"]])
def test_anything_else_gets_the_whole_command_line(argv: list[str]) -> None:
    from tui.cli import station_only

    assert not station_only(argv)

"""The compact display (`cashier --compact`, `[station] display = "compact"`) for an 80x24 Linux console
with 16 colours and maybe no box glyphs, and for support over a slow SSH link; and no blinking cursor on
any screen in either display.

What the terminal gets is checked on the bytes Textual's driver writes (the headless test driver
replaced by one that records, so `App._display` writes as it does to a real terminal), not on a
screenshot: ASCII chrome (only Chinese text is non-ASCII), no 256-colour or truecolor SGR sequences
even when the terminal claims truecolor."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from textual.drivers import headless_driver
from textual.widgets import Input

from core.printer.virtual.printer import VirtualPrinter
from tests.tui.helpers import BARCODE_1, BARCODE_2, login, open_void, scan, screen_name, screen_text, until
from tui.app import CashierApp
from tui.glyphs import to_ascii
from tui.i18n import Translator

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)

# Arrows, bullet, box drawing, blocks, geometric shapes (▶ ●), braille, legacy-computing blocks.
CHROME_GLYPHS = re.compile("[\u2190-\u21ff\u2022\u2500-\u25ff\u2800-\u28ff\U0001fb00-\U0001fbff]")
# Chinese text and its punctuation: the content, allowed in either display.
CJK = re.compile("[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
EXTENDED_COLOURS = re.compile(r"\x1b\[[0-9;]*(?<![0-9])[34]8;[25];")


class RecordingDriver(headless_driver.HeadlessDriver):
    """The test driver, but not headless: the app renders and writes every frame, kept here."""

    written: list[str]

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        RecordingDriver.written.append(data)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Everything the app writes to its terminal. The terminal claims truecolor (COLORTERM), as many
    SSH clients do; Textual's Console reads it when the app is built."""
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("NO_COLOR", raising=False)
    RecordingDriver.written = []
    monkeypatch.setattr(headless_driver, "HeadlessDriver", RecordingDriver)
    return RecordingDriver.written


@dataclass
class Tour:
    """Per screen: the bytes written since the previous stop, what it shows, its inputs' blink flags."""

    written: dict[str, str] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    blinking: dict[str, list[str]] = field(default_factory=dict)

    def all_written(self) -> str:
        return "".join(self.written.values())


async def tour(app: CashierApp, terminal: list[str], printer: VirtualPrinter) -> Tour:
    """Every screen of the cashier app at 80x24, with a toast, a typed PIN and a printer fault."""
    seen = Tour()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:

        async def stop(name: str, condition=lambda: True) -> None:
            await until(pilot, condition)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            seen.written[name] = "".join(terminal)
            terminal.clear()
            seen.shown[name] = screen_text(app)
            seen.blinking[name] = [str(w) for w in app.screen.query(Input) if w.cursor_blink]

        await stop("login", lambda: bool(app.screen.query("#staff")) and app.screen.query_one("#staff").option_count)
        await pilot.press("1", "2")
        await stop("login-pin")  # the PIN mask
        await pilot.press("3", "4", "enter")
        await stop("customer", lambda: screen_name(app) == "CustomerScreen")
        await pilot.press("f2")
        await stop("cart", lambda: screen_name(app) == "CartScreen")
        for code in (BARCODE_1, BARCODE_2):
            await scan(pilot, code)
        await stop("cart-lines", lambda: len(app.screen.cart.lines) == 2)
        await pilot.press("up", "f3")
        await stop("line-edit", lambda: screen_name(app) == "LineEditScreen")
        await pilot.press("escape")
        await pilot.press("f1")
        await stop("help", lambda: screen_name(app) == "HelpScreen")
        await pilot.press("escape")
        app.notify("toast", severity="error")
        await stop("toast", lambda: bool(app.screen.query("Toast")))
        await pilot.press("f10")
        await stop("checkout", lambda: screen_name(app) == "CheckoutScreen")
        await pilot.press("f10")
        await stop("receipt", lambda: screen_name(app) == "ReceiptScreen" and app.screen.job_state == "printed")
        await pilot.press("f10", "f2")  # next sale, guest
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await pilot.press("f5")
        await stop("orders", lambda: screen_name(app) == "OrdersScreen" and len(app.screen.page.rows) == 1)
        await pilot.press("f2")
        await stop("order-detail", lambda: screen_name(app) == "OrderDetailScreen" and app.screen.detail is not None)
        await open_void(pilot)
        app.screen.query_one("#void-pin", Input).value = "12"
        await stop("void")
        await pilot.press("escape", "escape", "escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await pilot.press("f6")
        await stop("uploads", lambda: screen_name(app) == "UploadsScreen")
        await pilot.press("escape")
        printer.set_fault("cover-open")
        await pilot.press("f7")
        await stop("devices", lambda: screen_name(app) == "DevicesScreen" and app.screen.report is not None
                   and app.screen.status is not None and "1 個問題待修正" in screen_text(app))
    return seen


def _odd(text: str) -> set[str]:
    """Non-ASCII characters that are not Chinese text."""
    return {char for char in text if not char.isascii() and not CJK.match(char)}


async def test_compact_writes_ascii_chrome_and_16_colours_only_and_no_cursor_blinks(
        make_app, terminal, printer) -> None:
    app = make_app(display="compact")
    seen = await tour(app, terminal, printer)
    assert app.compact and app.has_class("-compact") and app.console.color_system == "standard"
    for screen, written in seen.written.items():
        assert written, f"{screen}: nothing written"
        assert not CHROME_GLYPHS.findall(written), f"{screen}: {set(CHROME_GLYPHS.findall(written))}"
        assert not _odd(written), f"{screen}: non-ASCII beyond Chinese text: {_odd(written)}"
        assert not EXTENDED_COLOURS.findall(written), f"{screen}: {sorted(EXTENDED_COLOURS.findall(written))[:3]}"
        assert not seen.blinking[screen], f"{screen}: blinking cursor in {seen.blinking[screen]}"
    shown = seen.shown
    assert "選擇店員（Up/Down）" in shown["login"]
    assert "**" in shown["login-pin"] and "+-" in shown["login"]  # ASCII mask and box corners
    assert "[QR Code 只印在紙上" in shown["receipt"] and "電子發票證明聯" in shown["receipt"]
    assert "-> " in shown["devices"] and "toast" in shown["toast"]


async def test_standard_display_keeps_its_glyphs_and_no_cursor_blinks(make_app, terminal, printer) -> None:
    app = make_app()
    seen = await tour(app, terminal, printer)
    assert not app.compact and app.console.color_system == "truecolor"  # what the terminal claimed
    assert not any(seen.blinking.values()), seen.blinking
    # The same checks do find what the compact display replaces: arrows, the PIN mask, half-block QR codes.
    assert "↑↓" in seen.written["login"] and "•" in seen.shown["login-pin"]
    assert {"▀", "▄", "█"} <= set(CHROME_GLYPHS.findall(seen.written["receipt"]))


async def test_compact_cart_table_grows_with_its_lines_and_keeps_the_totals_on_screen(make_app) -> None:
    from core.demo.catalog import demo_products

    app = make_app(display="compact")
    products = list(demo_products(25))
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        table = app.screen.query_one("#lines")
        await scan(pilot, products[0].barcode)
        await until(pilot, lambda: len(app.screen.cart.lines) == 1)
        await pilot.pause()
        assert table.size.height == 2  # the header and the one line: no empty rows to repaint
        for product in products[1:]:
            await scan(pilot, product.barcode)
        await until(pilot, lambda: len(app.screen.cart.lines) == 25)
        await pilot.pause()
        assert table.size.height == 18  # as in the standard display at 80x24; then it scrolls
        shown = screen_text(app)
        assert "25 項" in shown and products[-1].name in shown


def test_glyph_table_keeps_chinese_and_replaces_symbols() -> None:
    assert to_ascii("選擇店員（↑↓）") == "選擇店員（Up/Down）"
    assert to_ascii("→ 裝入新的紙捲 • 檢查中…") == "-> 裝入新的紙捲 * 檢查中..."
    assert to_ascii("plain") == "plain"
    assert Translator("zh_TW", ascii=True)("login.pick").isascii() is False  # Chinese stays
    assert "↑" not in Translator("zh_TW", ascii=True)("login.pick")
    assert "↑" in Translator("zh_TW")("login.pick")
    for language in ("zh_TW", "en"):
        compact = Translator(language, ascii=True)
        for key in ("login.pick", "cart.no_line", "help.body", "detail.name_fix", "devices.checking"):
            assert not CHROME_GLYPHS.search(compact(key)), (language, key)


# -- how the display is chosen: config, environment, --compact ----------------------------------------
def _config(tmp_path, **station):
    from core.config import parse_config
    from tests.factories import AES_KEY, SELLER

    return parse_config({
        "station": {"id": SELLER.station_id, "store_name": "示範門市", "data_dir": str(tmp_path), **station},
        "seller": {"ban": SELLER.ban, "name": SELLER.name, "aes_key": AES_KEY},
        "hq": {"url": "http://127.0.0.1:9", "token": "not-a-secret"},
        "printer": {"url": "emulator"},
    })


def test_build_station_takes_the_display_from_the_config_and_the_option_wins(tmp_path) -> None:
    from tui.launch import build_station

    assert not build_station(_config(tmp_path)).compact
    assert build_station(_config(tmp_path, display="compact")).compact
    assert build_station(_config(tmp_path), display="compact").compact


@pytest.mark.parametrize(("argv", "compact"), [
    ([], False), (["--compact"], True), (["--lang", "en", "--compact"], True),
])
def test_cashier_compact_option_reaches_the_station(monkeypatch: pytest.MonkeyPatch, argv, compact) -> None:
    from tui import cli, launch

    calls = []
    monkeypatch.setattr(launch, "run_station", lambda *args: calls.append(args) or 0)
    assert cli.main(argv) == 0
    assert calls[0][2] is compact


@pytest.mark.parametrize(("argv", "compact"), [
    (["demo"], False), (["demo", "--compact"], True), (["--compact", "demo"], True),
])
def test_cashier_demo_compact_option_reaches_the_demo(monkeypatch: pytest.MonkeyPatch, argv, compact) -> None:
    from tui import cli, launch

    calls = []
    monkeypatch.setattr(launch, "run_demo", lambda *args, **kwargs: calls.append(kwargs) or 0)
    assert cli.main(argv) == 0
    assert calls == [{"compact": compact}]


def test_build_demo_passes_the_display_through(tmp_path) -> None:
    from core.clock import ManualClock
    from tests.factories import NOON
    from tui.launch import build_demo

    demo = build_demo(tmp_path / "demo", ManualClock(NOON), display="compact")
    try:
        assert demo.app.compact and demo.app.t.ascii
    finally:
        demo.close()


async def test_the_first_run_setup_has_no_blinking_cursor_either(tmp_path) -> None:
    from tui.screens.setup import SetupApp

    (tmp_path / "sys").mkdir()
    (tmp_path / "dev").mkdir()
    app = SetupApp(tmp_path / "config.toml", sys_root=tmp_path / "sys", dev_root=tmp_path / "dev")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        inputs = list(app.screen.query(Input))
        assert inputs and not [str(w) for w in inputs if w.cursor_blink]


@pytest.mark.parametrize(("display", "mouse"), [("standard", True), ("compact", False)])
def test_compact_runs_without_mouse_reporting(make_app, monkeypatch: pytest.MonkeyPatch, display, mouse) -> None:
    from textual.app import App

    runs = []
    monkeypatch.setattr(App, "run", lambda self, *args, **kwargs: runs.append(kwargs))
    make_app(display=display).run()
    assert runs == [{"mouse": mouse}]

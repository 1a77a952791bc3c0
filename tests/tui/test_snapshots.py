"""Pixel-level regression: the main screens at 80x24 (the cashier's console) and 120x36 (a wide
terminal). Deterministic: ManualClock, fixed random code, no cursor blink, no animation, ANSI theme,
no temporary paths on screen. Update with `pytest --snapshot-update` after reviewing the report."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from core.checkout import InvoiceRequest
from core.clock import ManualClock
from core.demo.catalog import demo_products
from core.printer.config import PrinterConfig
from core.printer.virtual.printer import VirtualPrinter
from tests.factories import NOON, open_station, simple_sale
from tests.tui.helpers import BARCODE_1, BARCODE_2, login, open_orders, scan, screen_name, until
from tui.app import CashierApp, create_app
from tui.options import AppOptions

WIDE = (120, 36)
NARROW = (80, 24)


@pytest.fixture
def build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CashierApp]:
    monkeypatch.setattr("core.checkout.service.random_code", lambda: "2468")

    def make(**overrides: Any) -> CashierApp:
        clock = ManualClock(NOON)
        station = open_station(tmp_path / f"s{len(list(tmp_path.iterdir()))}.db", clock, booklets=2)
        station.load_products({**asdict(p), "active": True, "updated_at": clock.now()} for p in demo_products(50))
        for invoice in (InvoiceRequest.printed(), InvoiceRequest.b2b("24634102"), InvoiceRequest.mobile("/ABC+123")):
            station.checkout(simple_sale(invoice))
            clock.advance(minutes=7)
        printer = PrinterConfig(url="emulator", status_timeout=0.2)
        return create_app(station, AppOptions(clock=clock, printer_config=printer, emulator=VirtualPrinter(),
                                              store_name="示範門市", **overrides))

    return make


async def _settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _cart(pilot: Pilot) -> None:
    await login(pilot)
    for code in (BARCODE_1, BARCODE_2, BARCODE_1, "3*4710000000035"):
        await scan(pilot, code)
    await until(pilot, lambda: len(pilot.app.screen.cart.lines) == 3)
    await _settle(pilot)


async def _checkout(pilot: Pilot) -> None:
    await _cart(pilot)
    await pilot.press("f10")
    await until(pilot, lambda: screen_name(pilot.app) == "CheckoutScreen")
    pilot.app.screen.query_one("#cash").value = "1000"
    await _settle(pilot)


async def _receipt(pilot: Pilot) -> None:
    await _checkout(pilot)
    await pilot.press("f10")
    await until(pilot, lambda: screen_name(pilot.app) == "ReceiptScreen" and pilot.app.screen.job_state == "printed")
    await _settle(pilot)


async def _orders(pilot: Pilot) -> None:
    await login(pilot)
    await open_orders(pilot, 3)
    await _settle(pilot)


async def _uploads(pilot: Pilot) -> None:
    await login(pilot)
    await pilot.press("f6")
    await until(pilot, lambda: screen_name(pilot.app) == "UploadsScreen" and len(pilot.app.screen.records) == 3)
    await _settle(pilot)


async def _shift(pilot: Pilot) -> None:
    pilot.app.clock.advance(minutes=30)  # the shift runs from the first sale to now
    await login(pilot)
    await pilot.press("f9")
    await until(pilot, lambda: screen_name(pilot.app) == "ShiftCloseScreen" and pilot.app.screen.loads > 0)
    await _settle(pilot)


async def _login(pilot: Pilot) -> None:
    await until(pilot, lambda: bool(pilot.app.screen.query("#staff"))
                and pilot.app.screen.query_one("#staff").option_count == 2)
    await _settle(pilot)


SCENES: dict[str, Callable[[Pilot], Awaitable[None]]] = {
    "login": _login, "cart": _cart, "checkout": _checkout, "receipt": _receipt, "orders": _orders,
    "uploads": _uploads, "shift": _shift,
}


@pytest.mark.parametrize("scene", list(SCENES))
def test_screen_at_80x24(scene: str, build: Callable[[], CashierApp], snap_compare) -> None:
    assert snap_compare(build(), run_before=SCENES[scene], terminal_size=NARROW)


@pytest.mark.parametrize("scene", ["cart", "receipt"])
def test_screen_wide(scene: str, build: Callable[[], CashierApp], snap_compare) -> None:
    assert snap_compare(build(), run_before=SCENES[scene], terminal_size=WIDE)


def test_cart_compact_at_80x24(build: Callable[..., CashierApp], snap_compare) -> None:
    """The compact display (`cashier --compact`): ASCII chrome, no scrollbars, ASCII glyphs."""
    assert snap_compare(build(display="compact"), run_before=SCENES["cart"], terminal_size=NARROW)

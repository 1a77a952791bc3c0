"""The return screen (退貨) and its result at 80x24, in Traditional Chinese and in English: the lines
with sold / returned / returnable, the chosen quantity, the reason, the refund tender and total, which
way the return goes (an allowance, or void and reissue within the period), and the refund to hand back
in large digits. Deterministic as tests/tui/test_snapshots.py is; update with
`pytest --snapshot-update` after reviewing the report."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from core.clock import ManualClock
from core.demo.catalog import demo_products
from core.printer.config import PrinterConfig
from core.printer.virtual.printer import VirtualPrinter
from tests.factories import MANAGER_PIN, NOON, open_station, simple_sale
from tests.tui.helpers import login, open_detail, open_orders, screen_name, type_text, until
from tui.app import CashierApp, create_app

NARROW = (80, 24)


@pytest.fixture
def build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CashierApp]:
    monkeypatch.setattr("core.checkout.service.random_code", lambda: "2468")

    def make(*, returned_before: bool = True, **overrides: Any) -> CashierApp:
        from tui.options import AppOptions

        clock = ManualClock(NOON)
        station = open_station(tmp_path / "s.db", clock, booklets=2)
        station.load_products({**asdict(p), "active": True, "updated_at": clock.now()} for p in demo_products(50))
        sale = station.checkout(simple_sale())
        clock.advance(minutes=7)
        if returned_before:  # an allowance stands: this return is one too
            station.return_lines(sale.order_id, [(2, 1)], reason="破損", staff_id="E001", manager_pin=MANAGER_PIN)
        printer = PrinterConfig(url="emulator", status_timeout=0.2)
        return create_app(station, AppOptions(clock=clock, printer_config=printer, emulator=VirtualPrinter(),
                                              store_name="示範門市", **overrides))

    return make


async def _settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _return(pilot: Pilot) -> None:
    """One mask returned already; the battery chosen, a reason typed, the refund to the card."""
    app = pilot.app
    await login(pilot)
    await open_orders(pilot, 1)
    await open_detail(pilot)
    await pilot.press("r")
    await until(pilot, lambda: screen_name(app) == "ReturnScreen" and app.screen.loads > 0)
    await pilot.press("plus", "enter")
    await type_text(pilot, "size")
    await pilot.press("f4")
    await type_text(pilot, "778899")
    await _settle(pilot)


async def _done(pilot: Pilot) -> None:
    app = pilot.app
    await _return(pilot)
    await pilot.press("f4")  # back to cash
    await pilot.press("f10")
    await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
    await type_text(pilot, MANAGER_PIN)
    await pilot.press("enter")
    await until(pilot, lambda: screen_name(app) == "ReturnDoneScreen")
    await _settle(pilot)


async def _reissue(pilot: Pilot) -> None:
    """Within the period, nothing returned yet: one of the two masks, a reason, cash."""
    app = pilot.app
    await login(pilot)
    await open_orders(pilot, 1)
    await open_detail(pilot)
    await pilot.press("r")
    await until(pilot, lambda: screen_name(app) == "ReturnScreen" and app.screen.loads > 0)
    await pilot.press("down", "1", "enter")
    await type_text(pilot, "size")
    await _settle(pilot)


SCENES: dict[str, Callable[[Pilot], Awaitable[None]]] = {"return": _return, "done": _done, "reissue": _reissue}


@pytest.mark.parametrize("language", ["zh_TW", "en"])
@pytest.mark.parametrize("scene", list(SCENES))
def test_return_at_80x24(scene: str, language: str, build: Callable[..., CashierApp], snap_compare) -> None:
    app = build(language=language, returned_before=scene != "reissue")
    assert snap_compare(app, run_before=SCENES[scene], terminal_size=NARROW)

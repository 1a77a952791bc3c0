"""Driving the app like a cashier, and waiting for conditions (never for a fixed time)."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events
from textual.pilot import Pilot

from tui.app import CashierApp

BARCODE_1 = "4710000000011"  # SKU00001 乾電池 3號 4入, NT$105 (price_addon 84, price_gift 0)
BARCODE_2 = "4710000000028"  # SKU00002 口罩 成人 50入, NT$210


async def until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until `condition` holds; fail after `timeout` s (a hang, not a slow machine)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s: {condition}")
        await pilot.pause(0.01)


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*text)


def screen_name(app: CashierApp) -> str:
    return type(app.screen).__name__


async def login(pilot: Pilot, pin: str = "1234", *, staff_index: int = 0, guest: bool = True) -> None:
    app = pilot.app
    await until(pilot, lambda: app.screen.query("#staff") and app.screen.query_one("#staff").option_count > 0)
    for _ in range(staff_index):
        await pilot.press("down")
    await type_text(pilot, pin)
    await pilot.press("enter")
    await until(pilot, lambda: screen_name(app) == "CustomerScreen")
    if guest:
        await pilot.press("f2")
        await until(pilot, lambda: screen_name(app) == "CartScreen")


async def scan(pilot: Pilot, code: str) -> None:
    """The focused field gets the code, then Enter (Pilot.press per character costs ~70 ms each; the
    character path itself is what test_scan_burst covers)."""
    field = pilot.app.focused
    assert field is not None and hasattr(field, "value"), f"no input focused: {field}"
    field.insert_text_at_cursor(code)  # type: ignore[union-attr]
    await pilot.press("enter")


def burst(app: CashierApp, codes: list[str]) -> None:
    """A scanner: key events posted back to back, no waiting for idle between them (Pilot.press waits)."""
    for code in codes:
        for char in code:
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("enter", "\r"))


def screen_text(app: CashierApp) -> str:
    """What the terminal shows, as plain text (for assertions on words, not on pixels)."""
    return "\n".join("".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips())


async def sell_and_print(pilot: Pilot, code: str) -> None:
    """From the empty cart: one item sold as `sell` does, until the proof copy printed."""
    await sell(pilot, code)
    await until(pilot, lambda: pilot.app.screen.job_state == "printed")


async def sell(pilot: Pilot, code: str) -> None:
    """From the empty cart: scan one item, F10 to checkout, F10 to pay exactly, until the receipt shows."""
    app = pilot.app
    await scan(pilot, code)
    await until(pilot, lambda: len(app.screen.cart.lines) == 1)
    await pilot.press("f10")
    await until(pilot, lambda: screen_name(app) == "CheckoutScreen")
    await pilot.press("f10")
    await until(pilot, lambda: screen_name(app) == "ReceiptScreen")


async def open_orders(pilot: Pilot, rows: int) -> None:
    """F5 from a selling screen, until the order list shows `rows` orders."""
    app = pilot.app
    await pilot.press("f5")
    await until(pilot, lambda: screen_name(app) == "OrdersScreen" and len(app.screen.page.rows) == rows)


async def open_detail(pilot: Pilot) -> None:
    """F2 on the order list's highlighted row, until its detail has loaded."""
    app = pilot.app
    await pilot.press("f2")
    await until(pilot, lambda: screen_name(app) == "OrderDetailScreen" and app.screen.detail is not None)


async def open_void(pilot: Pilot) -> None:
    """F8 on an order's detail, until the void screen asks for the reason and the manager's PIN."""
    await pilot.press("f8")
    await until(pilot, lambda: screen_name(pilot.app) == "VoidScreen")

"""No key is bound twice where one binding hides the other. Textual runs priority bindings from the
app down before the focused widget sees a key, so an app-wide priority key (the demo's network switch
once sat on F8) silently takes a screen's own action (F8 作廢 on an order). The walk visits every
screen and modal of the till with the demo's switch present, and fails on any priority binding of an
outer node (app, screen) whose key an inner node (screen, focused field) binds to another action.

Then the demo's switch itself: its footer label says what it does now (斷網 <-> 恢復網路), and F8 on the
order list and in an order's detail opens the void, demo or not."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from tests.factories import simple_sale
from tests.tui.helpers import BARCODE_1, login, scan, screen_name, until
from tests.tui.test_footer_and_choices import _footer_fits
from tui.app import DEMO_NETWORK_KEY, CashierApp

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


class FakeDemo:
    """Enough of DemoControls for the app to offer its network switch."""

    def __init__(self) -> None:
        self.cut = False
        self.toggles = 0

    def toggle_network(self) -> bool:
        self.cut = not self.cut
        self.toggles += 1
        return self.cut


# Deliberate: a list screen pages its rows with PgUp/PgDn while the keyboard stays in its one-line search
# field, which has nothing to page; the payment screen takes Enter first to move to the next field in
# order with the keys, and hands the Enter on to the field, which submits (tui/screens/checkout.py).
INTENDED = {("pagedown", "page_down"), ("pageup", "page_up"), ("enter", "submit")}


def _action(action: str) -> str:
    return action.removeprefix("app.").removeprefix("screen.")


def shadowed(app: CashierApp) -> list[str]:
    """Bindings on the active screen's chain that an outer priority binding hides."""
    chain = list(app.screen._binding_chain)  # focused widget first, the app last
    problems = []
    for outer_at, (outer, outer_map) in enumerate(chain):
        for key, outer_bindings in outer_map.key_to_bindings.items():
            for winner in (b for b in outer_bindings if b.priority):
                for inner, inner_map in chain[:outer_at]:
                    for hidden in inner_map.key_to_bindings.get(key, ()):
                        if _action(hidden.action) != _action(winner.action) and (key, hidden.action) not in INTENDED:
                            problems.append(f"{screen_name(app)}: {key} -> {hidden.action} on {type(inner).__name__}"
                                            f" is hidden by {winner.action} on {type(outer).__name__}")
    return problems


def footer(app: CashierApp) -> list[str]:
    return [f"{key.key_display} {key.description}" for key in app.screen.query(FooterKey)]


async def _visit(pilot: Pilot, name: str, seen: dict[str, list[str]], ready=lambda: True) -> None:
    await until(pilot, lambda: screen_name(pilot.app) == name and ready())
    await pilot.pause()
    seen[name] = shadowed(pilot.app)


async def _back_to_cart(pilot: Pilot) -> None:
    while screen_name(pilot.app) != "CartScreen":
        await pilot.press("escape")
        await pilot.pause()


async def test_no_binding_hides_another_on_any_screen(make_app, shop) -> None:
    shop.checkout(simple_sale())
    app = make_app(demo=FakeDemo())
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#staff").option_count > 0)
        await _visit(pilot, "LoginScreen", seen)
        await pilot.press("f1")
        await _visit(pilot, "HelpScreen", seen)
        await pilot.press("escape")
        await login(pilot, guest=False)
        await _visit(pilot, "CustomerScreen", seen)
        await pilot.press("f2")
        await _visit(pilot, "CartScreen", seen)
        await scan(pilot, BARCODE_1)
        await until(pilot, lambda: len(app.screen.cart.lines) == 1)
        await pilot.press("f3")
        await _visit(pilot, "LineEditScreen", seen)
        app.screen.query_one("#line-price").value = "50"  # below the catalog's 105: a manager's PIN
        await pilot.press("f10")
        await _visit(pilot, "ManagerPinScreen", seen)
        await pilot.press("escape", "escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        for key, name in (("f5", "OrdersScreen"), ("f6", "UploadsScreen"), ("f7", "DevicesScreen"),
                          ("f9", "ShiftCloseScreen")):
            await pilot.press(key)
            await _visit(pilot, name, seen)
            await _back_to_cart(pilot)
        await pilot.press("f5")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen" and len(app.screen.page.rows) == 1)
        await pilot.press("f8")
        await _visit(pilot, "VoidScreen", seen)
        await pilot.press("escape", "f2")
        await _visit(pilot, "OrderDetailScreen", seen, lambda: app.screen.detail is not None)
        await pilot.press("f11")
        await _visit(pilot, "ReceiptScreen", seen)
        await _back_to_cart(pilot)
        await pilot.press("f9")
        await until(pilot, lambda: screen_name(app) == "ShiftCloseScreen" and app.screen.loads > 0)
        await pilot.press("f10")
        await _visit(pilot, "ShiftPinScreen", seen)
        await pilot.press("escape")
        await _back_to_cart(pilot)
        await pilot.press("f10")
        await _visit(pilot, "CheckoutScreen", seen)
    assert len(seen) == 15, sorted(seen)
    assert [problem for problems in seen.values() for problem in problems] == []


async def test_the_demo_switch_says_what_it_does_now_and_f8_voids_an_order(make_app, shop) -> None:
    shop.checkout(simple_sale())
    demo = FakeDemo()
    app = make_app(demo=demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await until(pilot, lambda: "^N 斷網" in footer(app))  # the footer fills in after the body
        await pilot.press(DEMO_NETWORK_KEY)
        await until(pilot, lambda: "^N 恢復網路" in footer(app) and "^N 斷網" not in footer(app))
        assert demo.cut and "^N 恢復網路" in _footer_fits(app)  # whole, within 80 columns
        await pilot.press(DEMO_NETWORK_KEY)
        await until(pilot, lambda: "^N 斷網" in footer(app))
        assert (demo.cut, demo.toggles) == (False, 2)
        await pilot.press("f5")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen" and len(app.screen.page.rows) == 1)
        await until(pilot, lambda: "F8 作廢" in footer(app))
        await pilot.press("f8")  # the highlighted order: 作廢, not a network cut
        await until(pilot, lambda: screen_name(app) == "VoidScreen")
        assert demo.toggles == 2
        await pilot.press("escape", "f2")
        await until(pilot, lambda: screen_name(app) == "OrderDetailScreen" and app.screen.detail is not None)
        await pilot.press("f8")
        await until(pilot, lambda: screen_name(app) == "VoidScreen")
        assert demo.toggles == 2


async def test_without_the_demo_there_is_no_network_switch(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        assert not [label for label in footer(app) if label.startswith("^N")]
        await pilot.press(DEMO_NETWORK_KEY)
        await pilot.pause()
        assert not [label for label in footer(app) if label.startswith("^N")]

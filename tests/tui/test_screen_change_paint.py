"""A change of screens writes at most a frame. Textual sends a screen whole several times while it opens
or comes back (its first layout, the resume's repaint, the layout once it has mounted or the screen it
replaced is gone); the app writes only the rows the terminal does not show already (tui/scroll_region.py).
The footer composed empty and filled in a frame later. What reaches the terminal is recorded here as
Textual's Linux driver would write it, fed to the benches' screen model: the terminal must still show
exactly what the app's compositor holds."""

from __future__ import annotations

from typing import Any

import pytest
from textual._compositor import CompositorUpdate, LayoutUpdate
from textual.app import App
from textual.screen import Screen

from bench.pty_screen import PtyScreen
from core.demo.catalog import demo_products
from tests.factories import simple_sale
from tests.tui.helpers import login, scan, screen_name, screen_text, until
from tui.widgets.footer import CashierFooter

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)

FRAME_BUDGET = 5_000  # bytes a change of screens may write at 80x24


class Terminal:
    """Every update the app displays, rendered to the bytes a terminal gets, and what they paint."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.screen = PtyScreen(24, 80)
        self.updates: list[tuple[bool, int]] = []  # (whole screen, bytes) per update
        display = App._display

        def record(app: App[Any], screen: Screen[Any], renderable: Any) -> None:
            if isinstance(renderable, CompositorUpdate) and not app._batch_count:
                data = renderable.render_segments(app.console).encode()
                self.screen.feed(data)
                self.updates.append((isinstance(renderable, LayoutUpdate), len(data)))
            display(app, screen, renderable)

        monkeypatch.setattr(App, "_display", record)

    def shows(self, app: App[Any]) -> bool:
        return [line.rstrip() for line in self.screen.lines()] == \
            [line.rstrip() for line in screen_text(app).split("\n")]  # type: ignore[arg-type]


async def settle(pilot: Any) -> None:
    """Until the app has drawn everything it had pending (several idle rounds: workers answer, timers)."""
    for _ in range(6):
        await pilot.pause(0.05)


async def change(pilot: Any, terminal: Terminal, key: str, shown: str) -> list[tuple[bool, int]]:
    terminal.updates.clear()
    await pilot.press(key)
    await until(pilot, lambda: screen_name(pilot.app) == shown)
    await settle(pilot)
    return list(terminal.updates)


async def test_each_change_of_screens_writes_at_most_a_frame_and_the_terminal_shows_it(
        make_app, shop, monkeypatch) -> None:
    for _ in range(3):
        shop.checkout(simple_sale())
    terminal = Terminal(monkeypatch)
    app = make_app(display="compact")
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await scan(pilot, next(demo_products(1)).barcode)
        await until(pilot, lambda: len(app.screen.cart.lines) == 1)
        await settle(pilot)
        for key, shown in [("f5", "OrdersScreen"), ("escape", "CartScreen")] * 2:
            updates = await change(pilot, terminal, key, shown)
            # Textual sends the new screen whole several times; rows the terminal shows already are kept.
            assert sum(size for _, size in updates) <= FRAME_BUDGET, (key, updates)
            assert terminal.shows(app), key


async def test_a_screen_back_from_under_a_popup_is_repainted_whole(make_app, monkeypatch) -> None:
    terminal = Terminal(monkeypatch)
    app = make_app(display="compact")
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await settle(pilot)
        await pilot.press("f1")
        await until(pilot, lambda: screen_name(app) == "HelpScreen")
        await settle(pilot)
        assert terminal.shows(app)
        updates = await change(pilot, terminal, "escape", "CartScreen")
        assert terminal.shows(app)  # no cell of the pop-up is left on the terminal
        assert sum(size for _, size in updates) <= FRAME_BUDGET, updates


async def test_the_footer_shows_its_keys_in_its_first_compose_and_is_not_rebuilt_for_the_same_keys(
        make_app, monkeypatch) -> None:
    composed: list[int] = []
    compose = CashierFooter.compose

    def counting(self: CashierFooter) -> Any:
        widgets = list(compose(self))
        composed.append(len(widgets))
        return widgets

    monkeypatch.setattr(CashierFooter, "compose", counting)
    app = make_app(display="compact")
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await settle(pilot)
        composed.clear()
        await pilot.press("f5")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen")
        await settle(pilot)
        assert len(composed) == 1 and composed[0] > 0, composed  # once, with its keys
        keys = [key.key_display for key in app.screen.query_one(CashierFooter).query("FooterKey")]
        assert "F1" in keys and "Esc" in keys

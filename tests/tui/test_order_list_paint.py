"""The order list opens filled: F5 reads its first page before the screen is pushed, so the screen mounts
with the rows and its first frame is the filled list (not an empty table, then the filled one: twice
the bytes to the terminal). A second F5 while that read runs opens one list, not two."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import DataTable

from tests.factories import simple_sale
from tests.tui.helpers import login, screen_name, until
from tui import navigation
from tui.screens.orders import OrdersScreen

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


def _record_mounts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """(pages shown, rows in the table) as each order list finishes mounting, before Textual paints it."""
    seen: list[tuple[int, int]] = []
    mounted = OrdersScreen.on_mount

    def on_mount(self: OrdersScreen) -> None:
        mounted(self)
        seen.append((self.loads, self.query_one("#orders", DataTable).row_count))

    monkeypatch.setattr(OrdersScreen, "on_mount", on_mount)
    return seen


async def test_f5_mounts_the_list_with_its_first_page(make_app, shop, monkeypatch) -> None:
    sales = [shop.checkout(simple_sale()) for _ in range(3)]
    seen = _record_mounts(monkeypatch)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f5")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen" and app.screen.loads > 0)
        assert seen == [(1, 3)]
        workers: Any = app.workers
        await workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.loads == 1  # shown once: the push's own resume reads nothing again
        assert [row.order_no for row in app.screen.page.rows] == [sale.order_no for sale in reversed(sales)]
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await pilot.press("f5")  # again: read again, the newest first
        await until(pilot, lambda: screen_name(app) == "OrdersScreen" and app.screen.loads > 0)
        assert seen == [(1, 3), (1, 3)]


async def test_a_list_pushed_without_a_page_reads_its_own(make_app, shop, monkeypatch) -> None:
    shop.checkout(simple_sale())
    seen = _record_mounts(monkeypatch)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        app.push_screen(navigation.orders())
        await until(pilot, lambda: screen_name(app) == "OrdersScreen" and len(app.screen.page.rows) == 1)
        assert seen == [(0, 0)]  # mounted empty, filled by its own read
        assert app.screen.loads == 1


async def test_two_f5_presses_open_one_list(make_app, shop) -> None:
    shop.checkout(simple_sale())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f5", "f5")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen" and len(app.screen.page.rows) == 1)
        workers: Any = app.workers
        await workers.wait_for_complete()  # every read F5 started has answered
        await pilot.pause()
        assert [type(screen).__name__ for screen in app.screen_stack].count("OrdersScreen") == 1
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")

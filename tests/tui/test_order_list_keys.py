"""The order list as a new cashier uses it: the search term stays in the header after
Enter empties the field, F3 今日 ends a search, and PgDn/PgUp move by a screenful even when every
order fits on one page."""

from __future__ import annotations

import pytest

from tests.factories import simple_sale
from tests.tui.helpers import login, scan, screen_name, screen_text, until

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


async def test_search_shows_in_the_header_and_f3_ends_it(make_app, shop) -> None:
    sales = [shop.checkout(simple_sale()) for _ in range(3)]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f5")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen" and len(app.screen.page.rows) == 3)
        orders = app.screen
        await scan(pilot, sales[0].order_no)
        await until(pilot, lambda: [r.order_no for r in orders.page.rows] == [sales[0].order_no])
        assert orders.query_one("#orders-search").value == ""  # Enter emptied the field...
        assert f"搜尋「{sales[0].order_no}」" in screen_text(app)  # ...the header still says what is searched
        await pilot.press("f3")  # 今日: the search ends, today's orders
        await until(pilot, lambda: len(orders.page.rows) == 3)
        assert orders.search == "" and orders.today_only and "搜尋「" not in screen_text(app)
        assert "今日" in str(orders.query_one("#orders-summary").content)


async def test_page_keys_move_a_screenful_within_one_page(make_app, shop) -> None:
    for _ in range(30):  # more than the 16 or so rows on screen, fewer than a page (50)
        shop.checkout(simple_sale())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f5")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen" and len(app.screen.page.rows) == 30)
        table = app.screen.query_one("#orders")
        assert table.cursor_row == 0 and not app.screen.page.has_older
        await pilot.press("pagedown")
        await until(pilot, lambda: table.cursor_row > 5)
        moved = table.cursor_row
        assert moved < 29  # a screenful, not the end
        await pilot.press("pagedown")
        await until(pilot, lambda: table.cursor_row == 29)
        await pilot.press("pageup")
        await until(pilot, lambda: table.cursor_row == 29 - moved)
        await pilot.press("pageup", "pageup")
        await until(pilot, lambda: table.cursor_row == 0)

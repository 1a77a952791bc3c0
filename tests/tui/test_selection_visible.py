"""The highlighted row of every list is visible, in the standard and the compact display, though the
lists never have focus (the scan or PIN field keeps the keyboard): the staff at the login, the cart's
lines, the order list and the upload records. Checked on the cells Textual renders: the highlighted
row is drawn in the block cursor's colours, every other row is not, and ↑↓ move that look."""

from __future__ import annotations

import pytest
from rich.style import Style
from textual.pilot import Pilot

from tests.factories import simple_sale
from tests.tui.helpers import BARCODE_1, BARCODE_2, login, scan, screen_name, until
from tui.app import CashierApp

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


def style_of(app: CashierApp, text: str) -> Style:
    """The style of the rendered cell where `text` starts (the first line that shows it)."""
    for strip in app.screen._compositor.render_strips():
        line = "".join(segment.text for segment in strip)
        if text not in line:
            continue
        at, seen = line.index(text), 0
        for segment in strip:
            if seen + len(segment.text) > at:
                return segment.style or Style()
            seen += len(segment.text)
    raise AssertionError(f"{text!r} is not on the screen")


def shown_selected(app: CashierApp, text: str) -> bool:
    style = style_of(app, text)
    return style.bgcolor is not None and not style.bgcolor.is_default and style.color is not None \
        and not style.color.is_default


async def _check(pilot: Pilot, first: str, second: str) -> None:
    app = pilot.app
    await until(pilot, lambda: shown_selected(app, first) != shown_selected(app, second))
    selected, other = (first, second) if shown_selected(app, first) else (second, first)
    await pilot.press("down")  # the first row is the highlighted one as a list opens
    await until(pilot, lambda: shown_selected(app, other) and not shown_selected(app, selected))


@pytest.mark.parametrize("display", ["standard", "compact"])
async def test_the_highlighted_staff_member_shows_and_follows_the_arrows(make_app, display: str) -> None:
    app = make_app(display=display)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#staff").option_count == 2)
        await pilot.pause()
        assert shown_selected(app, "E001") and not shown_selected(app, "M001")
        await pilot.press("down")
        await until(pilot, lambda: shown_selected(app, "M001") and not shown_selected(app, "E001"))


@pytest.mark.parametrize("display", ["standard", "compact"])
async def test_the_cart_line_f3_would_edit_is_shown(make_app, display: str) -> None:
    app = make_app(display=display)
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await scan(pilot, BARCODE_1)
        await scan(pilot, BARCODE_2)
        await until(pilot, lambda: len(app.screen.cart.lines) == 2)
        await pilot.pause()
        # The last scanned line is the highlighted one: F3 edits it.
        assert shown_selected(app, "口罩") and not shown_selected(app, "乾電池")
        await pilot.press("up")
        await until(pilot, lambda: shown_selected(app, "乾電池") and not shown_selected(app, "口罩"))


@pytest.mark.parametrize("display", ["standard", "compact"])
async def test_the_highlighted_order_and_upload_record_are_shown(make_app, shop, display: str) -> None:
    first, second = shop.checkout(simple_sale()), shop.checkout(simple_sale())
    app = make_app(display=display)
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f5")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen" and len(app.screen.page.rows) == 2)
        await _check(pilot, first.order_no, second.order_no)
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await pilot.press("f6")
        await until(pilot, lambda: screen_name(app) == "UploadsScreen" and len(app.screen.records) == 2)
        await _check(pilot, first.order_no, second.order_no)

"""Input a cashier gets wrong is refused in words: a minus sign in the line editor's
price or quantity is said to be negative, never read as its digits; a scanned retail code with a wrong
check digit is a misread to scan again, never an unlisted item sold at a typed price."""

from __future__ import annotations

import pytest

from tests.tui.helpers import BARCODE_1, login, scan, screen_name, screen_text, until

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


@pytest.mark.parametrize("field", ["line-price", "line-qty"])
async def test_a_negative_price_or_quantity_is_refused_not_read_as_positive(make_app, field: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await scan(pilot, BARCODE_1)
        await until(pilot, lambda: len(app.screen.cart.lines) == 1)
        cart = app.screen
        await pilot.press("f3")
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        app.screen.query_one(f"#{field}").value = ""
        app.screen.query_one(f"#{field}").focus()
        await pilot.press("minus", "5")  # typed, as a cashier would: the field keeps the sign
        await until(pilot, lambda: app.screen.query_one(f"#{field}").value == "-5")
        await pilot.press("f10")
        await until(pilot, lambda: "「-5」是負數" in screen_text(app))
        assert screen_name(app) == "LineEditScreen"
        assert (cart.cart.lines[0].quantity, cart.cart.lines[0].unit_price) == (1, 105)


async def test_a_misread_barcode_is_refused_and_no_line_is_added(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await scan(pilot, "4710000000012")  # BARCODE_1 with its last digit misread
        await until(pilot, lambda: "條碼 4710000000012 的檢查碼不對" in screen_text(app).replace("\n", ""))
        assert not app.screen.cart.lines and screen_name(app) == "CartScreen"  # no price asked, nothing sold
        await scan(pilot, BARCODE_1)  # scanned again, right this time
        await until(pilot, lambda: len(app.screen.cart.lines) == 1)


async def test_in_house_codes_without_check_digits_can_be_allowed(make_app, shop) -> None:
    shop.check_digits = False  # [station] check_digits = false
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await scan(pilot, "4710000000012")
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")  # an unlisted item: its price asked

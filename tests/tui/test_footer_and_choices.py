"""At the cashier's 80x24 console: every screen's footer shows each of its keys whole, in both
languages (with the demo's Ctrl+N too), and radio choices tell the chosen one apart without colour."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import RadioButton, RadioSet
from textual.widgets._footer import FooterKey

from tests.factories import simple_sale
from tests.tui.helpers import BARCODE_1, login, open_detail, scan, screen_name, screen_text, until
from tui.widgets.footer import CashierFooter

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


class FakeDemo:
    """Enough of DemoControls for the app to show the demo's Ctrl+N (network cut) binding."""

    cut = False

    def toggle_network(self) -> bool:
        return False


def _footer_fits(app) -> list[str]:
    """The footer's keys as shown; fails when one is cut or pushed past the screen's edge."""
    width = app.size.width
    footer = app.screen.query_one(CashierFooter)
    keys = [key for key in footer.query(FooterKey) if key.display]
    assert keys, f"no footer keys on {screen_name(app)}"
    bottom = screen_text(app).splitlines()[-1]
    labels = []
    for key in keys:
        label = f"{key.key_display} {key.description}"
        assert key.region.right <= width, f"{screen_name(app)}: {label!r} ends at column {key.region.right}"
        assert key.region.width >= cell_len(label), f"{screen_name(app)}: {label!r} is cut"
        assert label in bottom, f"{screen_name(app)}: {label!r} not on the footer line {bottom!r}"
        labels.append(label)
    return labels


@pytest.mark.parametrize("language", ["zh_TW", "en"])
async def test_every_screens_footer_fits_80_columns(make_app, shop, language: str) -> None:
    shop.checkout(simple_sale())
    app = make_app(language=language, demo=FakeDemo())
    seen: dict[str, list[str]] = {}

    async def check(name: str) -> None:
        await until(pilot, lambda: screen_name(app) == name)
        await pilot.pause()
        seen[name] = _footer_fits(app)

    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query("#staff") and app.screen.query_one("#staff").option_count > 0)
        await check("LoginScreen")
        await login(pilot, guest=False)
        await pilot.press("f2")  # the customer screen is a modal: no footer of its own
        await check("CartScreen")
        for key, name in (("f5", "OrdersScreen"), ("f6", "UploadsScreen"), ("f7", "DevicesScreen"),
                          ("f9", "ShiftCloseScreen")):
            await pilot.press(key)
            await check(name)
            await pilot.press("escape")
            await until(pilot, lambda: screen_name(app) == "CartScreen")
        await pilot.press("f6")
        await until(pilot, lambda: screen_name(app) == "UploadsScreen" and len(app.screen.records) == 1)
        await open_detail(pilot)
        await check("OrderDetailScreen")
        await pilot.press("escape", "escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await scan(pilot, BARCODE_1)
        await until(pilot, lambda: len(app.screen.cart.lines) == 1)
        await pilot.press("f10")
        await check("CheckoutScreen")
        await pilot.press("f10")
        await check("ReceiptScreen")
        await until(pilot, lambda: app.screen.job_state == "printed")
    assert any("^N" in label for label in seen["CartScreen"])  # the demo's key is among them
    assert any("F1" in label for label in seen["CartScreen"])  # and help, which lists every key


async def test_the_chosen_radio_button_reads_differently_without_colour(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await scan(pilot, BARCODE_1)
        await until(pilot, lambda: len(app.screen.cart.lines) == 1)
        await pilot.press("f3")  # line edit: 一般價格 / 加價購 / 滿額贈
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        await pilot.pause()
        types = [str(button.render()) for button in app.screen.query_one("#line-type", RadioSet).query(RadioButton)]
        assert types[0].startswith("(*)") and all(text.startswith("( )") for text in types[1:])
        assert "(*) 一般價格" in screen_text(app) and "( ) 加價購" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "CheckoutScreen")
        checkout = app.screen
        await pilot.press("f9")  # next invoice kind: the mark moves with the choice
        await pilot.pause()
        buttons = list(checkout.query_one("#kind", RadioSet).query(RadioButton))
        texts = [str(button.render()) for button in buttons]
        assert [text[:3] for text in texts] == ["(*)" if button.value else "( )" for button in buttons]
        assert texts[1].startswith("(*)") and texts[0].startswith("( )")
        assert texts[0][3:] != texts[1][3:]  # and the label itself is kept
        shown = screen_text(app)
        assert shown.count("(*)") == 1 and shown.count("( )") == len(buttons) - 1

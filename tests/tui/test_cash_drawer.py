"""The cash drawer at the till: F8 on the cart asks for a manager's PIN in the shared box (a wrong one is
refused, nothing kicked or audited; the right one opens it once, audited), and F7 shows the drawer's
sensor in both languages within 80 columns."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.factories import MANAGER_PIN, WRONG_PIN
from tests.tui.helpers import BARCODE_1, login, screen_name, screen_text, sell_and_print, type_text, until

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


def _audits(shop) -> list[tuple[str, str]]:
    with shop.db.read() as session:
        return [tuple(row) for row in session.execute(
            text("SELECT staff_id, approved_by FROM audit_log WHERE action = 'drawer_open'"))]


async def test_f8_opens_the_drawer_with_a_managers_pin_wrong_then_right(make_app, shop, printer) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        cart = app.screen
        await pilot.press("f8")
        await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
        assert "開錢箱" in screen_text(app)
        await type_text(pilot, WRONG_PIN)
        await pilot.press("enter")
        await until(pilot, lambda: "店長密碼不正確" in screen_text(app))
        assert printer.kicks == [] and _audits(shop) == []
        await type_text(pilot, MANAGER_PIN)
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "CartScreen" and "錢箱已開啟" in screen_text(app))
        assert app.screen is cart and "林店長" in screen_text(app)
        await until(pilot, lambda: len(printer.kicks) == 1)
    assert _audits(shop) == [("E001", "M001")]
    assert len(printer.kicks) == 1 and (printer.kicks[0].pin, printer.kicks[0].on_ms) == (2, 100)


async def test_a_cash_sale_at_the_till_opens_the_drawer_once_after_its_paper(make_app, printer) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await sell_and_print(pilot, BARCODE_1)  # paid exactly, in cash
        await until(pilot, lambda: len(printer.kicks) == 1)
        assert len(printer.pieces) == 1 and app.status.printer == "ready"


@pytest.mark.parametrize(("language", "words"), [
    ("zh_TW", ("錢箱：開啟", "錢箱：關閉", "錢箱：狀態不明")),
    ("en", ("Drawer: open", "Drawer: closed", "Drawer: state unknown")),
])
async def test_f7_shows_the_drawer_sensor_after_it_flips(make_app, printer, language, words) -> None:
    opened, closed, unknown = words
    app = make_app(language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f7")
        await until(pilot, lambda: screen_name(app) == "DevicesScreen" and closed in screen_text(app))
        printer.drawer_open = True
        await pilot.press("f5")
        await until(pilot, lambda: opened in screen_text(app))
        printer.drawer_open = False
        await pilot.press("f5")
        await until(pilot, lambda: closed in screen_text(app))
        printer.set_fault("offline")  # no answer to DLE EOT: the sensor cannot be read
        await pilot.press("f5")
        await until(pilot, lambda: unknown in screen_text(app))

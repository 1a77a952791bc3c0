"""The cart (repeat scans, 3*, edit price/type, remove, unlisted items) and checkout (payments, every
invoice option, validation messages, the sale written to the store)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.tui.helpers import BARCODE_1, BARCODE_2, login, scan, screen_name, screen_text, until

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


async def _cart(pilot, *codes: str, fresh: bool = True) -> None:
    app = pilot.app
    if fresh:
        await login(pilot)
    for code in codes:
        await scan(pilot, code)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_repeat_scan_increments_and_quantity_prefix(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _cart(pilot, BARCODE_1, BARCODE_1, "3*" + BARCODE_2, "2*")
        cart = app.screen
        await until(pilot, lambda: len(cart.cart.lines) == 2)
        assert [(ln.sku, ln.quantity, ln.unit_price) for ln in cart.cart.lines] == [
            ("SKU00001", 2, 105), ("SKU00002", 3, 210)]
        assert cart.next_quantity == 2 and "下一個商品數量：2" in screen_text(app)
        await scan(pilot, BARCODE_1)
        await until(pilot, lambda: cart.cart.lines[0].quantity == 4)
        assert "6 件" not in screen_text(app) and "合計 NT$1,050" in screen_text(app)


async def test_edit_type_and_price_then_remove(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _cart(pilot, BARCODE_1, BARCODE_2)
        cart = app.screen
        await until(pilot, lambda: len(cart.cart.lines) == 2)
        await pilot.press("up", "f3")  # first line: 乾電池, sold as 加價購 at the catalog's add-on price
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        editor = app.screen
        editor.query_one("#line-type").query("RadioButton")[1].value = True
        await until(pilot, lambda: editor.query_one("#line-price").value == "84")
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        line = cart.cart.lines[0]
        assert (line.product_type.value, line.unit_price, line.catalog_price, line.price_overridden) == (
            "addon", 84, 84, False)
        assert "加價購" in screen_text(app)
        await pilot.press("down", "f4")
        await until(pilot, lambda: len(cart.cart.lines) == 1)
        assert "已刪除：口罩 成人 50入" in screen_text(app)


async def test_an_unlisted_item_needs_a_price_before_checkout(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _cart(pilot, "X-NEW-1")
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        await pilot.press("escape")  # not priced yet
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        cart = app.screen
        assert "待定價" in screen_text(app)
        await pilot.press("f10")  # refused, and the editor comes back
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        await pilot.press(*"abc", "f10")  # restricted to digits: nothing typed, empty price refused
        await until(pilot, lambda: "不是金額" in screen_text(app))
        await pilot.press(*"150", "f10")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        assert cart.unpriced == set() and cart.cart.lines[0].unit_price == 150
        await scan(pilot, "X-NEW-1")  # the same unlisted item again: same typed price, one line
        await until(pilot, lambda: cart.cart.lines[0].quantity == 2)
        assert len(cart.cart.lines) == 1


async def _to_checkout(pilot, *, fresh: bool = True) -> None:
    await _cart(pilot, BARCODE_1, BARCODE_2, fresh=fresh)
    await until(pilot, lambda: len(pilot.app.screen.cart.lines) == 2)
    await pilot.press("f10")
    await until(pilot, lambda: screen_name(pilot.app) == "CheckoutScreen")


def _invoices(shop) -> list[tuple]:
    with shop.db.read() as session:
        return session.execute(text(
            "SELECT buyer_ban, carrier_type, carrier_id, donation_code, manual, number FROM invoices ORDER BY id"
        )).all()


async def test_cash_with_change_and_split_payment(make_app, shop) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_checkout(pilot)
        screen = app.screen
        screen.query_one("#cash").value = "200"
        await until(pilot, lambda: "尚差 NT$115" in screen_text(app))
        screen.query_one("#card").value = "115"
        await until(pilot, lambda: "找零 NT$0" in screen_text(app))
        screen.query_one("#cash").value = "500"
        await until(pilot, lambda: "找零 NT$300" in screen_text(app))
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ReceiptScreen")
        with shop.db.read() as session:
            payments = session.execute(text("SELECT kind, amount, tendered, change FROM payments ORDER BY id")).all()
        assert payments == [("card", 115, 115, 0), ("cash", 200, 500, 300)]


async def test_every_invoice_option_is_validated_and_recorded(make_app, shop) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for kind, value, error, stored in [
            ("b2b", "12345678", "統一編號「12345678」不正確", ("24634102", None, None, None, 0)),
            ("citizen", "AB123", "自然人憑證條碼「AB123」不正確", (None, "citizen", "AB12345678901234", None, 0)),
            ("donation", "12", "愛心碼「12」不正確", (None, None, None, "1234567", 0)),
            ("manual", "XY1234", "發票號碼「XY1234」格式不正確", (None, None, None, None, 1)),
        ]:
            await _to_checkout(pilot, fresh=kind == "b2b")
            screen = app.screen
            screen.set_kind(kind)
            await pilot.pause()
            field = "#ban" if kind == "b2b" else "#code"
            screen.query_one(field).value = value
            await pilot.press("f10")
            await until(pilot, lambda error=error: error in screen_text(app))
            assert screen_name(app) == "CheckoutScreen"
            good = {"b2b": "24634102", "citizen": "AB12345678901234", "donation": "1234567", "manual": "XY87654321"}
            screen.query_one(field).value = good[kind]
            await pilot.press("f10")
            await until(pilot, lambda: screen_name(app) == "ReceiptScreen")
            assert _invoices(shop)[-1][:5] == stored
            await pilot.press("f10")
            await until(pilot, lambda: screen_name(app) == "CustomerScreen")
            await pilot.press("f2")
            await until(pilot, lambda: screen_name(app) == "CartScreen")


async def test_scanning_a_mobile_carrier_fills_it_in(make_app, shop) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_checkout(pilot)
        await pilot.press(*"/ABC+123", "enter")  # the scanner types into the cash field (all selected)
        screen = app.screen
        await until(pilot, lambda: screen.kind == "mobile")
        assert screen.query_one("#code").value == "/ABC+123" and screen.query_one("#cash").value == "315"
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ReceiptScreen")
        assert _invoices(shop)[-1][1:3] == ("mobile", "/ABC+123")
        await until(pilot, lambda: app.screen.job_state == "printed")
        shown = screen_text(app)
        summary = str(app.screen.query_one("#sale-summary").content)  # wrapped on screen, whole here
        assert "不印電子發票證明聯（發票存入手機條碼載具）：改印交易明細" in summary
        assert "交易明細" in shown and "本明細非電子發票證明聯" in shown and "█" not in shown  # no QR drawn

"""The payment screen and the receipt preview as a new cashier meets them: F9 (the invoice kind) puts the
keyboard in that kind's field, an error about old input goes once the input changes, and the preview
tells the truth about the paper: a 補印 says 補印, a hand-written invoice says 手開發票, a sale on a
carrier shows its 交易明細."""

from __future__ import annotations

import pytest

from core.checkout import InvoiceRequest
from tests.factories import simple_sale
from tests.tui.helpers import BARCODE_1, login, scan, screen_name, screen_text, until
from tui.screens.receipt import ReceiptScreen

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


def preview_text(app) -> str:
    previews = app.screen.query("#preview")
    return str(previews.first().content) if previews else ""


async def _checkout(pilot) -> None:
    await login(pilot)
    await scan(pilot, BARCODE_1)
    await until(pilot, lambda: len(pilot.app.screen.cart.lines) == 1)
    await pilot.press("f10")
    await until(pilot, lambda: screen_name(pilot.app) == "CheckoutScreen")
    await pilot.pause()


async def test_f9_puts_the_keyboard_in_the_chosen_kinds_field(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _checkout(pilot)
        assert app.focused.id == "cash"
        seen = []
        for _ in range(6):  # mobile, citizen, donation, b2b, manual, and round to printed paper
            await pilot.press("f9")
            await pilot.pause()
            seen.append((app.screen.kind, app.focused.id))
        assert seen == [("mobile", "code"), ("citizen", "code"), ("donation", "code"), ("b2b", "ban"),
                        ("manual", "code"), ("print", "cash")]
        await pilot.press("f9")
        await pilot.press(*"/ABC+123")  # typed straight after F9: into the carrier field
        await until(pilot, lambda: app.screen.query_one("#code").value == "/ABC+123")
        assert app.screen.query_one("#cash").value == "105"


async def test_an_old_error_goes_when_the_input_changes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _checkout(pilot)
        await pilot.press("f9")  # mobile carrier, left empty
        await pilot.press("f10")
        message = app.screen.query_one("#checkout-message")
        await until(pilot, lambda: message.has_class("-error"))
        assert "手機條碼" in screen_text(app)
        await pilot.press("/")
        await until(pilot, lambda: not message.has_class("-error"))
        assert str(message.render()).strip() == ""
        assert screen_name(app) == "CheckoutScreen"


async def test_a_reprint_previews_as_the_bu_yin_it_prints(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _checkout(pilot)
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ReceiptScreen" and app.screen.job_state == "printed")
        await until(pilot, lambda: "電子發票證明聯" in preview_text(app))
        assert "補印" not in preview_text(app)  # the original
        await pilot.press("f11")
        await until(pilot, lambda: "電子發票證明聯補印" in preview_text(app))
        await until(pilot, lambda: app.screen.job_state == "printed" and "（補印）" in screen_text(app))


@pytest.mark.parametrize(("invoice", "shown"), [
    (InvoiceRequest.manual("ZZ12345678"), "手開發票 ZZ12345678"),
    (InvoiceRequest.mobile("/ABC+123"), "交易明細"),
])
async def test_the_preview_says_what_paper_the_invoice_gets(make_app, shop, invoice, shown: str) -> None:
    sale = shop.checkout(simple_sale(invoice))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        app.push_screen(ReceiptScreen(order_id=sale.order_id, print_now=False))
        await until(pilot, lambda: screen_name(app) == "ReceiptScreen" and shown in preview_text(app))
        assert "電子發票證明聯" not in preview_text(app).replace("非電子發票證明聯", "")

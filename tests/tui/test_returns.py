"""退貨 at the till, by keyboard alone: from an order's detail (R) and from the order search (the invoice's
number typed, or its barcode scanned), choose lines and quantities, the reason and the refund tender, a
manager's PIN, and the result: an allowance (折讓) after the invoice's period, the invoice voided and the
kept lines reissued within it (the printed original taken back first). Refusals (a wrong PIN, more than
returnable, a voided order) are shown in the cashier's language with the keyboard where it can fix them,
and nothing chosen or typed is lost."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from core.clock import TAIPEI
from core.einvoice.payloads import barcode_payload
from core.payment_kind import PaymentKind
from core.store.allowances import Refund
from tests.factories import MANAGER_PIN, WRONG_PIN, simple_sale
from tests.tui.helpers import (
    BARCODE_1,
    login,
    open_detail,
    open_orders,
    screen_name,
    screen_text,
    sell_and_print,
    type_text,
    until,
)
from tests.tui.test_footer_and_choices import _footer_fits
from tests.tui.test_key_shadowing import FakeDemo, shadowed
from tests.tui.test_keystrokes import burst_into, post_burst
from tui.app import CashierApp

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)

BATTERY, MASKS = 0, 1  # simple_sale: 乾電池 1 x NT$105, 口罩 2 x NT$105


def past_the_period(clock) -> None:
    """From 2026-11-22 to 2027-01-01: the invoice's period (Nov-Dec) is over, a return is an allowance."""
    clock.advance(days=40)


async def open_return_from_detail(pilot: Pilot) -> None:
    """F5, the one order (F3: all days, when it was not sold today), its detail, R."""
    app = pilot.app
    await pilot.press("f5")
    await until(pilot, lambda: screen_name(app) == "OrdersScreen" and app.screen.loads > 0)
    if not app.screen.page.rows:
        await pilot.press("f3")
    await until(pilot, lambda: len(app.screen.page.rows) == 1)
    await open_detail(pilot)
    await pilot.press("r")
    await until(pilot, lambda: screen_name(app) == "ReturnScreen" and app.screen.loads > 0)


def chosen(app: CashierApp) -> list[tuple[int, int]]:
    return [(row, q) for row, q in enumerate(app.screen.draft.quantities.get(line.position, 0)
                                             for line in app.screen.draft.lines)]


async def until_done(pilot: Pilot) -> None:
    """Until the result is painted: the screen is on the stack before it has composed, and its text is
    read at once after this."""
    app = pilot.app

    def painted() -> bool:
        if screen_name(app) != "ReturnDoneScreen" or not app.screen.query("#return-done-title"):
            return False
        return str(app.screen.query_one("#return-done-title", Static).render()) in screen_text(app)

    await until(pilot, painted)


def message(app: CashierApp) -> str:
    return str(app.screen.query_one("#return-message").render())


async def approve(pilot: Pilot, pin: str = MANAGER_PIN) -> None:
    app = pilot.app
    await pilot.press("f10")
    await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
    await type_text(pilot, pin)
    await pilot.press("enter")


async def test_a_partial_return_by_keyboard_issues_an_allowance_and_shows_the_cash_to_hand_back(
        make_app, shop, printer, clock) -> None:
    sale = shop.checkout(simple_sale())
    past_the_period(clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_return_from_detail(pilot)
        await until(pilot, lambda: all(text in screen_text(app) for text in ("退貨　訂單", "可退", "口罩",
                                                                            "開立折讓證明單")))
        assert app.focused is app.screen.query_one("#return-lines")
        await pilot.press("down", "plus")
        assert chosen(app) == [(BATTERY, 0), (MASKS, 1)]
        assert "退款合計 NT$105" in screen_text(app)
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#return-reason")
        await type_text(pilot, "broken")
        await approve(pilot)
        await until_done(pilot)
        shown = screen_text(app)
        [allowance] = shop.allowances(sale.order_id)
        assert [(line.original_position, line.quantity) for line in allowance.lines] == [(2, 1)]
        assert allowance.total == 105 and allowance.refunds == (Refund(PaymentKind.CASH, 105),)
        assert allowance.reason == "broken" and allowance.approved_by == "M001"
        assert f"已開立折讓證明單 {allowance.number}，折讓金額 NT$105" in shown
        assert "請退還顧客" in shown and "現金 NT$105" in shown
        await until(pilot, lambda: len(printer.kicks) == 1)  # a cash refund opens the drawer
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "OrderDetailScreen")
        await until(pilot, lambda: f"折讓 {allowance.number}（01-01 12:00）退 1 件 NT$105" in screen_text(app))
        # Back on the order, a second return offers what is left: 1 mask, 1 battery.
        await pilot.press("r")
        await until(pilot, lambda: screen_name(app) == "ReturnScreen" and app.screen.loads > 0)
        assert [(ln.sold, ln.returned, ln.returnable) for ln in app.screen.draft.lines] == [(1, 0, 1), (2, 1, 1)]


async def test_a_full_return_refunded_to_the_card_carries_the_terminals_reference(
        make_app, shop, printer, clock) -> None:
    sale = shop.checkout(simple_sale())
    past_the_period(clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_return_from_detail(pilot)
        await pilot.press("a")
        assert chosen(app) == [(BATTERY, 1), (MASKS, 2)]
        await pilot.press("f4")  # card: the reference field appears and takes the keyboard
        assert app.focused is app.screen.query_one("#return-reference")
        await pilot.press("f10")  # no reason yet: said, and the keyboard goes to the reason
        await until(pilot, lambda: app.focused is app.screen.query_one("#return-reason"))
        assert "請輸入退貨（折讓）原因" in message(app)
        await type_text(pilot, "changed mind")
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#return-reference")
        await pilot.press("f10")  # a card refund without the terminal's reference is not sent
        assert "參考號" in message(app) and screen_name(app) == "ReturnScreen"
        await type_text(pilot, "778899")
        await approve(pilot)
        await until_done(pilot)
        [allowance] = shop.allowances(sale.order_id)
        assert allowance.total == 315 and allowance.refunds == (Refund(PaymentKind.CARD, 315, "778899"),)
        assert "信用卡 NT$315" in screen_text(app) and "退回顧客的信用卡（不從錢箱付款）" in screen_text(app)
    assert printer.kicks == []  # nothing in cash: the drawer stays shut


async def test_a_wrong_pin_stays_in_the_pin_box_and_writes_nothing(make_app, shop, clock) -> None:
    sale = shop.checkout(simple_sale())
    past_the_period(clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_return_from_detail(pilot)
        await pilot.press("1", "enter")
        await type_text(pilot, "wrong size")
        await approve(pilot, WRONG_PIN)
        await until(pilot, lambda: "密碼" in str(app.screen.query_one("#manager-message").render()))
        assert screen_name(app) == "ManagerPinScreen" and shop.allowances(sale.order_id) == []
        await type_text(pilot, MANAGER_PIN)
        await pilot.press("enter")
        await until_done(pilot)
        assert [a.total for a in shop.allowances(sale.order_id)] == [105]


async def test_esc_in_the_pin_box_keeps_everything_chosen(make_app, shop, clock) -> None:
    sale = shop.checkout(simple_sale())
    past_the_period(clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_return_from_detail(pilot)
        await pilot.press("down", "2", "enter")
        await type_text(pilot, "torn")
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "ReturnScreen")
        assert chosen(app) == [(BATTERY, 0), (MASKS, 2)]
        assert app.screen.query_one("#return-reason", Input).value == "torn"
        assert shop.allowances(sale.order_id) == []


async def test_a_quantity_over_what_is_returnable_is_refused_on_the_screen_and_by_the_station(
        make_app, shop, clock) -> None:
    sale = shop.checkout(simple_sale())
    past_the_period(clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_return_from_detail(pilot)
        await pilot.press("down", "5")  # 2 masks were sold
        assert "口罩 最多可退 2 個" in message(app) and chosen(app) == [(BATTERY, 0), (MASKS, 0)]
        await pilot.press("2", "plus")
        assert chosen(app) == [(BATTERY, 0), (MASKS, 2)] and "最多可退 2 個" in message(app)
        await pilot.press("enter")
        await type_text(pilot, "torn")
        # Meanwhile another till takes one mask back: the screen still offers two.
        shop.return_lines(sale.order_id, [(2, 1)], reason="elsewhere", staff_id="E001", manager_pin=MANAGER_PIN)
        await approve(pilot)
        await until(pilot, lambda: screen_name(app) == "ReturnScreen" and app.screen.loads > 1)
        assert "售出 2 件、已退 1 件，不能再退 2 件" in message(app)
        assert app.focused is app.screen.query_one("#return-lines")
        assert app.screen.query_one("#return-reason", Input).value == "torn"  # nothing typed is lost
        assert [(ln.returned, ln.returnable) for ln in app.screen.draft.lines] == [(0, 1), (1, 1)]
        assert chosen(app) == [(BATTERY, 0), (MASKS, 1)]  # kept, at most what is returnable now
        await approve(pilot)
        await until_done(pilot)
        assert [a.total for a in shop.allowances(sale.order_id)] == [105, 105]


async def test_nothing_chosen_is_said_and_a_voided_order_takes_no_return(make_app, shop) -> None:
    kept = shop.checkout(simple_sale())
    voided = shop.checkout(simple_sale())
    shop.void(voided.order_id, staff_id="E001", manager_pin=MANAGER_PIN, reason="mistake")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_orders(pilot, 2)
        await pilot.press("f9")  # the newest first: the voided order
        await until(pilot, lambda: screen_name(app) == "ReturnScreen" and app.screen.refusal is not None)
        assert f"（發票 {voided.invoice_number}）已作廢：不能再退貨" in message(app)
        assert "退貨　訂單" in screen_text(app)  # the order is still named
        assert all(field.disabled for field in app.screen.query(Input))
        await pilot.press("f10")
        assert screen_name(app) == "ReturnScreen"  # no PIN asked: there is nothing it could allow
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen")
        await pilot.press("down", "f9")
        await until(pilot, lambda: screen_name(app) == "ReturnScreen" and app.screen.loads > 0)
        assert app.screen.order_id == kept.order_id
        await pilot.press("f10")
        assert "請先選擇要退的品項" in message(app) and screen_name(app) == "ReturnScreen"


async def test_the_order_search_finds_the_order_by_invoice_number_or_its_scanned_barcode(make_app, shop) -> None:
    shop.checkout(simple_sale())
    sale = shop.checkout(simple_sale())
    shop.checkout(simple_sale())
    invoice = shop.order(sale.order_id).invoice
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_orders(pilot, 3)
        number = f"{invoice.number[:2]}-{invoice.number[2:]}"  # typed as printed
        await type_text(pilot, number)
        await pilot.press("enter")
        await until(pilot, lambda: len(app.screen.page.rows) == 1)
        assert app.screen.page.rows[0].id == sale.order_id and screen_name(app) == "OrdersScreen"
        await pilot.press("f9")
        await until(pilot, lambda: screen_name(app) == "ReturnScreen" and app.screen.order_id == sale.order_id)
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen")
        # The scanner types the 19 characters of the invoice's barcode and Enter: the return opens at once.
        code = barcode_payload(invoice.number, invoice.random_code or "", invoice.issued_at)
        await type_text(pilot, code)
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "ReturnScreen" and app.screen.loads > 0)
        assert app.screen.order_id == sale.order_id
        assert isinstance(app.focused, DataTable)


async def test_a_scanned_barcode_of_an_unknown_invoice_says_so(make_app, shop) -> None:
    shop.checkout(simple_sale())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_orders(pilot, 1)
        await type_text(pilot, "11512ZZ999999991234")
        await pilot.press("enter")
        await until(pilot, lambda: "發票 ZZ99999999：找不到這張發票的訂單" in screen_text(app))
        assert screen_name(app) == "OrdersScreen"


async def test_the_return_in_english_after_f12(make_app, shop, clock) -> None:
    sale = shop.checkout(simple_sale())
    past_the_period(clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query("#staff") and app.screen.query_one("#staff").option_count > 0)
        await pilot.press("f12")
        await until(pilot, lambda: app.language == "en")
        await login(pilot)
        await open_return_from_detail(pilot)
        await until(pilot, lambda: all(text in screen_text(app) for text in ("Return  order", "Left",
                                                                            "Refund: cash (F4: card)")))
        await pilot.press("down", "9")
        assert "At most 2 of 口罩 can be returned" in message(app)
        await pilot.press("1", "enter")
        await pilot.press("f10")
        await until(pilot, lambda: "reason" in message(app).lower())
        await type_text(pilot, "wrong colour")
        await approve(pilot, WRONG_PIN)
        await until(pilot, lambda: "PIN" in str(app.screen.query_one("#manager-message").render()))
        await type_text(pilot, MANAGER_PIN)
        await pilot.press("enter")
        await until_done(pilot)
        [allowance] = shop.allowances(sale.order_id)
        shown = screen_text(app)
        assert f"Allowance {allowance.number} issued for NT$105" in shown and "Hand back to the customer" in shown


async def test_within_the_period_a_partial_return_takes_the_printed_original_back_and_reissues(
        make_app, shop, printer) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await sell_and_print(pilot, "3*" + BARCODE_1)  # 3 batteries, the proof copy printed
        original = app.screen.sale
        await pilot.press("f10")  # the next sale: its customer first
        await until(pilot, lambda: screen_name(app) == "CustomerScreen")
        await pilot.press("f2")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await open_return_from_detail(pilot)
        assert "作廢原發票，留下的品項開立新發票" in screen_text(app)
        assert "[ ] 請收回顧客手上的發票證明聯" in screen_text(app)
        await pilot.press("1", "enter")
        await type_text(pilot, "one too many")
        await pilot.press("f10")  # the customer still holds the printed original: no PIN asked yet
        assert "請先收回顧客手上的發票證明聯" in message(app) and screen_name(app) == "ReturnScreen"
        await pilot.press("f6")
        await until(pilot, lambda: "[x] 已收回發票證明聯" in screen_text(app))
        await approve(pilot)
        await until_done(pilot)
        voided = shop.order(original.order_id)
        assert voided.order.status == "voided" and voided.invoice.voided
        new_number = app.screen.outcome.new_invoice_number
        assert new_number and new_number != original.invoice_number
        shown = screen_text(app)
        assert f"已作廢，保留的品項已開立新發票 {new_number[:2]}-{new_number[2:]}" in shown
        assert "現金 NT$105" in shown and "按 F10 列印新發票" in shown
        await until(pilot, lambda: len(printer.kicks) == 2)  # the sale's and the refund's
        await pilot.press("f10")  # the new invoice prints as a sale's does
        await until(pilot, lambda: screen_name(app) == "ReceiptScreen" and app.screen.job_state == "printed")
        new = shop.order(app.screen.order_id)
        assert [(line.quantity, line.amount) for line in new.lines] == [(2, 210)]
        assert new.invoice.number == new_number and new.invoice.print_count == 1
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "OrderDetailScreen")


async def test_within_the_period_a_full_return_voids_the_invoice_and_refunds_what_was_paid(make_app, shop) -> None:
    sale = shop.checkout(simple_sale())  # never printed: nothing to take back
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_return_from_detail(pilot)
        assert "請收回" not in screen_text(app)
        await pilot.press("a", "enter")
        assert "退款合計 NT$315" in screen_text(app)
        await pilot.press("f10")
        assert message(app) == "請輸入退貨原因"  # the reissue's own wording
        await type_text(pilot, "does not fit")
        await approve(pilot)
        await until_done(pilot)
        assert f"發票 {sale.invoice_number[:2]}-{sale.invoice_number[2:]} 已作廢" in screen_text(app)
        assert app.screen.outcome.refunds == (("cash", 315),) and not app.screen.outcome.new_order_id
        assert shop.order(sale.order_id).order.status == "voided"
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "OrderDetailScreen")
        assert "R 退貨" not in screen_text(app)  # a voided order offers no return


@pytest.mark.parametrize("language", ["zh_TW", "en"])
async def test_the_return_screens_footers_fit_and_no_key_hides_theirs(make_app, shop, language: str) -> None:
    """With the demo's Ctrl+N present and every key of the return offered (F6 for a printed original)."""
    app = make_app(language=language, demo=FakeDemo())
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await sell_and_print(pilot, "2*" + BARCODE_1)
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "CustomerScreen")
        await pilot.press("f2")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await open_return_from_detail(pilot)
        await pilot.pause()
        labels = _footer_fits(app)
        assert any(label.startswith("F6 ") for label in labels) and any("^N" in label for label in labels)
        assert shadowed(app) == []
        await pilot.press("a", "enter")  # all, then into the reason field: its keys are not hidden either
        assert shadowed(app) == []
        await type_text(pilot, "x")
        await pilot.press("f6", "f10")
        await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
        await type_text(pilot, MANAGER_PIN)
        await pilot.press("enter")
        await until_done(pilot)
        await pilot.pause()
        assert _footer_fits(app) and shadowed(app) == []


async def test_the_compact_display_shows_the_return_in_ascii(make_app, shop) -> None:
    shop.checkout(simple_sale())
    app = make_app(display="compact")
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_return_from_detail(pilot)
        assert "Up/Down 選品項" in screen_text(app)
        await pilot.press("a", "enter")
        await type_text(pilot, "x")
        await approve(pilot)
        await until_done(pilot)
        await pilot.pause()
        shown = screen_text(app)
        assert "NT$315" in shown and not any(ord(c) in range(0x2500, 0x2580) for c in shown)


async def test_a_return_begun_at_235959_on_the_periods_last_day_becomes_an_allowance_at_midnight(
        make_app, shop, clock) -> None:
    sale = shop.checkout(simple_sale())
    clock.set(datetime(2026, 12, 31, 23, 59, 59, tzinfo=TAIPEI))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_return_from_detail(pilot)
        assert app.screen.plan.kind == "reissue" and "作廢原發票" in screen_text(app)
        await pilot.press("down", "1", "enter")
        await type_text(pilot, "late")
        clock.set(datetime(2027, 1, 1, 0, 0, 0, tzinfo=TAIPEI))  # the PIN is typed after midnight
        await approve(pilot)
        await until(pilot, lambda: screen_name(app) == "ReturnScreen" and app.screen.loads > 1)
        assert "不能作廢重開，請改開折讓證明單" in message(app)
        assert app.screen.plan.kind == "allowance" and "開立折讓證明單" in screen_text(app)
        assert chosen(app) == [(BATTERY, 0), (MASKS, 1)]  # the choice survives the change of way
        assert shop.order(sale.order_id).order.status == "completed"  # nothing was written
        await approve(pilot)
        await until_done(pilot)
        [allowance] = shop.allowances(sale.order_id)
        assert allowance.total == 105 and allowance.issued_at.year == 2027


async def test_a_burst_arrives_whole_in_the_return_fields_and_on_its_lines(make_app, shop) -> None:
    shop.checkout(simple_sale())
    app = make_app()
    failures: dict[str, str] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_return_from_detail(pilot)
        post_burst(app, ["down", "1", "minus", "plus", "plus"])  # as fast as a scanner: none lost, none reordered
        await until(pilot, lambda: chosen(app) == [(BATTERY, 0), (MASKS, 2)], timeout=3)
        post_burst(app, ["enter", *"a2"])  # Enter moves on at once: "a2" is the reason, not "all" and a quantity
        await until(pilot, lambda: app.screen.query_one("#return-reason", Input).value == "a2", timeout=3)
        assert chosen(app) == [(BATTERY, 0), (MASKS, 2)]
        await burst_into(pilot, "return-reason", failures)
        await pilot.press("f4")
        await burst_into(pilot, "return-reference", failures)
    assert failures == {}

"""Shift close (交班) in the app: F9 from the cart shows the open shift's figures as the store has them,
F10 asks the cashier's own PIN (a wrong one closes nothing), then the Z report is stored and printed on
the virtual printer, F11 reprints it (補印), and F10 完成 returns the till to the login screen. Orders
still waiting for upload are a warning on the screen and in the PIN box."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from sqlalchemy import text

from core.checkout import InvoiceRequest, Sale, Tender
from core.pins import hash_pin
from core.printer.virtual.renderer import to_text
from tests.factories import simple_sale
from tests.tui.helpers import login, screen_name, screen_text, type_text, until

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)

MANUAL = "XY87654321"


@dataclass
class Shift:
    """The sales a test made, and what the shift's report must say about them."""

    cash: list[Sale]
    card: list[Sale]
    manual: Sale
    voided: Sale

    @property
    def kept(self) -> list[Sale]:
        return [*self.cash, *self.card, self.manual]

    @property
    def electronic(self) -> list[str]:
        return sorted(s.invoice_number for s in [*self.cash, *self.card, self.voided])


def _sell(shop, clock) -> Shift:
    """Two cash sales (one with change), two card sales, a hand-written invoice paid in cash, and a cash
    sale voided afterwards; a minute apart, then a minute more so every one is inside the shift."""

    def sale(tenders: list[Tender] | None = None, invoice: InvoiceRequest | None = None) -> Sale:
        clock.advance(minutes=1)
        request = simple_sale(invoice)
        return shop.checkout(replace(request, tenders=tenders) if tenders else request)

    cash = [sale([Tender("cash", 1000)]), sale([Tender("cash", 315)])]
    card = [sale([Tender("card", 315)]), sale([Tender("card", 315)])]
    manual = sale([Tender("cash", 500)], InvoiceRequest.manual(MANUAL))
    voided = sale([Tender("cash", 315)])
    clock.advance(minutes=1)
    shop.void(voided.order_id, staff_id="E001", manager_pin="1234", reason="客人退貨")
    clock.advance(minutes=1)
    return Shift(cash, card, manual, voided)


def _row(shown: str, label: str) -> list[str]:
    """A row of the payment table, as its cells."""
    return next(line.split() for line in shown.splitlines() if line.strip().startswith(label + " "))


async def _open(pilot) -> None:
    app = pilot.app
    await pilot.press("f9")
    await until(pilot, lambda: screen_name(app) == "ShiftCloseScreen" and app.screen.loads > 0)
    await pilot.pause()


async def _confirm(pilot) -> None:
    """F10 on the shift screen: the PIN box comes up."""
    await pilot.press("f10")
    await until(pilot, lambda: screen_name(pilot.app) == "ShiftPinScreen")


async def test_the_screen_shows_the_open_shifts_figures_from_the_store(make_app, shop, clock) -> None:
    shift = _sell(shop, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await _open(pilot)
        shown = screen_text(app)
        kept, cash_sales = shift.kept, [*shift.cash, shift.manual]
        assert f"交易 {len(kept)} 筆　合計 NT${sum(s.total for s in kept):,}" in shown
        assert _row(shown, "現金") == ["現金", str(len(cash_sales)), f"NT${sum(s.total for s in cash_sales):,}",
                                     f"NT${sum(s.change for s in cash_sales):,}"]
        assert _row(shown, "信用卡") == ["信用卡", str(len(shift.card)), f"NT${sum(s.total for s in shift.card):,}"]
        electronic = shift.electronic
        assert f"已開發票 {len(electronic) + 1} 張　電子發票 {len(electronic)} 張 {electronic[0]} … {electronic[-1]}" \
            in shown
        assert f"手開發票 1 張：{MANUAL}" in shown
        assert f"作廢 1 張　NT${shift.voided.total:,}" in shown and f"作廢號碼：{shift.voided.invoice_number}" in shown
        left = [int(line.strip().split("　")[-1].removesuffix(" 張")) for line in shown.splitlines()
                if line.strip().startswith("剩餘號碼 ")]
        assert sum(left) == shop.numbers_left().current == 100 - len(electronic)  # two booklets of 50
        last = electronic[-1]
        assert f"剩餘號碼 {last[:2]}{int(last[2:]) + 1:08d}～" in shown  # the first unused number
        opened = min(s.created_at for s in [*kept, shift.voided])
        assert f"本班期間 {opened:%Y-%m-%d %H:%M} → {clock.now():%Y-%m-%d %H:%M}" in shown
        # Nothing reached HQ in this test: every order (the voided one too) waits, and the cashier sees it.
        assert "！尚未上傳 6 筆、需處理 0 筆：發票須於 48 小時內上傳總部" in shown
        await until(pilot, lambda: "F10 交班" in screen_text(app))  # the footer fills in after the body
        assert "F11" not in screen_text(app)  # no reprint before there is a Z report
        assert shop.shift_reports() == []  # looking closes nothing
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        assert app.focused is not None and app.focused.id == "scan"


async def test_a_wrong_pin_closes_nothing_and_the_right_one_stores_and_prints_the_z_report(
        make_app, shop, clock, printer) -> None:
    shift = _sell(shop, clock)
    with shop.db.write() as session:
        session.execute(text("UPDATE staff SET pin_hash = :hash WHERE id = 'M001'"), {"hash": hash_pin("5678")})
    assert shop.login("M001", "5678").id == "M001"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await _open(pilot)
        screen = app.screen
        await _confirm(pilot)
        assert app.focused is not None and app.focused.id == "shift-pin"
        assert "！尚未上傳 6 筆" in screen_text(app)  # the warning again, where the close is confirmed
        await type_text(pilot, "5678")  # the manager's PIN: it is the logged-in cashier's own that counts
        await pilot.press("enter")
        await until(pilot, lambda: "店員或密碼不正確" in screen_text(app))
        assert screen_name(app) == "ShiftPinScreen" and not screen.closed
        assert shop.shift_reports() == [] and printer.pieces == []
        await type_text(pilot, "1234")  # E001's own PIN, F10 like Enter
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ShiftCloseScreen" and screen.job_state == "printed")
        [report] = shop.shift_reports()
        kept = shift.kept
        assert (report.number, report.closed_by, report.orders, report.total) == (
            1, "E001", len(kept), sum(s.total for s in kept))
        by_kind = {p.kind: (p.count, p.amount, p.change) for p in report.payments}
        cash_sales = [*shift.cash, shift.manual]
        assert by_kind == {
            "cash": (len(cash_sales), sum(s.total for s in cash_sales), sum(s.change for s in cash_sales)),
            "card": (len(shift.card), sum(s.total for s in shift.card), 0)}
        assert (report.voided_numbers, report.manual_numbers) == ((shift.voided.invoice_number,), (MANUAL,))
        assert report.pending_uploads == 6
        shown = screen_text(app)
        assert "交班完成　Z000001" in shown and "Z 報表 Z000001 已儲存" in shown and "列印：已印出" in shown
        await until(pilot, lambda: "F10 完成" in screen_text(app) and "F11 補印" in screen_text(app))
        assert "F10 交班" not in screen_text(app)  # the footer follows the closed state
        # The virtual printer cut the Z report: the paper says what the store has.
        assert len(printer.pieces) == 1 and printer.pieces[0].cut
        paper = to_text(printer.pieces[0])
        assert "交班報表 Z" in paper and "序號 Z000001" in paper and "！尚有 6 筆訂單未上傳總部" in paper
        assert any(line.startswith("銷售總額") and line.endswith(str(report.total)) for line in paper.splitlines())
        await pilot.press("f11")  # 補印
        await until(pilot, lambda: len(printer.pieces) == 2 and screen.job_state == "printed")
        assert "交班報表 Z補印" in to_text(printer.pieces[1])
        assert len(shop.shift_reports()) == 1  # a reprint stores nothing new
        await until(pilot, lambda: "（補印）" in screen_text(app))
        await pilot.press("f11")  # the same second (a ManualClock): the same job id, refused, nothing prints
        await until(pilot, lambda: "Z 報表剛送出列印" in screen_text(app))
        assert len(printer.pieces) == 2
        await pilot.press("f10")  # done: the till is back at the login, nobody logged in
        await until(pilot, lambda: screen_name(app) == "LoginScreen")
        assert app.sale.staff is None and len(app.screen_stack) == 1
        assert app.focused is not None and app.focused.id == "pin"
        await login(pilot)  # the next cashier
        await _open(pilot)  # the next shift starts where this one closed: nothing in it yet
        assert "交易 0 筆　合計 NT$0" in screen_text(app)


async def test_the_upload_warning_follows_the_backlog(make_app, shop, clock) -> None:
    sales = [shop.checkout(simple_sale()) for _ in range(3)]
    clock.advance(minutes=5)
    with shop.db.write() as session:
        for sale in sales[1:]:
            session.execute(text("UPDATE outbox SET state = 'success' WHERE order_id = :id"), {"id": sale.order_id})
    app = make_app(language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await _open(pilot)
        warning = "! Not uploaded: 1 waiting, 0 need attention. Invoices must reach HQ within 48"
        assert warning in screen_text(app) and app.screen.query_one("#shift-warning").display
        await _confirm(pilot)
        await pilot.pause()
        assert "! Not uploaded: 1 waiting, 0 need attention" in screen_text(app)
        await pilot.press("escape")  # not now: nothing closed
        await until(pilot, lambda: screen_name(app) == "ShiftCloseScreen")
        assert shop.shift_reports() == []
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        with shop.db.write() as session:
            session.execute(text("UPDATE outbox SET state = 'success' WHERE order_id = :id"),
                            {"id": sales[0].order_id})
        await _open(pilot)
        assert "Not uploaded" not in screen_text(app) and not app.screen.query_one("#shift-warning").display
        assert "Orders 3  total NT$945" in screen_text(app)
        await _confirm(pilot)
        await pilot.pause()
        assert "Not uploaded" not in screen_text(app) and "Close this shift: 3 orders, total NT$945" in screen_text(app)


async def test_without_a_printer_the_close_is_stored_and_says_it_was_not_printed(make_app, shop, clock) -> None:
    shop.checkout(simple_sale())
    clock.advance(minutes=1)
    app = make_app(printer_config=None, emulator=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await _open(pilot)
        await _confirm(pilot)
        await type_text(pilot, "1234")
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "ShiftCloseScreen" and app.screen.closed
                    and "本機沒有設定印表機" in screen_text(app))
        assert [(r.number, r.orders, r.total) for r in shop.shift_reports()] == [(1, 1, 315)]
        assert "Z 報表 Z000001 已儲存" in screen_text(app)



async def test_a_printer_fault_leaves_the_report_stored_and_f11_prints_it_once_fixed(
        make_app, shop, clock, printer) -> None:
    shop.checkout(simple_sale())
    clock.advance(minutes=1)
    printer.set_fault("paper-end")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await _open(pilot)
        screen = app.screen
        await _confirm(pilot)
        await type_text(pilot, "1234")
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "ShiftCloseScreen" and screen.job_state == "failed")
        await until(pilot, lambda: "列印：列印失敗" in screen_text(app) and "沒有紙了" in screen_text(app))
        assert [r.number for r in shop.shift_reports()] == [1] and printer.pieces == []
        printer.set_fault(None)
        await pilot.press("f11")
        await until(pilot, lambda: screen.job_state == "printed" and len(printer.pieces) == 1)
        assert "序號 Z000001" in to_text(printer.pieces[0])


async def test_esc_after_the_close_also_returns_the_till_to_the_login(make_app, shop, clock) -> None:
    shop.checkout(simple_sale())
    clock.advance(minutes=5)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await _open(pilot)
        await pilot.press("escape")  # before the close Esc is only "back": still logged in, at the cart
        await until(pilot, lambda: screen_name(app) == "CartScreen" and app.sale.staff is not None)
        await _open(pilot)
        await _confirm(pilot)
        await type_text(pilot, "1234")
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "ShiftCloseScreen" and app.screen.closed)
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "LoginScreen" and app.sale.staff is None)


async def test_returns_and_refunds_show_with_the_cash_the_drawer_should_hold(make_app, shop, clock) -> None:
    shift = _sell(shop, clock)
    kept_cash = sum(s.total for s in [*shift.cash, shift.manual])  # tendered less change, per cash sale
    clock.advance(minutes=1)
    returned = shop.return_in_period(shift.cash[1].order_id, [(1, 1)], reason="客人退貨", refunds=None,
                                     staff_id="E001", manager_pin="1234")  # 乾電池 NT$105 back in cash
    assert returned.sale is not None
    clock.advance(minutes=1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await _open(pilot)
        shown = screen_text(app)
        assert "退貨 1 筆　NT$105（期內作廢重開 1、折讓 0）　重開發票 1 張" in shown
        assert "退款 現金 1 筆　NT$105" in shown
        assert f"應有現金 NT${kept_cash - 105:,}（不含零用金）" in shown

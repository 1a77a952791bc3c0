"""Receipt printing (preview, live status, printer errors with guidance, 補印), the order list
(today, search, status, paging, detail, void with a manager PIN), upload records, devices, help."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from core.checkout import InvoiceRequest
from core.store.orders import OrderFilter
from tests.factories import MANAGER_PIN, WRONG_PIN, simple_sale
from tests.tui.helpers import (
    BARCODE_1,
    login,
    open_detail,
    open_orders,
    open_void,
    scan,
    screen_name,
    screen_text,
    sell,
    sell_and_print,
    until,
)

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


async def test_preview_shows_the_proof_copy_with_half_block_qr_codes_and_prints_it(make_app, printer) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await sell(pilot, BARCODE_1)
        receipt = app.screen
        await until(pilot, lambda: receipt.job_state == "printed")
        shown = screen_text(app)
        assert "電子發票證明聯" in shown and "AB-12345600" in shown and "已印出" in shown
        assert "█" in shown and "▀" in shown  # the QR codes, drawn with half blocks
        assert len(printer.pieces) == 1 and (printer.out_dir / "job-0001.png").exists()
        assert app.status.printer == "ready"
        await pilot.press("f11")  # 補印: same invoice, marked as a reprint
        await until(pilot, lambda: len(printer.pieces) == 2 and receipt.job_state == "printed")
        from core.printer.virtual.renderer import to_text

        assert "補印" in to_text(printer.pieces[1]) and "AB-12345600" in to_text(printer.pieces[1])


async def test_a_printer_fault_is_explained_with_its_guidance_and_the_copy_stays_owed(make_app, printer, shop) -> None:
    printer.set_fault("paper-end")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await sell(pilot, BARCODE_1)
        await until(pilot, lambda: app.screen.job_state == "failed")
        shown = screen_text(app)
        assert "列印失敗" in shown and "沒有紙了" in shown and "裝入新的紙捲" in shown
        assert app.status.printer == "error" and "錯誤" in shown
        with shop.db.read() as session:
            assert session.execute(text("SELECT print_count, printed_at FROM invoices")).one() == (0, None)
        printer.set_fault(None)
        await pilot.press("f11")
        await until(pilot, lambda: app.screen.job_state == "printed")
        with shop.db.read() as session:
            assert session.execute(text("SELECT print_count FROM invoices")).scalar_one() == 1


async def test_order_list_search_detail_and_void_with_a_manager_pin(make_app, shop, clock) -> None:
    sales = [shop.checkout(simple_sale()) for _ in range(3)]
    clock.advance(days=-1)
    yesterday = shop.checkout(simple_sale(InvoiceRequest.b2b("24634102")))
    clock.advance(days=1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_orders(pilot, 3)
        orders = app.screen
        assert [row.order_no for row in orders.page.rows] == [s.order_no for s in reversed(sales)]
        await pilot.press("f3")  # all days
        await until(pilot, lambda: len(orders.page.rows) == 4)
        await scan(pilot, yesterday.invoice_number)  # search by invoice number
        await until(pilot, lambda: [r.order_no for r in orders.page.rows] == [yesterday.order_no])
        await pilot.press("enter")  # empty Enter clears the search (still all days)
        await until(pilot, lambda: len(orders.page.rows) == 4)
        await open_detail(pilot)  # detail of the newest
        assert sales[-1].order_no in screen_text(app)
        await open_void(pilot)
        void = app.screen
        void.query_one("#void-reason").value = "客人退貨"
        void.query_one("#void-pin").value = "0000"
        await pilot.press("f10")
        await until(pilot, lambda: "店長密碼不正確" in screen_text(app))
        void.query_one("#void-pin").value = "1234"  # M001's PIN
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "OrderDetailScreen"
                    and app.screen.detail.order.status == "voided")
        assert "已作廢（客人退貨）" in screen_text(app)
        with shop.db.read() as session:
            audit = session.execute(text("SELECT staff_id, approved_by, order_id, detail FROM audit_log "
                                         "WHERE action = 'void'")).one()
        assert audit[:3] == ("E001", "M001", sales[-1].order_id) and json.loads(audit[3])["reason"] == "客人退貨"
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen" and orders.page.rows[0].status == "voided")
        await pilot.press("f4", "f4")  # status filter: completed, then voided
        await until(pilot, lambda: [r.order_no for r in orders.page.rows] == [sales[-1].order_no])


async def test_order_list_pages_by_keyset(make_app, shop) -> None:
    for _ in range(55):
        shop.checkout(simple_sale(InvoiceRequest.mobile("/ABC+123")))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_orders(pilot, 50)
        orders = app.screen
        first = [r.order_no for r in orders.page.rows]
        assert orders.page.has_older and not orders.page.has_newer
        await pilot.press("pagedown")
        await until(pilot, lambda: len(orders.page.rows) == 5)
        assert [r.order_no for r in orders.page.rows] == [f"S01-{n:06d}" for n in range(5, 0, -1)]
        assert orders.page.has_newer and not orders.page.has_older and "第 2 頁" in screen_text(app)
        await pilot.press("pageup")
        await until(pilot, lambda: [r.order_no for r in orders.page.rows] == first)


async def test_upload_records_show_each_state_and_open_the_detail(make_app, shop) -> None:
    from core.store.outbox import Reason, mark_attention

    sales = [shop.checkout(simple_sale()) for _ in range(2)]
    with shop.db.write() as session:
        mark_attention(session, [(sales[0].order_id, Reason("order.total_mismatch", {"detail": "315 != 300"}), None)],
                       shop.clock.now())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await until(pilot, lambda: app.status.attention == 1 and app.status.backlog == 1)
        assert "需處理 1" in screen_text(app) and "待傳 1" in screen_text(app)
        await pilot.press("f6")
        await until(pilot, lambda: screen_name(app) == "UploadsScreen" and len(app.screen.records) == 2)
        shown = screen_text(app)
        assert "等待中" in shown and "需處理" in shown and "訂單金額不一致" in shown
        await pilot.press("down", "enter")
        await until(pilot, lambda: screen_name(app) == "OrderDetailScreen" and app.screen.upload is not None)
        assert sales[0].order_no in screen_text(app) and "尚未上傳" in screen_text(app)


async def test_devices_show_status_summary_guidance_test_print_and_reset(make_app, printer) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f7")
        await until(pilot, lambda: screen_name(app) == "DevicesScreen" and app.screen.report is not None
                    and app.screen.status is not None)
        shown = screen_text(app)
        assert "連接埠 emulator" in shown and "印表機正常" in shown and "0 個問題待修正" in shown
        printer.set_fault("cover-open")
        await pilot.press("f5")
        await until(pilot, lambda: "1 個問題待修正" in screen_text(app))
        assert "機蓋打開" in screen_text(app) and "把機蓋確實蓋好" in screen_text(app)
        printer.set_fault(None)
        await pilot.press("f9")  # test page
        await until(pilot, lambda: app.screen.job_state == "printed")
        from core.printer.virtual.renderer import to_text

        assert "測試" in to_text(printer.pieces[-1])
        await pilot.press("f11")
        await until(pilot, lambda: "已重設印表機連線" in screen_text(app) or app.screen.status is not None)


async def test_help_lists_the_keys(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f1")
        await until(pilot, lambda: screen_name(app) == "HelpScreen")
        assert "F10 結帳" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        assert app.focused is not None and app.focused.id == "scan"


# -- lawful paper -------------------------------------------------------------------------------
def _footer(app) -> str:
    return screen_text(app).splitlines()[-1]


def _notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_voided_order_is_never_printed_again_from_the_receipt_list_or_detail(make_app, shop, printer) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await sell_and_print(pilot, BARCODE_1)
        receipt = app.screen
        await until(pilot, lambda: "F11 補印" in _footer(app))  # the footer repaints after the receipt shows
        assert len(printer.pieces) == 1
        [row] = shop.orders(OrderFilter()).rows
        shop.void(row.id, staff_id="E001", manager_pin=MANAGER_PIN, reason="客人退貨")
        await pilot.press("f11")  # the screen still offered it: the Station refuses, nothing prints
        await until(pilot, lambda: receipt.paper is not None and receipt.paper.voided)
        await until(pilot, lambda: "F11 補印" not in _footer(app))
        assert f"發票 {row.invoice_number} 已作廢：不再列印" in str(receipt.query_one("#sale-summary").content)
        await pilot.press("f11")  # hidden now: does nothing
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "CustomerScreen")
        await pilot.press("f2")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await open_orders(pilot, 1)
        await pilot.press("f11")  # from the list
        await until(pilot, lambda: f"發票 {row.invoice_number} 已作廢：不再列印" in _notes(app))
        assert screen_name(app) == "OrdersScreen"
        await open_detail(pilot)
        await until(pilot, lambda: "已作廢（客人退貨）" in screen_text(app))
        assert "F11 補印" not in _footer(app)
        await pilot.press("f11")
        await pilot.pause()
        assert screen_name(app) == "OrderDetailScreen"
    assert len(printer.pieces) == 1  # only the original, before the void
    with shop.db.read() as session:
        assert session.execute(text("SELECT print_count FROM invoices")).scalar_one() == 1


async def test_the_second_reprint_asks_a_manager_pin_and_a_wrong_one_prints_nothing(make_app, shop, printer) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await sell_and_print(pilot, BARCODE_1)
        receipt = app.screen
        await pilot.press("f11")  # the first 補印: the cashier alone
        await until(pilot, lambda: len(printer.pieces) == 2 and receipt.job_state == "printed")
        await pilot.press("f11")  # the second: a manager's PIN first
        await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
        box = app.screen
        assert "已補印 1 次" in screen_text(app)
        box.query_one("#manager-pin").value = WRONG_PIN
        await pilot.press("f10")
        await until(pilot, lambda: "店長密碼不正確" in screen_text(app))
        assert screen_name(app) == "ManagerPinScreen" and len(printer.pieces) == 2
        box.query_one("#manager-pin").value = MANAGER_PIN
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ReceiptScreen" and len(printer.pieces) == 3
                    and receipt.job_state == "printed")
        from core.printer.virtual.renderer import to_text

        assert "電子發票證明聯補印" in to_text(printer.pieces[2])
        await pilot.press("f11")  # and every later one asks again; Esc cancels, nothing printed
        await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "ReceiptScreen")
    assert len(printer.pieces) == 3
    with shop.db.read() as session:
        audit = session.execute(text("SELECT staff_id, approved_by, detail FROM audit_log WHERE action = 'reprint' "
                                     "ORDER BY id")).all()
    assert [(a[0], a[1], json.loads(a[2])["copy"]) for a in audit] == [("E001", None, 2), ("E001", "M001", 3)]


async def test_f11_on_a_carrier_order_from_the_list_prints_a_details_slip_reprint(make_app, shop, printer) -> None:
    sale = shop.checkout(simple_sale(InvoiceRequest.mobile("/ABC+123")))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_orders(pilot, 1)
        await pilot.press("f11")
        await until(pilot, lambda: screen_name(app) == "ReceiptScreen" and app.screen.job_state == "printed")
        assert "改印交易明細" in str(app.screen.query_one("#sale-summary").content)
        await pilot.press("f11")
        await until(pilot, lambda: len(printer.pieces) == 2 and app.screen.job_state == "printed")
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen")
        await open_detail(pilot)
        assert "交易明細已印 2 次" in screen_text(app)
    from core.printer.virtual.renderer import to_text

    assert [to_text(p).splitlines()[1] for p in printer.pieces] == ["交易明細", "交易明細補印"]
    with shop.db.read() as session:
        row = session.execute(text("SELECT print_mark, print_count, printed_at, slip_count FROM invoices "
                                   "WHERE order_id = :id"), {"id": sale.order_id}).one()
    assert tuple(row) == (0, 0, None, 2)

"""Voids (作廢) go to HQ on their own: the upload records and the order detail show each void's upload
state with HQ's reason, the summary line counts them, and a void made here wakes the sync service."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from core.store.outbox import Reason, mark_voids
from tests.factories import simple_sale
from tests.tui.helpers import login, open_detail, open_orders, open_void, screen_name, screen_text, until
from tui.sync_bridge import SyncBridge

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


class FakeService:
    """A SyncService that only records what the app asked of it."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def start(self) -> None:
        self.calls.append("start")

    def stop(self) -> None:
        self.calls.append("stop")

    def notify_sale(self) -> None:
        self.calls.append("sale")

    def notify_void(self) -> None:
        self.calls.append("void")

    def probe_now(self) -> None:
        self.calls.append("probe")

    def retry(self, order_ids=None) -> int:
        self.calls.append("retry")
        return 0


def _voids(shop) -> list:
    """Four sales: 0 voided and its void refused by HQ, 1 voided with its void waiting, 2 voided while its
    order has not reached HQ yet, 3 not voided."""
    sales = [shop.checkout(simple_sale()) for _ in range(4)]
    for sale in sales[:3]:
        shop.void(sale.order_id, staff_id="E001", manager_pin="1234", reason="客人退貨")
    with shop.db.write() as session:
        for sale in sales[:2]:
            session.execute(text("UPDATE outbox SET state = 'success' WHERE order_id = :id"), {"id": sale.order_id})
        mark_voids(session, shop.clock.now(), refused=[(sales[0].order_id, Reason("void.reason_required", {}))])
    return sales


async def test_upload_records_and_detail_show_each_voids_upload(make_app, shop) -> None:
    sales = _voids(shop)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f6")
        await until(pilot, lambda: screen_name(app) == "UploadsScreen" and len(app.screen.records) == 4)
        uploads = app.screen
        shown = screen_text(app)
        assert "作廢：等待中 2　需處理 1" in shown  # the summary line counts the voids on their own
        table = uploads.query_one("#uploads")
        cells = {sale.order_id: str(table.get_row(sale.order_id)[4]) for sale in sales}
        assert cells[sales[0].order_id] == "作廢：需處理 請輸入作廢原因"  # HQ's refusal, in words
        assert cells[sales[1].order_id] == "作廢：等待中"
        assert cells[sales[2].order_id].startswith("作廢：等待中（等訂單先上傳）")
        assert "作廢" not in cells[sales[3].order_id]
        assert "作廢：需處理" in shown and "作廢：等待中" in shown
        await pilot.press("down", "down", "down", "enter")  # newest first: sales[0] is the last row
        await until(pilot, lambda: screen_name(app) == "OrderDetailScreen" and app.screen.upload is not None)
        assert app.screen.order_id == sales[0].order_id
        shown = screen_text(app)
        assert "作廢上傳：需處理 請輸入作廢原因" in shown and "上傳：成功" in shown


async def test_the_void_summary_is_in_english_too_and_absent_without_voids(make_app, shop) -> None:
    shop.checkout(simple_sale())
    app = make_app(language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f6")
        await until(pilot, lambda: screen_name(app) == "UploadsScreen" and len(app.screen.records) == 1)
        assert "voids:" not in screen_text(app)
        shop.void(app.screen.records[0].order_id, staff_id="E001", manager_pin="1234", reason="wrong item")
        await pilot.press("f5")
        await until(pilot, lambda: "voids: waiting 1  attention 0" in screen_text(app))
        assert "Void: waiting (after the order)" in screen_text(app)


async def test_a_void_from_the_order_detail_wakes_the_sync_service(make_app, shop) -> None:
    sale = shop.checkout(simple_sale())
    service = FakeService()
    app = make_app(sync=SyncBridge(lambda deliver: service))
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_orders(pilot, 1)
        await open_detail(pilot)
        assert "void" not in service.calls
        await open_void(pilot)
        app.screen.query_one("#void-reason").value = "客人退貨"
        app.screen.query_one("#void-pin").value = "1234"
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "OrderDetailScreen"
                    and app.screen.detail.order.status == "voided")
        assert service.calls.count("void") == 1
        await until(pilot, lambda: "作廢上傳：等待中（等訂單先上傳）" in screen_text(app))
        assert sale.order_id == app.screen.order_id


async def test_the_summary_counts_allowances_on_their_way_to_hq(make_app, shop) -> None:
    sale = shop.checkout(simple_sale())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f6")
        await until(pilot, lambda: screen_name(app) == "UploadsScreen" and len(app.screen.records) == 1)
        assert "折讓：" not in screen_text(app)
        shop.return_lines(sale.order_id, [(1, 1)], reason="客人退貨", staff_id="E001", manager_pin="1234")
        await pilot.press("f5")  # the allowance waits for its order to reach HQ first
        await until(pilot, lambda: "折讓：等待中 1　需處理 0" in screen_text(app))


async def test_the_order_detail_shows_each_allowances_upload_and_hqs_reason(make_app, shop) -> None:
    sale = shop.checkout(simple_sale())
    kept = shop.return_lines(sale.order_id, [(1, 1)], reason="客人退貨", staff_id="E001", manager_pin="1234")
    refused = shop.return_lines(sale.order_id, [(2, 1)], reason="客人退貨", staff_id="E001", manager_pin="1234")
    with shop.db.write() as session:
        session.execute(text("UPDATE allowance_outbox SET state = 'success' WHERE allowance_id = :id"), {"id": kept.id})
        session.execute(text("UPDATE allowance_outbox SET state = 'attention', last_error = :why"
                             " WHERE allowance_id = :id"),
                        {"id": refused.id,
                         "why": Reason("allowance.number_taken", {"number": refused.number}).to_json()})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_orders(pilot, 1)
        await open_detail(pilot)
        await until(pilot, lambda: f"折讓 {refused.number}" in screen_text(app))
        lines = {line.strip() for line in screen_text(app).splitlines()}
        assert any(line.startswith(f"折讓 {kept.number}") and line.endswith("上傳：成功") for line in lines)
        assert any(line.startswith(f"折讓 {refused.number}") and "上傳：需處理" in line for line in lines)
        assert f"折讓單號 {refused.number} 在總部已屬於另一張折讓單" in lines  # HQ's reason, whole

"""The seed flow end to end, as `cashier demo` runs it: a real HQ on a loopback port, the sync service,
the virtual printer. Sell online, cut the network (Ctrl+N), sell offline — an item missing from the catalog
priced by hand and a price changed by the cashier — restore it, and watch the backlog upload and HQ's
reconciliation (店長改價, unknown SKU) arrive in the upload records' 詳情."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from core.clock import ManualClock
from core.demo.station import DEMO_PINS
from tests.factories import NOON
from tests.tui.helpers import BARCODE_1, BARCODE_2, login, scan, screen_name, screen_text, sell_and_print, until
from tui.launch import build_demo

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


def _upload_states(demo) -> dict[str, str]:
    with demo.station.db.read() as session:
        rows = session.execute(text("SELECT o.order_no, ob.state FROM orders o JOIN outbox ob ON ob.order_id = o.id"))
        return dict(rows.all())


async def test_offline_sales_upload_when_the_network_returns(tmp_path: Path) -> None:
    demo = build_demo(tmp_path / "demo", ManualClock(NOON), probe_interval=0.2)
    app = demo.app
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.status.online is True)
            assert str(app.screen.query_one("#open").label) == "開啟前台"
            await login(pilot)

            # Online sale: printed on the virtual printer, saved as PNG, uploaded.
            await sell_and_print(pilot, BARCODE_1)
            await until(pilot, lambda: app.screen.saved_path != "")
            assert Path(app.screen.saved_path).with_suffix(".png").exists()
            await until(pilot, lambda: _upload_states(demo) == {"S01-000001": "success"})
            await pilot.press("f10")
            await until(pilot, lambda: screen_name(app) == "CustomerScreen")
            await pilot.press("f2")

            # Cut the network: the status bar and the login button say offline.
            await pilot.press("ctrl+n")
            await until(pilot, lambda: app.status.online is False)
            assert "離線" in screen_text(app)

            # Offline sale: an unlisted SKU priced by hand, and a catalog item sold below its price.
            await scan(pilot, "4719999999993")
            await until(pilot, lambda: screen_name(app) == "LineEditScreen")
            await pilot.press(*"88", "f10")
            await until(pilot, lambda: screen_name(app) == "CartScreen")
            await scan(pilot, BARCODE_2)
            await until(pilot, lambda: len(app.screen.cart.lines) == 2)
            await pilot.press("f3")
            await until(pilot, lambda: screen_name(app) == "LineEditScreen")
            price = app.screen.query_one("#line-price")
            price.value = "200"
            await pilot.press("f10")  # below the catalog's 210: the manager allows it with their own PIN
            await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
            assert "210" in screen_text(app)
            await pilot.press(*DEMO_PINS["M001"], "enter")
            await until(pilot, lambda: screen_name(app) == "CartScreen" and app.screen.cart.lines[1].unit_price == 200)
            await pilot.press("f10")
            await until(pilot, lambda: screen_name(app) == "CheckoutScreen")
            await pilot.press("f10")
            await until(pilot, lambda: screen_name(app) == "ReceiptScreen" and app.screen.job_state == "printed")
            assert _upload_states(demo)["S01-000002"] in ("waiting", "failed")
            assert app.status.backlog == 1
            await pilot.press("f10")
            await until(pilot, lambda: screen_name(app) == "CustomerScreen")
            await pilot.press("f2")

            # Restore: the backlog drains and HQ's reconciliation comes back.
            await pilot.press("ctrl+n")
            await until(pilot, lambda: app.status.online is True, timeout=20)
            await until(pilot, lambda: _upload_states(demo).get("S01-000002") == "success", timeout=20)
            await until(pilot, lambda: app.status.backlog == 0)
            await pilot.press("f6")
            await until(pilot, lambda: screen_name(app) == "UploadsScreen" and len(app.screen.records) == 2)
            assert "成功" in screen_text(app)
            await pilot.press("enter")  # 詳情 of the newest record: the offline sale
            await until(pilot, lambda: screen_name(app) == "OrderDetailScreen" and app.screen.upload is not None)
            shown = screen_text(app)
            assert "S01-000002" in shown and "店長改價" in shown and "4719999999993" in shown
            with demo.station.db.read() as session:
                fixes = session.execute(text(
                    "SELECT sku, price_override, unknown_sku, price_approved_by FROM order_lines l"
                    " JOIN orders o ON o.id = l.order_id WHERE o.order_no = 'S01-000002' ORDER BY position")).all()
            assert fixes == [("4719999999993", 0, 1, None), ("SKU00002", 1, 0, "M001")]
            with demo.controls.hq_db.read() as session:  # the approver reached HQ with the order
                at_hq = session.execute(text(
                    "SELECT l.sku, l.price_approved_by FROM hq_order_lines l JOIN hq_orders o ON o.id = l.order_id"
                    " WHERE o.order_no = 'S01-000002' ORDER BY l.position")).all()
            assert at_hq == [("4719999999993", None), ("SKU00002", "M001")]
    finally:
        demo.close()

"""The upload detail (詳情) shows the MOF platform's state of the order's invoice, as HQ last reported it."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from core.store.mof_state import record
from tests.factories import simple_sale
from tests.tui.helpers import login, screen_name, screen_text, until

pytestmark = pytest.mark.anyio


async def test_the_detail_shows_a_rejection_with_the_platforms_code_and_text(make_app, shop) -> None:
    sale = shop.checkout(simple_sale())
    now = shop.clock.now()
    with shop.db.write() as session:
        session.execute(text("UPDATE outbox SET state = 'success' WHERE order_id = :id"), {"id": sale.order_id})
        record(session, [(sale.order_id, "F0401", sale.invoice_number, "rejected", "E0401", "發票號碼不在配號區間",
                          now)], now)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f6")
        await until(pilot, lambda: screen_name(app) == "UploadsScreen" and len(app.screen.records) == 1)
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "OrderDetailScreen" and app.screen.upload is not None)
        shown = screen_text(app)
        assert "財政部平台（F0401）：被退回" in shown and "E0401 發票號碼不在配號區間" in shown

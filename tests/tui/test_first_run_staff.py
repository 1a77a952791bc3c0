"""After the first-run setup the store has no staff until HQ's list is pulled: the
login says so while it loads, and lists them as soon as the pull lands, no restart needed."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.factories import PIN_1234
from tests.tui.helpers import screen_name, screen_text, until
from tui.messages import Pulled

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


class FakeSync:
    """The app's sync bridge, without HQ: the test says when a pull finished (as SyncBridge does)."""

    language = "zh_TW"

    def start(self, app, station) -> None:
        self.app = app


async def test_the_staff_pulled_after_setup_show_at_once(make_app, shop, clock) -> None:
    with shop.db.write() as session:  # a first run: an empty store
        session.execute(text("DELETE FROM staff"))
    app = make_app(sync=FakeSync())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.listed)
        await until(pilot, lambda: "還沒有店員資料：正在向總部下載" in screen_text(app))
        assert app.screen.query_one("#staff").option_count == 0
        shop.load_staff([{"id": "E009", "name": "陳新人", "role": "cashier", "pin_hash": PIN_1234,
                          "active": True, "updated_at": clock.now()}])  # what the pull writes
        app.post_message(Pulled())
        await until(pilot, lambda: app.screen.query_one("#staff").option_count == 1)
        await until(pilot, lambda: "E009  陳新人" in screen_text(app))  # the list paints a refresh later
        assert "還沒有店員資料" not in screen_text(app)
        await pilot.press(*"1234", "enter")  # and the new cashier logs in, no restart
        await until(pilot, lambda: screen_name(app) == "CustomerScreen")


async def test_without_hq_the_empty_list_says_what_to_check(make_app, shop) -> None:
    with shop.db.write() as session:
        session.execute(text("DELETE FROM staff"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "還沒有店員資料：請確認總部網址" in screen_text(app).replace("\n", ""))

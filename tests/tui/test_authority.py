"""Authority at the till, on the screens: the void screen refuses a void out of its invoice's period
before asking for a PIN; a lower price needs a manager's PIN; a locked staff member is told until when."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text

from core.clock import TAIPEI, ManualClock
from tests.factories import simple_sale
from tests.tui.helpers import (
    BARCODE_1,
    login,
    open_detail,
    open_orders,
    open_void,
    scan,
    screen_name,
    screen_text,
    type_text,
    until,
)

LAST_SECOND = datetime(2026, 12, 31, 23, 59, 59, tzinfo=TAIPEI)
NEXT_PERIOD = datetime(2027, 1, 1, 0, 0, 0, tzinfo=TAIPEI)
pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(LAST_SECOND)


async def _open_void(pilot, app) -> None:
    await pilot.press("f5")
    await until(pilot, lambda: screen_name(app) == "OrdersScreen")
    await pilot.press("f3")  # all days: the sale was yesterday
    await until(pilot, lambda: screen_name(app) == "OrdersScreen" and len(app.screen.page.rows) == 1)
    await open_detail(pilot)
    await open_void(pilot)


async def test_the_void_screen_refuses_a_void_after_the_period_before_asking_for_a_pin(make_app, shop,
                                                                                      clock) -> None:
    sale = shop.checkout(simple_sale())
    clock.set(NEXT_PERIOD)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await _open_void(pilot, app)
        void = app.screen
        await until(pilot, lambda: void.refusal is not None)
        assert void.refusal.code == "void.other_period"
        assert "折讓" in screen_text(app) and void.query_one("#void-pin").disabled
        void.query_one("#void-reason").value = "客人退貨"
        void.query_one("#void-pin").value = "1234"  # set from code: the field itself takes no keys now
        await pilot.press("f10")
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "OrderDetailScreen")
    with shop.db.read() as session:
        assert session.execute(text("SELECT status FROM orders WHERE id = :id"), {"id": sale.order_id}).scalar_one() \
            == "completed"
        assert session.execute(text("SELECT count(*) FROM audit_log WHERE action = 'void'")).scalar_one() == 0
        assert session.execute(text("SELECT count(*) FROM void_outbox")).scalar_one() == 0


async def test_the_void_screen_allows_the_void_at_the_periods_last_second(make_app, shop) -> None:
    sale = shop.checkout(simple_sale())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await open_orders(pilot, 1)
        await open_detail(pilot)
        await open_void(pilot)
        void = app.screen
        void.query_one("#void-reason").value = "客人退貨"
        void.query_one("#void-pin").value = "1234"
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "OrderDetailScreen"
                    and app.screen.detail.order.status == "voided")
        assert void.refusal is None
    with shop.db.read() as session:
        assert session.execute(text("SELECT approved_by FROM void_outbox WHERE order_id = :id"),
                               {"id": sale.order_id}).scalar_one() == "M001"


async def test_a_locked_person_is_told_until_when_and_a_manager_unlocks_at_the_login_screen(make_app, shop,
                                                                                          clock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query("#staff") and app.screen.query_one("#staff").option_count > 0)
        login_screen = app.screen
        for _ in range(5):
            await type_text(pilot, "9999")
            await pilot.press("enter")
            await until(pilot, lambda: "店員或密碼不正確" in screen_text(app) or login_screen.locked == "E001")
        await until(pilot, lambda: login_screen.locked == "E001")
        shown = screen_text(app)
        assert "王小明" in shown and "00:04:59" in shown and "F8" in shown
        assert login_screen.check_action("unlock", ()) is True
        await type_text(pilot, "1234")  # the right PIN: still locked, nothing checked
        await pilot.press("enter")
        await until(pilot, lambda: "00:04:59" in screen_text(app))
        assert screen_name(app) == "LoginScreen"
        await pilot.press("down")  # the manager is not locked: no F8 for him
        await until(pilot, lambda: login_screen.check_action("unlock", ()) is False)
        await pilot.press("up")
        await until(pilot, lambda: login_screen.check_action("unlock", ()) is True)
        await pilot.press("f8")
        await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
        await type_text(pilot, "9999")
        await pilot.press("enter")
        await until(pilot, lambda: "店長密碼不正確" in screen_text(app))
        with shop.db.read() as session:
            assert session.execute(text("SELECT count(*) FROM audit_log WHERE action = 'unlock'")).scalar_one() == 0
        assert shop.lock_of("E001") is not None
        await type_text(pilot, "1234")  # M001's PIN in these tests
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "LoginScreen" and login_screen.locked is None)
        assert "已解鎖" in screen_text(app)
        await login(pilot)
        assert app.sale.staff is not None and app.sale.staff.id == "E001"
    with shop.db.read() as session:
        row = session.execute(text("SELECT staff_id, approved_by FROM audit_log WHERE action = 'unlock'")).one()
    assert row == ("E001", "M001")


async def test_a_lower_price_on_f3_needs_a_managers_pin_and_a_higher_one_does_not(make_app, shop) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await scan(pilot, BARCODE_1)  # 乾電池, NT$105
        await until(pilot, lambda: len(app.screen.cart.lines) == 1)
        cart = app.screen
        await pilot.press("f3")
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        app.screen.query_one("#line-price").value = "90"
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
        assert "105" in screen_text(app) and "90" in screen_text(app)
        await pilot.press(*"9999", "enter")  # a wrong manager PIN: refused, nothing changes
        await until(pilot, lambda: "店長密碼不正確" in screen_text(app))
        await pilot.press("escape")  # given up: back in the editor, the cart as it was
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        assert cart.cart.lines[0].unit_price == 105
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
        await pilot.press(*"1234", "enter")  # M001's PIN in these tests
        await until(pilot, lambda: screen_name(app) == "CartScreen" and cart.cart.lines[0].unit_price == 90)
        approval = cart.cart.lines[0].approval
        assert approval is not None and approval.manager_id == "M001"
        await pilot.press("f3")  # a higher price: no PIN asked
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        app.screen.query_one("#line-price").value = "120"
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "CartScreen" and cart.cart.lines[0].unit_price == 120)
        await pilot.press("f3")  # down again, to 80: the approval was for 90, a new one is needed
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        app.screen.query_one("#line-price").value = "80"
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
        await pilot.press(*"1234", "enter")
        await until(pilot, lambda: screen_name(app) == "CartScreen" and cart.cart.lines[0].unit_price == 80)
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "CheckoutScreen")
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ReceiptScreen")
    with shop.db.read() as session:
        assert session.execute(text("SELECT unit_price, price_approved_by FROM order_lines")).one() == (80, "M001")
        assert session.execute(text("SELECT approved_by FROM audit_log WHERE action = 'price_override'")
                               ).scalar_one() == "M001"

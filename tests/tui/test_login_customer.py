"""Login (staff list + PIN, the online/offline button) and the customer step (member, unknown phone, guest)."""

from __future__ import annotations

import pytest

from tests.tui.helpers import login, screen_name, screen_text, type_text, until
from tui.messages import LinkChanged

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


async def test_a_wrong_pin_is_refused_with_a_message_and_the_right_one_opens_the_cart(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#staff").option_count == 2)
        await type_text(pilot, "9999")
        await pilot.press("enter")
        await until(pilot, lambda: "店員或密碼不正確" in screen_text(app))
        assert screen_name(app) == "LoginScreen" and app.sale.staff is None
        await type_text(pilot, "1234")
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "CustomerScreen")
        assert app.sale.staff is not None and app.sale.staff.id == "E001"
        assert "王小明" in app.status.staff


async def test_the_open_button_follows_the_link_live(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        button = app.screen.query_one("#open")
        app.post_message(LinkChanged(online=False))
        await until(pilot, lambda: str(button.label) == "開啟離線模式")
        assert " 離線 " in screen_text(app)
        app.post_message(LinkChanged(online=True))
        await until(pilot, lambda: str(button.label) == "開啟前台")


async def test_f12_switches_the_language_at_the_login_and_keeps_the_list_and_highlight(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#staff").option_count == 2)
        await pilot.press("down")  # M001 林店長
        await until(pilot, lambda: "F12 English" in screen_text(app))  # the footer fills in after the body
        assert "員工登入" in screen_text(app)
        assert "Esc" not in screen_text(app)  # the first screen has nothing to go back to
        await pilot.press("f12")
        # The recomposed footer fills in after the screen's bindings signal, a refresh later than the body.
        await until(pilot, lambda: "Staff login" in screen_text(app) and "F12 中文" in screen_text(app))
        text = screen_text(app)
        assert "員工登入" not in text and "M001  林店長" in text
        assert app.screen.query_one("#staff").highlighted == 1 and app.focused is app.screen.query_one("#pin")
        await type_text(pilot, "1234")
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "CustomerScreen")
        assert app.sale.staff is not None and app.sale.staff.id == "M001"
        await until(pilot, lambda: "Mobile number or scan the member code" in screen_text(app))  # still English


async def test_english_on_request(make_app) -> None:
    app = make_app(language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(LinkChanged(online=False))
        await until(pilot, lambda: str(app.screen.query_one("#open").label) == "Open offline mode")
        await type_text(pilot, "0000")
        await pilot.press("enter")
        await until(pilot, lambda: "Wrong staff member or PIN" in screen_text(app))


async def test_the_manager_can_be_picked_from_the_list(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, staff_index=1)
        assert app.sale.staff is not None and app.sale.staff.id == "M001" and app.sale.staff.is_manager


async def test_member_by_phone_unknown_phone_kept_and_bad_input_explained(make_app, shop) -> None:
    from core.store.catalog import upsert_customers

    with shop.db.write() as session:
        upsert_customers(session, [{"id": "C00001", "member_code": "M0000001", "phone": "0912345670",
                                    "name": "陳怡君", "updated_at": shop.clock.now()}])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, guest=False)
        await type_text(pilot, "12ab")
        await pilot.press("enter")
        await until(pilot, lambda: "不是手機號碼或會員條碼" in screen_text(app))
        await type_text(pilot, "M0000001")  # a scanned member code
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        assert app.sale.member is not None and app.sale.member.id == "C00001"
        assert "陳怡君" in screen_text(app)
        await pilot.press("f2")
        await until(pilot, lambda: screen_name(app) == "CustomerScreen")
        await type_text(pilot, "0987654321")  # not in the cache: kept for HQ to link
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        assert app.sale.member is None and app.sale.phone == "0987654321"
        await pilot.press("f2")
        await until(pilot, lambda: screen_name(app) == "CustomerScreen")
        await pilot.press("escape")  # guest
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        assert app.sale.member is None and app.sale.phone is None


async def test_a_lock_check_answered_while_f12_recomposes_the_login_is_dropped_not_a_crash(make_app) -> None:
    # F12 removes the staff list and mounts a new one; a Station answer can land in between (1 run in 8).
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query("#staff") and app.screen.query_one("#staff").option_count > 0)
        screen = app.screen
        await screen.query_one("#staff").remove()
        screen.lock_checked("E001", None)  # the answer for the list that is gone
        assert screen.check_action("unlock", ()) is False and screen.locked is None

"""The customer screen against a real HQ (uvicorn on a loopback port) through the app's sync bridge: a member
registered at another store since the last pull is asked of HQ ("總部查詢中…"), marked 總部, cached, and
marked 本機 the next time; with HQ gone an unknown member code is explained and the screen stays."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.members import Source
from core.sync.protocol import CustomerIn
from hq.app import create_app as create_hq
from hq.catalog import upsert_customers as hq_upsert_customers
from hq.server import HQServer
from tests.e2e.conftest import FAST
from tests.support.fixtures import SeededHQ, seeded
from tests.tui.helpers import login, screen_name, screen_text, type_text, until
from tui.sync_bridge import SyncBridge

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)

NEWCOMER = CustomerIn(id="C09001", member_code="M0009001", phone="0955123456", name="林新會員")


@pytest.fixture
def hq(hq_sqlite, clock, monkeypatch: pytest.MonkeyPatch) -> SeededHQ:  # type: ignore[no-untyped-def]
    return seeded(hq_sqlite, clock, monkeypatch)


@pytest.fixture
def server(hq: SeededHQ) -> Iterator[HQServer]:
    server = HQServer(create_hq(db=hq.db, clock=hq.clock))
    server.start()
    yield server
    server.stop()


def notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


async def test_a_member_new_at_hq_is_found_there_marked_and_cached(make_app, shop, hq, server) -> None:
    bridge = SyncBridge(lambda deliver: shop.sync_service(server.url, hq.tokens["S01"], deliver, FAST))
    app = make_app(sync=bridge)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.status.online is True)
        await until(pilot, lambda: shop.find_member("0912345670") is not None)  # the first pull is in
        with hq.db.write() as session:  # then a member signs up at another store
            hq_upsert_customers(session, [NEWCOMER], hq.clock.now())

        await login(pilot, guest=False)
        customer = app.screen
        await type_text(pilot, NEWCOMER.phone)
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        assert customer.hq_asked  # "本機沒有這位會員：總部查詢中…" was shown while HQ was asked
        assert customer.result is not None and customer.result.source is Source.HQ
        assert app.sale.member is not None and app.sale.member.id == "C09001" and app.sale.phone is None
        assert "會員：林新會員（0955123456）［總部］" in notices(app)
        assert "林新會員" in screen_text(app)
        assert shop.find_member("M0009001") is not None  # cached: the order links to it

        await pilot.press("f2")  # the next lookup is local
        await until(pilot, lambda: screen_name(app) == "CustomerScreen")
        again = app.screen
        await type_text(pilot, NEWCOMER.phone)
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        assert not again.hq_asked and again.result is not None and again.result.source is Source.LOCAL
        assert "會員：林新會員（0955123456）［本機］" in notices(app)

        server.stop()  # HQ gone: an unknown code is explained, an unknown phone kept
        await until(pilot, lambda: app.status.online is False)
        await pilot.press("f2")
        await until(pilot, lambda: screen_name(app) == "CustomerScreen")
        assert "離線：使用本機會員資料" in screen_text(app)
        await type_text(pilot, "M0009999")
        await pilot.press("enter")
        await until(pilot, lambda: "本機沒有會員條碼 M0009999（總部未連線）" in screen_text(app))
        assert screen_name(app) == "CustomerScreen" and not app.screen.hq_asked
        app.screen.query_one("#member").value = ""
        await type_text(pilot, "0955000999")
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        assert app.sale.member is None and app.sale.phone == "0955000999"


async def test_the_customer_screen_speaks_english_and_explains_bad_numbers(make_app) -> None:
    app = make_app(language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, guest=False)
        await type_text(pilot, "0912")
        await pilot.press("enter")
        await until(pilot, lambda: "Mobile number '0912' is invalid: 10 digits starting 09" in screen_text(app))
        app.screen.query_one("#member").value = ""
        await type_text(pilot, "M0009999")
        await pilot.press("enter")
        await until(pilot, lambda: "No member code M0009999 in the local cache" in screen_text(app))
        assert screen_name(app) == "CustomerScreen"


async def test_the_demo_says_which_member_to_try(make_app) -> None:
    class Demo:  # enough of DemoControls: the seeded member it suggests
        cut = False
        member_example = ("0912345670", "M0000001")

    app = make_app(demo=Demo())
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, guest=False)
        await until(pilot, lambda: "示範會員：手機 0912345670 或會員條碼 M0000001" in screen_text(app))

"""Returns (allowances, 折讓) in the back office: Today lists the day's, an order's page shows its return
history, and a held one says why in the page's language."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.factories import NOON
from tests.hq.web.conftest import Office
from tests.support.allowances import make_allowance
from tests.support.orders import make_order

ALLOWANCES = "/api/v1/allowances/batch"
TWO = [("SKU00001", "乾電池 3號 4入", "regular", 2, 105)]


def _send(office: Office, *allowances: dict[str, Any]) -> list[dict[str, Any]]:
    answer = office.hq.client("S01").post(ALLOWANCES, json={"allowances": list(allowances)})
    assert answer.status_code == 200, answer.text
    results: list[dict[str, Any]] = answer.json()["results"]
    return results


def _section(page: str, name: str) -> str:
    return page.split(f'id="{name}"')[1].split("</section>", maxsplit=1)[0]


def test_today_lists_the_days_returns_and_the_order_page_its_history(signed_in: Office) -> None:
    order = make_order(seq=1, lines=TWO, offline=False)
    signed_in.upload(order)
    today = make_allowance(order, number="S01A00000001", issued_at=NOON + timedelta(hours=1))
    yesterday_sale = make_order(seq=2, lines=TWO, created_at=NOON - timedelta(days=1), offline=False)
    signed_in.upload(yesterday_sale)
    earlier = make_allowance(yesterday_sale, number="S01A00000002", issued_at=NOON - timedelta(days=1, hours=-1))
    assert [a["outcome"] for a in _send(signed_in, today, earlier)] == ["accepted", "accepted"]

    returns = _section(signed_in.client.get("/office/").text, "returns")
    assert 'data-allowance="S01A00000001"' in returns and "S01A00000002" not in returns  # the day's only
    assert order["invoice"]["number"] in returns and "已生效" in returns
    assert '<td class="num">105</td><td class="num">105</td>' in returns.replace("\n  ", "")  # allowed, refunded

    detail = signed_in.client.get(f"/office/orders/{order['id']}").text
    history = detail.split("作廢／退貨紀錄")[1].split("<h2>")[0]
    assert 'data-allowance="S01A00000001"' in history and "S01A00000002" not in history
    english = _section(signed_in.client.get("/office/?lang=en").text, "returns")
    assert "in force" in english and "Returns (allowances)" in signed_in.client.get("/office/?lang=en").text


def test_a_held_return_says_why_in_the_pages_language(signed_in: Office) -> None:
    unseen = make_order(seq=3, lines=TWO, offline=True)  # sold offline: HQ does not hold it yet
    [held] = _send(signed_in, make_allowance(unseen, number="S01A00000003"))
    assert held["outcome"] == "held"
    attention = signed_in.client.get("/office/attention").text
    section = _section(attention, "allowances")
    assert 'data-allowance="S01A00000003"' in section
    assert f"總部尚未收到原訂單 {unseen['id']}（發票 {unseen['invoice']['number']}）" in section  # HQ's own reason
    assert "allowance.held" not in section  # the code is for machines; the owner reads words
    returns = _section(signed_in.client.get("/office/").text, "returns")
    assert "待原訂單" in returns
    english = _section(signed_in.client.get("/office/attention?lang=en").text, "allowances")
    assert f"HQ does not hold the original order {unseen['id']}" in english

"""Today: sales per station and tender, late (offline) arrivals and last received, voids, open items."""

from __future__ import annotations

from datetime import timedelta

from tests.factories import NOON
from tests.hq.web.conftest import Office, override_order
from tests.support.orders import make_order


def test_today_adds_up_the_day(signed_in: Office) -> None:
    card = make_order(seq=2, lines=[("SKU00002", "口罩 成人 50入", "regular", 2, 210)], offline=False)
    card["payments"] = [{"kind": "card", "amount": 420, "tendered": 420, "change": 0, "reference": "1234"}]
    voided = make_order(seq=3, offline=False)
    yesterday = make_order(seq=4, created_at=NOON - timedelta(days=1), offline=False)
    signed_in.upload(override_order(seq=1), card, voided, yesterday)
    signed_in.hq.client("S01").post(f"/api/v1/orders/{voided['id']}/void",
                                    json={"voided_at": NOON.isoformat(), "reason": "打錯"})
    page = signed_in.client.get("/office/")
    assert page.status_code == 200
    stations = page.text.split('id="stations"')[1].split("</section>")[0]
    assert "<td>S01</td><td class=\"num\">2</td><td class=\"num\">500</td>" in stations  # 80 + 420, void left out
    assert "<td>S02</td><td class=\"num\">0</td>" in stations
    tenders = page.text.split('id="tenders"')[1].split("</section>")[0]
    assert "現金</td><td class=\"num\">80<" in tenders and "信用卡</td><td class=\"num\">420<" in tenders
    arriving = page.text.split('id="arriving"')[1].split("</section>")[0]
    assert "2026-11-22 12:00" in arriving and '<td class="num">1</td>' in arriving  # one offline order today
    voids = page.text.split('id="voids"')[1].split("</section>")[0]
    assert "S01-000003" in voids and "打錯" in voids
    needs = page.text.split('id="needs"')[1].split("</section>")[0]
    assert '店長改價</a> <span class="tag">1</span>' in needs


def test_today_in_english(signed_in: Office) -> None:
    page = signed_in.client.get("/office/?lang=en").text
    assert "Sales per station" in page and "Needs a person" in page and 'lang="en"' in page

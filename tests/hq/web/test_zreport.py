"""Z reports per station and day: sales, tenders, voids, invoice numbers, offline count; printable."""

from __future__ import annotations

from datetime import timedelta

from tests.factories import NOON
from tests.hq.web.conftest import Office, override_order
from tests.support.orders import make_order


def test_a_stations_day(signed_in: Office) -> None:
    voided = make_order(seq=2, offline=False)
    signed_in.upload(override_order(seq=1), voided, make_order(seq=3, created_at=NOON - timedelta(days=1)))
    signed_in.hq.client("S01").post(f"/api/v1/orders/{voided['id']}/void",
                                    json={"voided_at": NOON.isoformat(), "reason": "打錯"})
    page = signed_in.client.get(f"/office/z?station=S01&day={NOON.date().isoformat()}")
    assert page.status_code == 200
    z = page.text.split('id="z"')[1].split("</section>")[0]
    assert "S01 · 2026-11-22" in z
    assert '筆數</th><td class="num">1<' in z and '金額</th><td class="num">80<' in z
    assert "現金</td><td class=\"num\">80<" in z and "1 · 105" in z  # one void of NT$105
    assert "AB12345600 – AB12345601" in z
    assert "window.print()" in page.text
    other = signed_in.client.get("/office/z?station=S02&day=bad").text  # a bad day: today
    assert "S02 · 2026-11-22" in other and '筆數</th><td class="num">0<' in other

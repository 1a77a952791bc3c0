"""Orders: search by invoice number, order number, phone and date; the detail with its whole story."""

from __future__ import annotations

from datetime import timedelta

from tests.factories import NOON
from tests.hq.web.conftest import Office, override_order
from tests.support.orders import make_order


def _rows(office: Office, query: str) -> list[str]:
    page = office.client.get(f"/office/orders?{query}").text
    return [chunk.split("<")[0] for chunk in page.split('">S01-')[1:]]


def test_search_by_invoice_order_number_phone_and_date(signed_in: Office) -> None:
    later = NOON + timedelta(minutes=1)
    signed_in.upload(make_order(seq=1), make_order(seq=2, customer_phone="0912345670", created_at=later),
                     make_order(seq=3, created_at=NOON - timedelta(days=1)))
    assert _rows(signed_in, "") == ["000002", "000001", "000003"]  # newest first
    assert _rows(signed_in, "q=AB12345601") == ["000002"]
    assert _rows(signed_in, "q=ab-12345601") == ["000002"]  # as a person types it
    assert _rows(signed_in, "q=S01-000003") == ["000003"]
    assert _rows(signed_in, "q=0912-345-670") == ["000002"]
    day = NOON.date().isoformat()
    assert _rows(signed_in, f"from={day}&to={day}") == ["000002", "000001"]
    assert _rows(signed_in, f"to={(NOON - timedelta(days=1)).date().isoformat()}") == ["000003"]
    assert "找不到訂單" in signed_in.client.get("/office/orders?q=KN99999999").text
    assert signed_in.client.get("/office/orders?from=not-a-date").status_code == 200  # ignored, not a crash


def test_an_orders_detail_shows_lines_reconciliation_payments_and_void(signed_in: Office) -> None:
    order = override_order(customer_phone="0912345670")
    signed_in.upload(order)
    voided = signed_in.hq.client("S01").post(f"/api/v1/orders/{order['id']}/void", json={
        "voided_at": NOON.isoformat(), "reason": "客人退貨", "approved_by": "M001"})
    assert voided.status_code == 200, voided.text
    page = signed_in.client.get(f"/office/orders/{order['id']}")
    assert page.status_code == 200
    text = page.text
    assert "訂單 S01-000001" in text and "AB12345600" in text and "乾電池 3號 4入" in text
    assert "店長改價 · M001" in text and ">105<" in text and ">80<" in text
    assert "現金" in text and "已作廢" in text and "客人退貨" in text
    assert "C00001" in text  # the phone linked to the member at HQ
    assert "電子發票申報狀態</h2>\n<section>—</section>" in text  # nothing filed with the MOF platform yet


def test_the_filing_state_comes_from_the_hook(signed_in: Office) -> None:
    order = make_order()
    signed_in.upload(order)
    signed_in.hq.app.state.office_hooks.order_filing_state = lambda _session, _order_id: "accepted by MOF"
    assert "accepted by MOF" in signed_in.client.get(f"/office/orders/{order['id']}").text


def test_the_filing_state_is_hqs_mof_document_for_the_invoice(signed_in: Office) -> None:
    from hq.mof.deadlines import Deadlines
    from hq.mof.events import enqueue

    order = make_order()
    signed_in.upload(order)
    with signed_in.hq.db.write() as session:
        assert enqueue(session, signed_in.hq.clock.now(), Deadlines()) == 1  # its F0401, queued for Turnkey
    assert "F0401 queued" in signed_in.client.get(f"/office/orders/{order['id']}").text


def test_an_unknown_order_is_404(signed_in: Office) -> None:
    assert signed_in.client.get("/office/orders/00000000-0000-4000-8000-000000000000").status_code == 404


def test_a_reissued_order_and_its_voided_original_link_to_each_other_in_both_languages(signed_in: Office) -> None:
    original = make_order(seq=1)
    reissue = {**make_order(seq=2), "reissue_of": original["id"]}
    signed_in.upload(original, reissue)
    page = signed_in.client.get(f"/office/orders/{reissue['id']}").text
    assert f'改開自</strong> <a href="/office/orders/{original["id"]}">S01-000001</a>' in page
    back = signed_in.client.get(f"/office/orders/{original['id']}").text
    assert f'改開為</strong> <a href="/office/orders/{reissue["id"]}">S01-000002</a>' in back
    english = signed_in.client.get(f"/office/orders/{reissue['id']}?lang=en").text
    assert "reissue of</strong>" in english and "S01-000001</a>" in english
    assert "reissued as</strong>" in signed_in.client.get(f"/office/orders/{original['id']}?lang=en").text
    plain = signed_in.upload(make_order(seq=3))[0]["order_id"]
    assert "改開" not in signed_in.client.get(f"/office/orders/{plain}").text

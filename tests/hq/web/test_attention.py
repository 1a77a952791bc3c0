"""Needs attention: 店長改價, unknown SKUs and held orders, each acknowledged or fixed once, and audited."""

from __future__ import annotations

from sqlmodel import select

from hq.tables import HQAcknowledgement
from tests.hq.web.conftest import Office, override_order
from tests.support.orders import make_order


def _acks(office: Office) -> list[tuple[str, int, str | None]]:
    with office.hq.db.read() as session:
        return [(a.kind, a.position, a.mapped_sku) for a in session.exec(select(HQAcknowledgement))]


def test_an_offline_price_override_shows_entered_and_catalog_price_and_who(signed_in: Office) -> None:
    signed_in.upload(override_order())
    page = signed_in.client.get("/office/attention")
    assert page.status_code == 200
    section = page.text.split('id="override"')[1].split("</section>")[0]
    assert "S01-000001" in section and "乾電池 3號 4入" in section
    assert ">80<" in section and ">105<" in section  # entered vs catalog
    assert "E001" in section and "M001" in section and ">是<" in section  # sold by, approved by, offline


def test_acknowledging_needs_the_csrf_token(signed_in: Office) -> None:
    order = override_order()
    signed_in.upload(order)
    forged = signed_in.client.post("/office/attention/ack", data={"kind": "override", "order_id": order["id"],
                                                                 "position": 1, "csrf": "forged"})
    assert forged.status_code == 403 and _acks(signed_in) == []
    missing = signed_in.client.post("/office/attention/ack", data={"kind": "override", "order_id": order["id"],
                                                                  "position": 1})
    assert missing.status_code == 403 and _acks(signed_in) == []


def test_an_acknowledged_override_leaves_the_list_and_is_audited(signed_in: Office) -> None:
    order = override_order()
    signed_in.upload(order)
    answer = signed_in.post("/office/attention/ack", {"kind": "override", "order_id": order["id"], "position": 1})
    assert answer.status_code == 303
    assert 'id="override"' not in signed_in.client.get("/office/attention").text
    assert ("owner", "ack.override", "S01-000001#1") in signed_in.audit()
    again = signed_in.post("/office/attention/ack", {"kind": "override", "order_id": order["id"], "position": 1})
    assert again.status_code == 303 and _acks(signed_in) == [("override", 1, None)]  # a double click: one row
    detail = signed_in.client.get(f"/office/orders/{order['id']}").text
    assert "owner · override #1" in detail


def test_an_unknown_sku_is_mapped_to_a_product(signed_in: Office) -> None:
    order = make_order(lines=[("NOPE-1", "神秘商品", "regular", 1, 50)])
    signed_in.upload(order)
    page = signed_in.client.get("/office/attention").text
    assert 'id="unknown_sku"' in page and "NOPE-1" in page
    assert 'id="held"' in page and "未知商品編號" in page.split('id="held"')[1]  # held for the unknown SKU
    wrong = signed_in.post("/office/attention/ack", {"kind": "unknown_sku", "order_id": order["id"], "position": 1,
                                                     "sku": "SKU99999"})
    assert wrong.status_code == 422 and "沒有這個商品編號：SKU99999" in wrong.text and _acks(signed_in) == []
    fixed = signed_in.post("/office/attention/ack", {"kind": "unknown_sku", "order_id": order["id"], "position": 1,
                                                     "sku": "SKU00002"})
    assert fixed.status_code == 303 and _acks(signed_in) == [("unknown_sku", 1, "SKU00002")]
    assert ("owner", "ack.unknown_sku", "S01-000001#1") in signed_in.audit()
    assert 'id="unknown_sku"' not in signed_in.client.get("/office/attention").text


def test_a_held_order_is_acknowledged_with_its_reason_shown(signed_in: Office) -> None:
    # A number outside S01's booklets is refused outright now (invoice.not_allocated): an unknown SKU still holds.
    order = make_order(seq=1, lines=[("NOPE-1", "神秘商品", "regular", 1, 50)])
    signed_in.upload(order)
    page = signed_in.client.get("/office/attention?lang=en").text
    assert "unknown SKU" in page.split('id="held"')[1]
    assert signed_in.post("/office/attention/ack", {"kind": "held", "order_id": order["id"]}).status_code == 303
    assert 'id="held"' not in signed_in.client.get("/office/attention").text  # its unknown SKU still waits
    assert ("owner", "ack.held", "S01-000001") in signed_in.audit()


def test_nonsense_is_refused(signed_in: Office) -> None:
    assert signed_in.post("/office/attention/ack", {"kind": "bogus", "order_id": "x"}).status_code == 422
    missing = signed_in.post("/office/attention/ack", {"kind": "held", "order_id": "no-such-order"})
    assert missing.status_code == 404 and _acks(signed_in) == []


def test_an_allowance_held_for_a_sale_hq_does_not_hold_is_listed_until_the_sale_arrives(signed_in: Office) -> None:
    from tests.support.allowances import ALLOWANCES, make_allowance

    order = make_order()
    allowance = make_allowance(order)
    held = signed_in.hq.client("S01").post(ALLOWANCES, json={"allowances": [allowance]}).json()["results"][0]
    assert held["outcome"] == "held"
    section = signed_in.client.get("/office/attention").text.split('id="allowances"')[1].split("</section>")[0]
    assert allowance["number"] in section and order["invoice"]["number"] in section
    assert "總部尚未收到原訂單" in section
    signed_in.upload(order)
    assert 'id="allowances"' not in signed_in.client.get("/office/attention").text  # judged: accepted

"""HQ order upload: exactly once by UUID, per-order answers, reconciliation, lookups and voids."""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from datetime import datetime

from sqlalchemy import func, select

from core.sync.protocol import OrderIn
from hq.tables import HQInvoice, HQOrder, HQOrderLine
from tests.support.fixtures import SeededHQ
from tests.support.orders import BATTERY, make_order

BATCH = "/api/v1/orders/batch"


def _count(hq: SeededHQ, model: type = HQOrder) -> int:
    with hq.db.read() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_an_order_is_accepted_once_and_a_replay_gets_the_original_answer(hq: SeededHQ) -> None:
    client = hq.client()
    order = make_order()
    first = client.post(BATCH, json={"orders": [order]})
    assert first.status_code == 200
    answer = first.json()["results"][0]
    assert answer["outcome"] == "accepted" and answer["replay"] is False
    hq.clock.advance(minutes=5)  # a replay later must still carry the first received_at
    again = client.post(BATCH, json={"orders": [order]}).json()["results"][0]
    assert again == {**answer, "replay": True}
    assert _count(hq) == 1 and _count(hq, HQInvoice) == 1 and _count(hq, HQOrderLine) == 1


def test_the_same_uuid_with_different_content_is_a_conflict_never_a_second_order(hq: SeededHQ) -> None:
    client = hq.client()
    order = make_order()
    client.post(BATCH, json={"orders": [order]})
    changed = make_order(order_id=order["id"], lines=[("SKU00001", "乾電池 3號 4入", "regular", 2, 105)])
    result = client.post(BATCH, json={"orders": [changed]}).json()["results"][0]
    assert result["outcome"] == "conflict" and result["reason_code"] == "order.conflict"
    assert _count(hq) == 1
    with hq.db.read() as session:
        stored = session.get(HQOrder, order["id"])
    assert stored is not None and stored.total == 105
    # The stored hash is the sha256 of the canonical payload, as documented: the first release's fields
    # (fields added later, such as a line's price_approved_by, are left out while unset).
    dumped = OrderIn.model_validate(order).model_dump(mode="json")
    assert dumped.pop("reissue_of") is None
    for line in dumped["lines"]:
        assert line.pop("price_approved_by") is None
    canonical = json.dumps(dumped, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    assert stored.payload_sha256 == hashlib.sha256(canonical).hexdigest()


def test_one_bad_order_in_a_batch_is_refused_alone(hq: SeededHQ) -> None:
    good1, good2 = make_order(seq=1), make_order(seq=3)
    bad = make_order(seq=2)
    bad["total"] += 1  # the lines no longer add up
    results = hq.client().post(BATCH, json={"orders": [good1, bad, good2]}).json()["results"]
    assert [r["outcome"] for r in results] == ["accepted", "rejected", "accepted"]
    assert results[1]["reason_code"] == "order.total_mismatch" and "106" in results[1]["reason"]
    assert [r["order_id"] for r in results] == [good1["id"], bad["id"], good2["id"]]
    assert _count(hq) == 2


def test_refusals_name_their_reason(hq: SeededHQ) -> None:
    client = hq.client()
    mine = make_order(seq=1)
    client.post(BATCH, json={"orders": [mine]})
    same_invoice = make_order(seq=2, number=mine["invoice"]["number"])
    same_order_no = make_order(seq=1, number="AB12345605")
    someone_elses = make_order(station_id="S02", seq=1, number="AB12345606")
    unpaid = make_order(seq=4, number="AB12345607")
    unpaid["payments"][0]["amount"] = 100
    wrong_period = make_order(seq=5, number="AB12345608")
    wrong_period["invoice"]["period_code"] = "11510"
    bad_ban = make_order(seq=6, number="AB12345609")
    bad_ban["invoice"]["buyer_ban"] = "12345678"
    results = client.post(BATCH, json={"orders": [same_invoice, same_order_no, someone_elses, unpaid,
                                                  wrong_period, bad_ban]}).json()["results"]
    assert [r["reason_code"] for r in results] == [
        "invoice.number_taken", "order.number_taken", "order.station_mismatch", "order.payment_mismatch",
        "invoice.period_mismatch", "ban.invalid"]
    assert all(r["outcome"] == "rejected" and r["reason"] for r in results)
    assert _count(hq) == 1


def test_duplicates_inside_one_batch(hq: SeededHQ) -> None:
    order = make_order(seq=1)
    twin_number = make_order(seq=2, number=order["invoice"]["number"])
    results = hq.client().post(BATCH, json={"orders": [order, order, twin_number]}).json()["results"]
    assert [(r["outcome"], r["replay"]) for r in results] == [("accepted", False), ("accepted", True),
                                                              ("rejected", False)]
    assert results[2]["reason_code"] == "invoice.number_taken"
    assert _count(hq) == 1


def test_reconciliation_fixes_names_flags_price_overrides_and_unknown_skus(hq: SeededHQ) -> None:
    # SKU00001 is 乾電池 3號 4入 at 105 (add-on 84); the offline cashier typed other names and prices.
    order = make_order(customer_phone="0912345671", lines=[
        ("SKU00001", "電池", "regular", 1, 100),  # wrong name, 店長改價 105 -> 100
        ("SKU00001", "電池", "addon", 1, 84),  # wrong name, add-on price right
        ("SKU00002", "口罩 成人 50入", "gift", 1, 0),  # not a gift item: judged by its regular price 210
        ("NEW-123", "新商品", "regular", 2, 50),  # HQ has never heard of it
    ])
    result = hq.client().post(BATCH, json={"orders": [order]}).json()["results"][0]
    assert result["outcome"] == "accepted"
    recon = result["reconciliation"]
    lines = recon["lines"]
    assert [(ln["hq_name"], ln["name_fixed"]) for ln in lines] == [
        ("乾電池 3號 4入", True), ("乾電池 3號 4入", True), ("口罩 成人 50入", False), (None, False)]
    assert [(ln["entered_price"], ln["catalog_price"], ln["price_override"]) for ln in lines] == [
        (100, 105, True), (84, 84, False), (0, 210, True), (50, None, False)]
    assert [ln["unknown_sku"] for ln in lines] == [False, False, False, True]
    assert recon["attention"] == ["unknown_sku"]
    assert recon["customer_id"] == "C00002" and recon["customer_linked"] is True
    with hq.db.read() as session:
        stored = session.get(HQOrder, order["id"])
        rows = session.execute(select(HQOrderLine).where(HQOrderLine.order_id == order["id"])
                               .order_by(HQOrderLine.position)).scalars().all()
    assert stored is not None and stored.price_overrides == 2 and stored.attention and stored.customer_id == "C00002"
    assert [(r.entered_name, r.name) for r in rows] == [
        ("電池", "乾電池 3號 4入"), ("電池", "乾電池 3號 4入"), ("口罩 成人 50入", "口罩 成人 50入"),
        ("新商品", "新商品")]


def test_a_manual_invoice_keeps_its_flag_is_linked_and_the_invoice_is_never_altered(hq: SeededHQ) -> None:
    order = make_order(manual=True, number="XY87654321", lines=[("SKU00001", "電池", "regular", 1, 100)])
    order["invoice"]["qr_left"] = "left-as-issued"
    result = hq.client().post(BATCH, json={"orders": [order]}).json()["results"][0]
    assert result["reconciliation"]["manual_invoice"] is True
    assert result["reconciliation"]["invoice_number"] == "XY87654321"
    # A manual invoice's number is not from a booklet: no attention for that.
    assert result["reconciliation"]["attention"] == []
    with hq.db.read() as session:
        invoice = session.execute(select(HQInvoice).where(HQInvoice.order_id == order["id"])).scalar_one()
    sent = order["invoice"]
    assert invoice.manual and invoice.number == "XY87654321" and invoice.qr_left == "left-as-issued"
    assert (invoice.total, invoice.sales, invoice.tax, invoice.random_code) == (
        sent["total"], sent["sales"], sent["tax"], None)
    # The line name was corrected on the order line, not on the invoice HQ keeps verbatim.
    record = hq.client().get(f"/api/v1/orders/{order['id']}").json()
    assert record["order"]["lines"][0]["name"] == "電池"


def test_numbers_outside_the_stations_booklets_are_refused(hq: SeededHQ) -> None:
    client = hq.client()
    given = client.post("/api/v1/booklets/allocate", json={"period_code": "11512", "count": 1}).json()[0]
    inside = make_order(seq=1, number=f"{given['track']}{given['start']:08d}")
    outside = make_order(seq=2, number="ZZ00000001")
    results = client.post(BATCH, json={"orders": [inside, outside]}).json()["results"]
    assert [(r["outcome"], r["reason_code"]) for r in results] == [("accepted", None),
                                                                    ("rejected", "invoice.not_allocated")]
    assert results[0]["reconciliation"]["attention"] == []


def test_a_schema_violation_is_a_422_naming_the_order(hq: SeededHQ) -> None:
    bad = make_order()
    bad["lines"][0]["quantity"] = 0
    response = hq.client().post(BATCH, json={"orders": [make_order(seq=2), bad]})
    assert response.status_code == 422
    assert ["body", "orders", 1, "lines", 0, "quantity"] in [e["loc"] for e in response.json()["detail"]]
    assert _count(hq) == 0


def test_lookup_listing_and_what_each_station_may_see(hq: SeededHQ) -> None:
    s01, s02, admin = hq.client("S01"), hq.client("S02"), hq.client("ADMIN")
    orders = [make_order(seq=i) for i in range(1, 4)]
    s01.post(BATCH, json={"orders": orders})
    s02_number = s02.post("/api/v1/booklets/allocate", json={"period_code": "11512", "count": 1}).json()[0]
    s02.post(BATCH, json={"orders": [make_order(station_id="S02", seq=1,
                                                number=f"{s02_number['track']}{s02_number['start']:08d}")]})
    record = s01.get(f"/api/v1/orders/{orders[0]['id']}").json()
    assert record["status"] == "accepted" and record["order"]["id"] == orders[0]["id"]
    assert s02.get(f"/api/v1/orders/{orders[0]['id']}").status_code == 404  # not S02's to see
    assert s01.get(f"/api/v1/orders/{uuid.uuid4()}").status_code == 404
    page1 = s01.get("/api/v1/orders", params={"limit": 2}).json()
    page2 = s01.get("/api/v1/orders", params={"limit": 2, "cursor": page1["next_cursor"]}).json()
    assert page1["has_more"] and not page2["has_more"]
    assert sorted(i["id"] for i in page1["items"] + page2["items"]) == sorted(o["id"] for o in orders)
    assert len(admin.get("/api/v1/orders").json()["items"]) == 4
    assert len(admin.get("/api/v1/orders", params={"station_id": "S02"}).json()["items"]) == 1
    assert s01.get("/api/v1/orders", params={"cursor": "nonsense"}).status_code == 422


def test_voids_mark_order_and_invoice_once(hq: SeededHQ) -> None:
    client = hq.client()
    order = make_order()
    client.post(BATCH, json={"orders": [order]})
    void = {"reason": "客人退貨", "voided_at": "2026-11-22T13:00:00+08:00"}
    hq.clock.advance(hours=1)  # HQ receives it when it was made
    first = client.post(f"/api/v1/orders/{order['id']}/void", json=void).json()
    again = client.post(f"/api/v1/orders/{order['id']}/void",
                        json={**void, "voided_at": "2026-11-22T14:00:00+08:00"}).json()
    assert first["status"] == again["status"] == "voided"
    assert first["voided_at"] == again["voided_at"] == "2026-11-22T13:00:00+08:00"
    assert hq.client("S02").post(f"/api/v1/orders/{order['id']}/void", json=void).status_code == 404
    with hq.db.read() as session:
        invoice = session.execute(select(HQInvoice).where(HQInvoice.order_id == order["id"])).scalar_one()
    assert invoice.voided
    # A station re-sending the sale after the void gets the original acceptance, not a conflict.
    assert client.post(BATCH, json={"orders": [order]}).json()["results"][0]["replay"] is True


def test_a_void_outside_the_invoices_period_is_refused_and_changes_nothing(hq: SeededHQ) -> None:
    client = hq.client()
    order = make_order()  # issued 2026-11-22: period 11512
    client.post(BATCH, json={"orders": [order]})
    late = client.post(f"/api/v1/orders/{order['id']}/void",
                       json={"reason": "客人退貨", "voided_at": "2027-01-05T10:00:00+08:00"})
    assert late.status_code == 422
    assert late.json()["detail"]["code"] == "void.other_period"
    assert late.json()["detail"]["params"] == {"number": "AB12345600", "period": "11512", "voided": "11602"}
    with hq.db.read() as session:
        row = session.get(HQOrder, order["id"])
        invoice = session.execute(select(HQInvoice).where(HQInvoice.order_id == order["id"])).scalar_one()
    assert row is not None and row.status == "accepted" and not invoice.voided
    # The last moment of the period is still within it (judged in Taiwan time, whatever the offset sent).
    hq.clock.set(datetime.fromisoformat("2026-12-31T23:59:30+08:00"))
    edge = client.post(f"/api/v1/orders/{order['id']}/void",
                       json={"reason": "客人退貨", "voided_at": "2026-12-31T15:59:59+00:00"})
    assert edge.status_code == 200 and edge.json()["status"] == "voided"
    # Once voided, a replay is answered with the first void, whatever its time says.
    again = client.post(f"/api/v1/orders/{order['id']}/void",
                        json={"reason": "客人退貨", "voided_at": "2027-01-05T10:00:00+08:00"})
    assert again.status_code == 200
    assert datetime.fromisoformat(again.json()["voided_at"]) == datetime.fromisoformat(edge.json()["voided_at"])


def test_concurrent_uploads_of_the_same_orders_store_each_once(hq: SeededHQ) -> None:
    """Two senders for one backlog (a restarted station racing its old self): never a second order."""
    orders = [make_order(seq=i, lines=[BATTERY]) for i in range(1, 41)]
    answers: list[list[dict]] = []
    barrier = threading.Barrier(4)

    def send(batch: list[dict]) -> None:
        client = hq.client()
        barrier.wait()
        answers.append(client.post(BATCH, json={"orders": batch}).json()["results"])

    threads = [threading.Thread(target=send, args=(orders if i % 2 else list(reversed(orders)),)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(answers) == 4
    for results in answers:
        assert all(r["outcome"] == "accepted" for r in results)
    fresh = sum(1 for results in answers for r in results if not r["replay"])
    assert fresh == 40 and _count(hq) == 40


def test_approvers_are_stored_at_hq_and_uploads_without_them_still_accepted(hq: SeededHQ) -> None:
    client = hq.client()
    old, new = make_order(seq=1), make_order(seq=2)  # `old`: as a station before the approver fields sends
    new["lines"][0] = {**new["lines"][0], "unit_price": 90, "amount": 90, "price_approved_by": "M001"}
    new["total"] = new["payments"][0]["amount"] = new["payments"][0]["tendered"] = 90
    new["invoice"] = {**new["invoice"], "total": 90, "sales": 86, "tax": 4}
    results = client.post(BATCH, json={"orders": [old, new]}).json()["results"]
    assert [r["outcome"] for r in results] == ["accepted", "accepted"], results
    hq.clock.advance(hours=1)  # the voids below are made at 13:00
    assert client.post(f"/api/v1/orders/{old['id']}/void",
                       json={"reason": "客人退貨", "voided_at": "2026-11-22T13:00:00+08:00"}).status_code == 200
    assert client.post(f"/api/v1/orders/{new['id']}/void", json={
        "reason": "客人退貨", "voided_at": "2026-11-22T13:00:00+08:00", "approved_by": "M001"}).status_code == 200
    with hq.db.read() as session:
        lines = dict(session.execute(select(HQOrderLine.order_id, HQOrderLine.price_approved_by)).all())
        voids = dict(session.execute(select(HQOrder.id, HQOrder.void_approved_by)).all())
    assert lines == {old["id"]: None, new["id"]: "M001"}
    assert voids == {old["id"]: None, new["id"]: "M001"}
    # The stored payload of the old order has no trace of the new field: its replay is still a replay.
    assert client.post(BATCH, json={"orders": [old]}).json()["results"][0]["replay"] is True

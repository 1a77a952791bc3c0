"""HQ's reference data (staff, products, customers by delta cursor), tokens, and the demo seed."""

from __future__ import annotations

import threading

from sqlalchemy import select

from core.demo.catalog import ean13_check_digit
from core.einvoice import period_of
from core.pins import verify_pin
from hq.tables import HQStation
from tests.support.fixtures import SeededHQ, TestClient


def test_requests_without_a_valid_token_are_refused_with_a_clear_code(hq: SeededHQ) -> None:
    anonymous = TestClient(hq.app)
    for path in ("/api/v1/products", "/api/v1/staff", "/api/v1/booklets"):
        response = anonymous.get(path)
        assert response.status_code == 401 and response.json()["detail"]["code"] == "hq.auth"
        assert response.headers["www-authenticate"] == "Bearer"
    wrong = TestClient(hq.app, headers={"Authorization": "Bearer hq_not-a-token"})
    assert wrong.get("/api/v1/products").status_code == 401
    assert anonymous.get("/health").status_code == 200  # the probe needs no token


def test_tokens_are_stored_only_as_hashes_and_rotation_revokes_the_old_one(hq: SeededHQ) -> None:
    with hq.db.read() as session:
        hashes = {row.id: row.token_hash for row in session.execute(select(HQStation)).scalars()}
    assert set(hashes) == {"ADMIN", "S01", "S02"}
    assert all(token not in hashes.values() for token in hq.tokens.values())
    old = hq.client("S01")
    rotated = hq.client("ADMIN").post("/api/v1/admin/stations", json={"id": "S01", "name": "櫃台一"}).json()
    assert old.get("/api/v1/products").status_code == 401
    fresh = TestClient(hq.app, headers={"Authorization": f"Bearer {rotated['token']}"})
    assert fresh.get("/api/v1/products").status_code == 200


def test_stations_cannot_use_the_back_office(hq: SeededHQ) -> None:
    response = hq.client("S01").put("/api/v1/admin/products", json={"items": []})
    assert response.status_code == 403 and response.json()["detail"]["code"] == "hq.forbidden"


def test_products_delta_pages_by_cursor_and_sees_later_changes(hq: SeededHQ) -> None:
    client = hq.client()
    seen, cursor, pages = [], "0", 0
    while True:
        page = client.get("/api/v1/products", params={"cursor": cursor, "limit": 64}).json()
        seen += page["items"]
        cursor, pages = page["next_cursor"], pages + 1
        if not page["has_more"]:
            break
    assert pages == 4 and len(seen) == len({p["sku"] for p in seen}) == 200
    assert client.get("/api/v1/products", params={"cursor": cursor}).json()["items"] == []
    hq.clock.advance(minutes=1)
    hq.client("ADMIN").put("/api/v1/admin/products", json={"items": [
        {"sku": "SKU00001", "barcode": "4710000000011", "name": "乾電池 3號 8入", "price_regular": 189},
        {"sku": "SKU00001", "barcode": "4710000000011", "name": "乾電池 3號 8入", "price_regular": 199},
        {"sku": "SKU00999", "name": "新品", "price_regular": 10, "active": False}]})
    delta = client.get("/api/v1/products", params={"cursor": cursor}).json()
    assert [(p["sku"], p["price_regular"], p["active"]) for p in delta["items"]] == [
        ("SKU00001", 199, True), ("SKU00999", 10, False)]
    assert delta["items"][0]["updated_at"] == "2026-11-22T12:01:00+08:00"
    assert client.get("/api/v1/products", params={"cursor": "x1"}).json()["detail"]["code"] == "cursor.invalid"


def test_concurrent_catalog_updates_never_let_a_cursor_skip_a_change(hq: SeededHQ) -> None:
    admin = hq.client("ADMIN")
    client = hq.client()
    cursor = client.get("/api/v1/products", params={"limit": 10_000}).json()["next_cursor"]

    def update(worker: int) -> None:
        for round_ in range(5):
            admin.put("/api/v1/admin/products", json={"items": [
                {"sku": f"W{worker}-{round_}", "name": f"商品 {worker}-{round_}", "price_regular": 10}]})

    threads = [threading.Thread(target=update, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    seen: set[str] = set()
    while True:
        writers_done = not any(thread.is_alive() for thread in threads)  # before the read: no race
        page = client.get("/api/v1/products", params={"cursor": cursor}).json()
        seen |= {p["sku"] for p in page["items"]}
        cursor = page["next_cursor"]
        if writers_done and not page["items"]:
            break
    assert seen == {f"W{w}-{r}" for w in range(4) for r in range(5)}


def test_staff_come_with_pin_hashes_for_offline_login_and_a_manager(hq: SeededHQ) -> None:
    staff = hq.client().get("/api/v1/staff").json()["items"]
    by_id = {s["id"]: s for s in staff}
    assert by_id["M001"]["role"] == "manager" and by_id["E001"]["role"] == "cashier"
    assert verify_pin("000000", by_id["M001"]["pin_hash"]) and verify_pin("1234", by_id["E001"]["pin_hash"])
    assert not verify_pin("000000", by_id["E001"]["pin_hash"])


def test_hq_refuses_a_manager_pin_shorter_than_six_digits_and_stores_nothing(hq: SeededHQ) -> None:
    admin = hq.client("ADMIN")
    before = hq.client().get("/api/v1/staff").json()["items"]
    short = admin.put("/api/v1/admin/staff", json={"items": [
        {"id": "E009", "name": "新人", "role": "cashier", "pin": "4321"},
        {"id": "M009", "name": "新店長", "role": "manager", "pin": "12345"}]})
    assert short.status_code == 422
    assert short.json()["detail"]["code"] == "pin.manager_short"
    assert short.json()["detail"]["params"] == {"minimum": 6, "id": "M009"}
    assert hq.client().get("/api/v1/staff").json()["items"] == before  # the cashier in the same batch neither
    ok = admin.put("/api/v1/admin/staff", json={"items": [
        {"id": "E009", "name": "新人", "role": "cashier", "pin": "4321"},
        {"id": "M009", "name": "新店長", "role": "manager", "pin": "123456"}]})
    assert ok.status_code == 200 and ok.json()["count"] == 2
    by_id = {s["id"]: s for s in hq.client().get("/api/v1/staff").json()["items"]}
    assert verify_pin("123456", by_id["M009"]["pin_hash"]) and verify_pin("4321", by_id["E009"]["pin_hash"])


def test_customer_lookup_by_phone_or_member_code_and_delta(hq: SeededHQ) -> None:
    client = hq.client()
    by_phone = client.get("/api/v1/customers/lookup", params={"phone": "0912345670"}).json()
    by_code = client.get("/api/v1/customers/lookup", params={"member_code": "M0000001"}).json()
    assert by_phone == by_code and by_phone["name"] == "陳怡君"
    missing = client.get("/api/v1/customers/lookup", params={"phone": "0900000000"})
    assert missing.status_code == 404 and missing.json()["detail"]["code"] == "hq.not_found"
    assert client.get("/api/v1/customers/lookup").status_code == 422
    assert len(client.get("/api/v1/customers").json()["items"]) == 30
    taken = hq.client("ADMIN").put("/api/v1/admin/customers", json={"items": [
        {"id": "C99999", "member_code": "M0000001", "phone": "0911111111"}]})
    assert taken.status_code == 409


def test_the_demo_seed_is_realistic(hq: SeededHQ) -> None:
    products = hq.client().get("/api/v1/products", params={"limit": 1000}).json()["items"]
    assert len(products) == 200
    assert all(len(p["barcode"]) == 13 and ean13_check_digit(p["barcode"][:12]) == p["barcode"][12]
               for p in products)
    assert any(p["price_addon"] for p in products) and any(p["price_gift"] == 0 for p in products)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in products[0]["name"])
    ranges = hq.client("ADMIN").get("/api/v1/admin/booklet-ranges").json()
    current = period_of(hq.clock.now())
    assert {r["period_code"] for r in ranges} == {current.code, current.next().code}
    hq_ranges = [r for r in ranges if r["track"] in ("KN", "KP")]
    assert len(hq_ranges) == 2 and all(r["end"] - r["start"] + 1 >= 500 for r in hq_ranges)
    # The demo station's own booklets (core.demo.station) are allocated to it, all of them.
    demo = [r for r in ranges if r["track"] not in ("KN", "KP")]
    assert demo and all(r["allocated"] == r["end"] - r["start"] + 1 for r in demo)
    assert {(b["track"], b["start"]) for b in hq.client("S01").get("/api/v1/booklets").json()} == {
        ("AB", 12_345_600), ("AB", 12_345_650), ("CD", 10_000_000)}


def test_health_reports_the_server_time(hq: SeededHQ) -> None:
    body = TestClient(hq.app).get("/health").json()
    assert body["status"] == "ok" and body["server_time"] == "2026-11-22T12:00:00+08:00" and body["api"] == 1
    assert "/api/v1/orders/batch" in TestClient(hq.app).get("/openapi.json").json()["paths"]

"""Catalog: search, edit one product (prices per type), CSV export and import; CSRF and audit; stations
pull the change by delta."""

from __future__ import annotations

from tests.hq.web.conftest import Office


def test_search_and_export(signed_in: Office) -> None:
    page = signed_in.client.get("/office/catalog?q=SKU00002").text
    assert 'data-sku="SKU00002"' in page and "口罩 成人 50入" in page and page.count("data-sku=") == 1
    by_name = signed_in.client.get("/office/catalog?q=乾電池").text
    assert 'data-sku="SKU00001"' in by_name
    exported = signed_in.client.get("/office/catalog.csv")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    lines = exported.text.lstrip("\ufeff").splitlines()
    assert lines[0] == "sku,barcode,name,price_regular,price_addon,price_gift,active" and len(lines) == 201
    assert "SKU00001,4710000000011,乾電池 3號 4入,105,84,0,1" in lines


def test_edit_a_product_and_stations_see_it(signed_in: Office) -> None:
    forged = signed_in.client.post("/office/catalog", data={"sku": "SKU00001", "name": "x", "price_regular": "1",
                                                            "csrf": "x"})
    assert forged.status_code == 403
    saved = signed_in.post("/office/catalog", {"sku": "SKU00001", "name": "乾電池 3號 4入", "price_regular": "99",
                                               "price_addon": "80", "active": "1"})
    assert saved.status_code == 200 and "已儲存 SKU00001" in saved.text
    products = signed_in.hq.client("S01").get("/api/v1/products?cursor=200").json()["items"]
    assert [(p["sku"], p["price_regular"], p["price_addon"], p["price_gift"]) for p in products] == [
        ("SKU00001", 99, 80, None)]
    assert ("owner", "catalog.save", "SKU00001") in signed_in.audit()
    bad = signed_in.post("/office/catalog", {"sku": "SKU00001", "name": "", "price_regular": "99"})
    assert bad.status_code == 422
    page = signed_in.client.get("/office/catalog?q=SKU00001").text
    assert 'name="price_addon" value="80"' in page and 'name="price_regular" value="99"' in page  # prefilled


def test_import_a_csv(signed_in: Office) -> None:
    body = "sku,name,price_regular,price_addon,active\nNEW-1,新商品,50,,1\nSKU00003,鮮乳 936ml,95,,0\n"
    answer = signed_in.post("/office/catalog/import", files={"file": ("p.csv", body.encode(), "text/csv")})
    assert answer.status_code == 200 and "已匯入 2 項商品" in answer.text
    page = signed_in.client.get("/office/catalog?q=SKU00003").text
    assert ">95<" in page and ">否<" in page
    assert ("owner", "catalog.import", "p.csv") in signed_in.audit()
    bad = signed_in.post("/office/catalog/import", files={"file": ("p.csv", b"sku,name\nX,y\n", "text/csv")})
    assert bad.status_code == 422 and "price_regular" in bad.text
    worse = signed_in.post("/office/catalog/import",
                           files={"file": ("p.csv", b"sku,name,price_regular\nX,y,-5\n", "text/csv")})
    assert worse.status_code == 422 and "第 2 行" in worse.text

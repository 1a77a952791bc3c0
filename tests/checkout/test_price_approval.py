"""A line priced below the price the station knows for its SKU needs a manager's PIN, checked by the
Station; the approver is recorded on the line, in the audit row, and in the upload. Unknown SKUs and
prices above the catalog's need none (the seed's offline flow)."""

from __future__ import annotations

import json
from dataclasses import asdict, replace

import pytest
from sqlalchemy import text

from core.checkout import CartLine, ProductType
from core.checkout.approvals import PriceApproval
from core.demo.catalog import demo_products
from core.errors import ValidationError
from core.station import Station
from core.store.outbox import load_orders
from core.sync.payload import order_dict
from core.sync.protocol import OrderIn, order_payload
from tests.factories import simple_sale, table_counts

SKU = "SKU00001"  # 乾電池 3號 4入: regular 105, add-on 84, gift 0 in the demo catalog


@pytest.fixture
def shop(station: Station) -> Station:
    station.load_products({**asdict(p), "active": True, "updated_at": station.clock.now()} for p in demo_products(5))
    return station


def _line(shop: Station, price: int, kind: ProductType = ProductType.REGULAR) -> CartLine:
    scanned = shop.scan(SKU, 1, kind)
    assert scanned is not None
    return replace(scanned, unit_price=price)


def _refused(shop: Station, line: CartLine) -> ValidationError:
    before = table_counts(shop)
    with pytest.raises(ValidationError) as refused:
        shop.checkout(simple_sale(lines=[line]))
    assert table_counts(shop) == before  # nothing written, no number used
    return refused.value


def test_a_lower_price_without_a_manager_is_refused_with_a_clear_message(shop: Station) -> None:
    error = _refused(shop, _line(shop, 90))
    assert error.code == "price.below_catalog"
    assert "105" in error.text("zh_TW") and "店長" in error.text("zh_TW") and "manager" in error.text("en")
    # The screen's catalog price is not what is trusted: the station's own catalog is.
    assert _refused(shop, replace(_line(shop, 90), catalog_price=None)).code == "price.below_catalog"


def test_a_wrong_manager_pin_approves_nothing(shop: Station) -> None:
    with pytest.raises(ValidationError) as wrong:
        shop.approve_price(_line(shop, 90), staff_id="E001", manager_pin="9999")
    assert wrong.value.code == "manager.pin_wrong"


def test_a_cashiers_pin_is_not_a_managers(shop: Station) -> None:
    with shop.db.write() as session:  # give the cashier a PIN of their own
        session.execute(text("UPDATE staff SET pin_hash = (SELECT pin_hash FROM staff WHERE id = 'M001'), "
                             "role = 'cashier' WHERE id = 'M001'"))
    with pytest.raises(ValidationError) as refused:
        shop.approve_price(_line(shop, 90), staff_id="E001", manager_pin="1234")
    assert refused.value.code == "manager.pin_wrong"


def test_an_approved_lower_price_sells_and_the_approver_is_recorded_and_uploaded(shop: Station) -> None:
    line = shop.approve_price(_line(shop, 90), staff_id="E001", manager_pin="1234")
    assert line.approval is not None and line.approval.manager_id == "M001"
    sale = shop.checkout(simple_sale(lines=[line]))
    with shop.db.read() as session:
        stored = session.execute(text("SELECT unit_price, catalog_price, price_approved_by FROM order_lines "
                                      "WHERE order_id = :id"), {"id": sale.order_id}).one()
        audit = session.execute(text("SELECT staff_id, approved_by, detail FROM audit_log "
                                     "WHERE action = 'price_override'")).one()
        [bundle] = load_orders(session, [sale.order_id])
    assert tuple(stored) == (90, 105, "M001")
    assert audit[:2] == ("E001", "M001") and json.loads(audit[2])["entered_price"] == 90
    body = order_dict(bundle)  # the upload to HQ
    assert body["lines"][0]["price_approved_by"] == "M001"
    assert OrderIn.model_validate(body).lines[0].price_approved_by == "M001"
    # The approval was used by this sale: it cannot allow another.
    assert _refused(shop, line).code == "price.below_catalog"


def test_an_approval_covers_its_own_price_type_and_station_only(shop: Station) -> None:
    line = shop.approve_price(_line(shop, 90), staff_id="E001", manager_pin="1234")
    assert _refused(shop, replace(line, unit_price=80)).code == "price.below_catalog"
    assert line.approval is not None
    forged = replace(line, approval=PriceApproval("0" * 32, "M001", SKU, ProductType.REGULAR, 90))
    assert _refused(shop, forged).code == "price.below_catalog"


def test_an_add_on_is_judged_by_its_add_on_price_and_a_gift_at_zero_needs_nothing(shop: Station) -> None:
    assert _refused(shop, _line(shop, 80, ProductType.ADDON)).code == "price.below_catalog"
    shop.checkout(simple_sale(lines=[_line(shop, 84, ProductType.ADDON), _line(shop, 0, ProductType.GIFT),
                                     CartLine("4710000000017", "乾電池", 1, 105)]))


def test_a_higher_price_and_an_unknown_sku_need_no_pin(shop: Station) -> None:
    higher = _line(shop, 120)
    unknown = CartLine("NOT-IN-CATALOG", "手寫品項", 1, 1)  # offline: the price the cashier typed
    sale = shop.checkout(simple_sale(lines=[higher, unknown]))
    with shop.db.read() as session:
        approvers = session.execute(text("SELECT price_approved_by FROM order_lines WHERE order_id = :id"),
                                    {"id": sale.order_id}).scalars().all()
    assert approvers == [None, None]


def test_an_order_without_approvers_uploads_exactly_as_before() -> None:
    line = {"position": 1, "sku": SKU, "name": "乾電池", "product_type": "regular", "quantity": 1,
            "unit_price": 90, "catalog_price": 105, "amount": 90}
    order = {"id": "00000000-0000-4000-8000-000000000009", "order_no": "S01-000001", "seq": 1,
             "station_id": "S01", "created_at": "2026-11-22T12:00:00+08:00", "staff_id": "E001", "total": 90,
             "lines": [line], "payments": [], "invoice": {
                 "number": "AB12345600", "period_code": "11512", "issued_at": "2026-11-22T12:00:00+08:00",
                 "total": 90, "sales": 86, "tax": 4, "seller_ban": "12345675", "print_mark": True}}
    # An order from before the field (or without an approver) keeps its canonical payload, hence its hash.
    assert order_payload(OrderIn.model_validate(order))["lines"] == [
        {**line, "name": "乾電池", "product_type": "regular"}]
    approved = {**order, "lines": [{**line, "price_approved_by": "M001"}]}
    assert order_payload(OrderIn.model_validate(approved))["lines"][0]["price_approved_by"] == "M001"

"""Carts and tenders: pure rules, no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.checkout import Cart, CartLine, InvoiceRequest, PaymentKind, ProductType, Tender, settle
from core.errors import ValidationError


def test_a_repeat_scan_adds_to_the_same_line() -> None:
    cart = Cart()
    assert cart.add(CartLine("A", "乾電池", 1, 105)) == 0
    assert cart.add(CartLine("B", "口罩", 1, 210)) == 1
    assert cart.add(CartLine("A", "乾電池", 3, 105)) == 0
    assert [(ln.sku, ln.quantity) for ln in cart.lines] == [("A", 4), ("B", 1)]
    assert cart.total == 4 * 105 + 210


def test_the_same_sku_at_another_type_or_price_is_another_line() -> None:
    cart = Cart()
    cart.add(CartLine("A", "乾電池", 1, 105))
    cart.add(CartLine("A", "乾電池", 1, 50, ProductType.ADDON))
    cart.add(CartLine("A", "乾電池", 1, 0, "滿額贈"))
    assert [ln.product_type for ln in cart.lines] == [ProductType.REGULAR, ProductType.ADDON, ProductType.GIFT]
    assert cart.total == 155


def test_quantity_price_change_and_removal() -> None:
    cart = Cart()
    cart.add(CartLine("A", "乾電池", 1, 105, catalog_price=105))
    cart.add(CartLine("B", "口罩", 1, 210))
    cart.set_quantity(0, 3)
    cart.set_price(1, 200, "加價購")
    assert cart.lines[1].product_type is ProductType.ADDON and cart.total == 515
    assert cart.remove(0).sku == "A"
    assert len(cart) == 1
    with pytest.raises(ValidationError):
        cart.set_quantity(0, 0)
    with pytest.raises(ValidationError) as missing:
        cart.remove(5)
    assert missing.value.code == "cart.line_missing"


def test_override_flag_follows_the_catalog_price() -> None:
    assert CartLine("A", "x", 1, 90, catalog_price=105).price_overridden
    assert not CartLine("A", "x", 1, 105, catalog_price=105).price_overridden
    assert not CartLine("A", "x", 1, 90).price_overridden  # unknown offline: HQ decides


@pytest.mark.parametrize("sku", ["", "   ", "A B", "x" * 41, "\x07"])
def test_bad_skus_are_refused(sku: str) -> None:
    with pytest.raises(ValidationError) as refused:
        CartLine(sku, "x", 1, 1)
    assert refused.value.code == "sku.invalid"


def test_unknown_product_type_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        CartLine("A", "x", 1, 1, "discount")  # type: ignore[arg-type]
    assert refused.value.code == "product_type.invalid"


@given(total=st.integers(1, 10**6), tenders=st.lists(
    st.tuples(st.sampled_from(list(PaymentKind)), st.integers(1, 10**6)), min_size=1, max_size=4))
def test_settlement_pays_exactly_the_total_and_only_cash_gives_change(total: int, tenders: list) -> None:
    given_tenders = [Tender(kind, amount) for kind, amount in tenders]
    try:
        settlement = settle(total, given_tenders)
    except ValidationError as refused:
        paid = sum(a for _, a in tenders)
        non_cash = sum(a for k, a in tenders if k is not PaymentKind.CASH)
        assert (refused.code == "payment.short" and paid < total) or (
            refused.code == "payment.overpaid_noncash" and non_cash > total)
        return
    assert sum(p.amount for p in settlement.payments) == total
    assert settlement.change == sum(a for _, a in tenders) - total
    assert all(p.change == 0 for p in settlement.payments if p.kind is not PaymentKind.CASH)
    assert sum(p.change for p in settlement.payments) == settlement.change


@pytest.mark.parametrize("amount", [0, -1, 10**9, 12.5])
def test_bad_tender_amounts(amount: object) -> None:
    with pytest.raises(ValidationError):
        Tender("cash", amount)  # type: ignore[arg-type]


def test_print_mark_rules() -> None:
    assert InvoiceRequest.printed().print_mark
    assert InvoiceRequest.b2b("24634102").print_mark
    assert not InvoiceRequest.mobile("/ABC+123").print_mark
    assert not InvoiceRequest.donation("25885").print_mark
    assert not InvoiceRequest.manual("AB12345678").print_mark


def test_mobile_carrier_case_is_never_changed() -> None:
    assert InvoiceRequest.mobile(" /ABC+123 ").validated().carrier_id == "/ABC+123"
    with pytest.raises(ValidationError):
        InvoiceRequest.mobile("/abc+123").validated()

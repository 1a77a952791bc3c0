"""The till and the wire contract refuse the same amounts: the limits are defined once."""

from __future__ import annotations

import pytest
from pydantic import ValidationError as WireError

from core.checkout import CartLine, Tender
from core.errors import ValidationError
from core.limits import MAX_ORDER_TOTAL, MAX_QUANTITY, MAX_UNIT_PRICE
from core.sync.protocol import LineIn, PaymentIn

LINE = {"position": 1, "sku": "4710000000017", "name": "乾電池", "quantity": 1, "unit_price": 105, "amount": 105}


def test_the_largest_line_passes_both_and_one_more_fails_both() -> None:
    CartLine("4710000000017", "乾電池", MAX_QUANTITY, MAX_UNIT_PRICE)
    LineIn.model_validate({**LINE, "quantity": MAX_QUANTITY, "unit_price": MAX_UNIT_PRICE})
    for field, value in (("quantity", MAX_QUANTITY + 1), ("unit_price", MAX_UNIT_PRICE + 1)):
        with pytest.raises(ValidationError):
            CartLine("4710000000017", "乾電池", **{"quantity": 1, "unit_price": 105, field: value})
        with pytest.raises(WireError):
            LineIn.model_validate({**LINE, field: value})


def test_the_largest_payment_passes_both_and_one_more_fails_both() -> None:
    Tender("cash", MAX_ORDER_TOTAL)
    PaymentIn(kind="cash", amount=MAX_ORDER_TOTAL, tendered=MAX_ORDER_TOTAL)
    with pytest.raises(ValidationError):
        Tender("cash", MAX_ORDER_TOTAL + 1)
    with pytest.raises(WireError):
        PaymentIn(kind="cash", amount=MAX_ORDER_TOTAL + 1, tendered=MAX_ORDER_TOTAL + 1)

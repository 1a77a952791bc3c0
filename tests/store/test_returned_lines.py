"""The returned-lines rule both ways of returning share: each named line is one of the sale's, each
quantity at least one, and no line gives back more than it sold less what was returned before."""

from __future__ import annotations

import pytest

from core.errors import ValidationError
from core.messages import AllowanceCode
from core.store.returned_lines import returned_lines
from core.store.tables import OrderLine

SOLD = {
    1: OrderLine(order_id="o", position=1, sku="BAT", name="乾電池", product_type="regular", quantity=1,
                 unit_price=105, amount=105),
    2: OrderLine(order_id="o", position=2, sku="MASK", name="口罩", product_type="regular", quantity=3,
                 unit_price=105, amount=315),
}


def test_a_line_named_twice_adds_up_and_comes_back_in_position_order() -> None:
    assert list(returned_lines(SOLD, [(2, 1), (1, 1), (2, 2)], already={}).items()) == [(1, 1), (2, 3)]


@pytest.mark.parametrize(("returned", "code"), [
    ([], AllowanceCode.NO_LINES),
    ([(2, 0)], AllowanceCode.NO_LINES),
    ([(9, 1)], AllowanceCode.UNKNOWN_LINE),
    ([(2, 4)], AllowanceCode.MORE_THAN_SOLD),
    ([(2, 2), (2, 2)], AllowanceCode.MORE_THAN_SOLD),
])
def test_a_return_the_sale_cannot_give_is_refused(returned: list[tuple[int, int]], code: AllowanceCode) -> None:
    with pytest.raises(ValidationError) as refused:
        returned_lines(SOLD, returned, already={})
    assert refused.value.code is code


def test_what_was_returned_before_is_subtracted_and_named_in_the_refusal() -> None:
    assert returned_lines(SOLD, [(2, 1)], already={2: 2}) == {2: 1}
    with pytest.raises(ValidationError) as refused:
        returned_lines(SOLD, [(2, 2)], already={2: 2})
    assert refused.value.code is AllowanceCode.MORE_THAN_SOLD
    assert refused.value.text("en") == (
        "Line 2 (MASK): 3 sold and 2 returned already, so 2 cannot be returned")


def test_the_first_line_in_position_order_is_the_one_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        returned_lines(SOLD, [(2, 9), (1, 9)], already={})
    assert "Line 1 (BAT)" in refused.value.text("en")

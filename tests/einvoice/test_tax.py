"""The 5% VAT split: sales = round(total / 1.05), tax = total - sales, exact integer arithmetic."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.einvoice.tax import split_tax


def _expected_sales(total: int) -> int:
    """round(total / 1.05) with exact rationals; half-way cases would be ambiguous, so rule them out."""
    exact = Fraction(total) / Fraction(105, 100)
    assert exact - (exact.numerator // exact.denominator) != Fraction(1, 2), total
    return int(exact + Fraction(1, 2))  # floor(x + 1/2) for x >= 0


@settings(max_examples=1000, deadline=None)
@given(st.integers(min_value=0, max_value=10**8))
def test_split_adds_up_and_rounds_like_the_spec(total: int) -> None:
    sales, tax = split_tax(total)
    assert sales + tax == total
    assert sales == _expected_sales(total)
    assert tax >= 0


def test_split_is_exact_over_many_consecutive_totals() -> None:
    # The split repeats with period 21 (20 of every 21 dollars are sales); this covers every residue
    # many times over, plus the top of the range where float arithmetic would start to drift.
    for total in [*range(0, 5_000), *range(10**8 - 2_000, 10**8 + 1)]:
        sales, tax = split_tax(total)
        assert (sales + tax, sales) == (total, _expected_sales(total)), total


@pytest.mark.parametrize(
    ("total", "expected"),
    [(0, (0, 0)), (1, (1, 0)), (10, (10, 0)), (11, (10, 1)), (21, (20, 1)), (105, (100, 5)),
     (340, (324, 16)), (2050, (1952, 98))],
)
def test_known_splits(total: int, expected: tuple[int, int]) -> None:
    assert split_tax(total) == expected


@pytest.mark.parametrize("total", [-1, -340, -(10**8)])
def test_negative_total_raises(total: int) -> None:
    with pytest.raises(ValueError, match="negative"):
        split_tax(total)

"""The 5% VAT split of a tax-inclusive total."""

from __future__ import annotations


def split_tax(total: int) -> tuple[int, int]:
    """Return (sales, tax) with sales + tax == total and sales = round(total / 1.05).

    Integer arithmetic: round(20t / 21) == (40t + 21) // 42. 20t/21 is never exactly k + 1/2
    (40t is even, 21(2k+1) is odd), so no rounding-mode question arises. Never compute
    tax = round(sales * 0.05): for about 5% of totals the parts would not add up.
    """
    if total < 0:
        raise ValueError("an invoice total is never negative")
    sales = (40 * total + 21) // 42
    return sales, total - sales

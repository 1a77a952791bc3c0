"""Retail barcodes a scanner can misread: EAN-13, EAN-8 and UPC-A (12 digits) end in a check digit
(GS1 mod 10). A code of one of those lengths whose check digit is wrong is a misread (a smudged label, a
partial read), not an item missing from the catalog: selling it as an unlisted item at a typed price
would put the wrong product on the invoice. Shops with in-house codes of those lengths without check
digits switch this off (`[station] check_digits = false`)."""

from __future__ import annotations

CHECKED_LENGTHS = frozenset({8, 12, 13})  # EAN-8, UPC-A, EAN-13


def gs1_check_digit(body: str) -> int:
    """The GS1 check digit of `body` (the code without its last digit): weights 3, 1, 3 … from the right."""
    total = sum(int(digit) * (3 if position % 2 == 0 else 1) for position, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_misread(code: str) -> bool:
    """True for an all-digit EAN-13, EAN-8 or UPC-A whose check digit does not match."""
    if len(code) not in CHECKED_LENGTHS or not code.isascii() or not code.isdigit():
        return False
    return gs1_check_digit(code[:-1]) != int(code[-1])

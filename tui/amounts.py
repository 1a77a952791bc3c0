"""Amounts typed by the cashier (prices, quantities, tendered cash or card), read the one way every
field reads them."""

from __future__ import annotations

from core.errors import ValidationError
from core.messages import CheckoutCode


def parse_amount(text: str) -> int:
    clean = text.strip().replace(",", "")
    if clean.startswith("-") and clean[1:].isdigit():  # said, never read as its digits (-5 is not 5)
        raise ValidationError(CheckoutCode.AMOUNT_NEGATIVE, value=text.strip())
    if not clean.isdigit():
        raise ValidationError(CheckoutCode.AMOUNT_INVALID, value=text.strip())
    return int(clean)

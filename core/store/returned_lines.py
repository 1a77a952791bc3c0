"""Which lines of a sale a return may take, the one rule both ways of returning share: an allowance
(core/store/allowances.py) and a void with a new invoice within the period (core/checkout/reissue.py).

A return names (original position, quantity) pairs; each position is a line of the sale, each quantity at
least one, and no line gives back more than it sold less what was returned from it already. What "already"
holds is the caller's: the allowances in force against the sale, or nothing for a reissue (which voids the
whole invoice, so it is refused outright once an allowance stands).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from core.errors import ValidationError
from core.messages import AllowanceCode
from core.store.tables import OrderLine


def returned_lines(sold: Mapping[int, OrderLine], returned: Sequence[tuple[int, int]],
                   already: Mapping[int, int]) -> dict[int, int]:
    """Position -> quantity asked (a position named twice adds up), in position order, or the
    ValidationError saying why not. `already`: position -> quantity returned before this return."""
    if not returned:
        raise ValidationError(AllowanceCode.NO_LINES)
    asked: dict[int, int] = {}
    for position, quantity in returned:
        if position not in sold:
            raise ValidationError(AllowanceCode.UNKNOWN_LINE, position=position, sku="?")
        if quantity < 1:
            raise ValidationError(AllowanceCode.NO_LINES)
        asked[position] = asked.get(position, 0) + quantity
    for position, quantity in sorted(asked.items()):
        line, before = sold[position], already.get(position, 0)
        if before + quantity > line.quantity:
            raise ValidationError(AllowanceCode.MORE_THAN_SOLD, position=position, sku=line.sku, sold=line.quantity,
                                  returned=before, asked=quantity)
    return dict(sorted(asked.items()))

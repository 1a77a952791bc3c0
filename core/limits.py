"""The largest amounts a sale may hold. The till refuses them as the cashier types and HQ refuses them on
the wire; both read them here so the two can never disagree about what a valid order is."""

MAX_UNIT_PRICE = 999_999  # NT$ for one item
MAX_QUANTITY = 9_999  # items on one line
MAX_ORDER_TOTAL = 99_999_999  # NT$ for a whole order, and for any single payment of it

"""A manager's approval for a line priced below the price the station knows for it.

The price a station knows for a SKU is its catalog's price for the line's product type (a product not sold
that way is judged by its regular price, as HQ's reconciliation judges it), or the cached catalog price
the line was scanned at if that is higher. A line below it needs a manager's PIN at the till: the Station
checks the PIN and issues a PriceApproval (PriceApprovals.issue); checkout accepts a line below its known
price only with an approval this Station issued for the same SKU, type and unit price, and records the
approver on the order line, in the audit row and in the upload to HQ.

A SKU the station does not know keeps the seed's offline flow: the cashier's price, no PIN (HQ marks a
difference 店長改價). A price above the known one needs no PIN either.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from core.checkout.cart import CartLine, ProductType
from core.store.catalog import ProductPrices, find_product, prices_by_code


@dataclass(frozen=True)
class PriceApproval:
    """The manager `manager_id` allowed `unit_price` for `sku` as `product_type`; `token` names it in the
    Station that issued it, so a screen cannot make one up."""

    token: str
    manager_id: str
    sku: str
    product_type: ProductType
    unit_price: int

    def covers(self, line: CartLine) -> bool:
        return (self.sku, self.product_type, self.unit_price) == (line.sku, line.product_type, line.unit_price)


def _known(line: CartLine, product: ProductPrices | None) -> int | None:
    prices = [line.catalog_price] if line.catalog_price is not None else []
    if product is not None:
        price = {ProductType.REGULAR: product.regular, ProductType.ADDON: product.addon,
                 ProductType.GIFT: product.gift}[line.product_type]
        prices.append(product.regular if price is None else price)
    return max(prices) if prices else None


def _floor(line: CartLine, known: int | None) -> int | None:
    return known if known is not None and line.unit_price < known else None


def known_price(session: Session, line: CartLine) -> int | None:
    """The price this station knows for the line's SKU and type, None for a SKU it does not know."""
    product = find_product(session, line.sku)
    return _known(line, None if product is None else ProductPrices.of(product))


def price_floor(session: Session, line: CartLine) -> int | None:
    """The known price if the line is below it (a manager must allow it), else None."""
    return _floor(line, known_price(session, line))


def price_floors(session: Session, lines: Sequence[CartLine]) -> list[int | None]:
    """price_floor for every line of a cart, its products read in one query (checkout's hot path)."""
    products = prices_by_code(session, [line.sku for line in lines])
    return [_floor(line, _known(line, products.get(line.sku))) for line in lines]


class PriceApprovals:
    """The approvals this Station issued and not yet used, in memory (a cart does not outlive the process).
    Thread-safe: the screens call the Station from worker threads."""

    def __init__(self) -> None:
        self._issued: dict[str, PriceApproval] = {}
        self._lock = threading.Lock()

    def issue(self, manager_id: str, line: CartLine) -> PriceApproval:
        """Call only after checking the manager's PIN."""
        approval = PriceApproval(secrets.token_hex(16), manager_id, line.sku, line.product_type, line.unit_price)
        with self._lock:
            self._issued[approval.token] = approval
        return approval

    def approver(self, line: CartLine) -> str | None:
        """The manager who allowed this line's price, if its approval is one issued here and covers it."""
        approval = line.approval
        if approval is None or not approval.covers(line):
            return None
        with self._lock:
            issued = self._issued.get(approval.token)
        return issued.manager_id if issued == approval else None

    def used(self, lines: list[CartLine]) -> None:
        """The sale is committed: its approvals cannot allow another one."""
        with self._lock:
            for line in lines:
                if line.approval is not None:
                    self._issued.pop(line.approval.token, None)

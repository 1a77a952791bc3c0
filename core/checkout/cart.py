"""The cart: lines a cashier builds by scanning and typing, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from core.errors import ValidationError
from core.limits import MAX_QUANTITY, MAX_UNIT_PRICE
from core.messages import CheckoutCode

if TYPE_CHECKING:
    from core.checkout.approvals import PriceApproval

MAX_SKU_LENGTH = 40


class ProductType(StrEnum):
    REGULAR = "regular"  # 一般價格
    ADDON = "addon"  # 加價購
    GIFT = "gift"  # 滿額贈

    @property
    def label(self) -> str:
        return {"regular": "一般價格", "addon": "加價購", "gift": "滿額贈"}[self.value]

    @classmethod
    def parse(cls, value: str | ProductType) -> ProductType:
        try:
            return cls(value)
        except ValueError:
            by_label = {member.label: member for member in cls}
            if value in by_label:
                return by_label[value]
            raise ValidationError(CheckoutCode.PRODUCT_TYPE_INVALID, value=value) from None


def _is_int(value: object) -> bool:
    # bool is an int to Python, and a float price is a bug: refuse both.
    return isinstance(value, int) and not isinstance(value, bool)


def validate_sku(sku: str) -> str:
    clean = sku.strip()
    if not clean or len(clean) > MAX_SKU_LENGTH or not clean.isprintable() or any(c.isspace() for c in clean):
        raise ValidationError(CheckoutCode.SKU_INVALID, value=sku)
    return clean


@dataclass(frozen=True)
class CartLine:
    sku: str
    name: str
    quantity: int
    unit_price: int
    product_type: ProductType = ProductType.REGULAR
    catalog_price: int | None = None  # the cached catalog price for this type, when known
    approval: PriceApproval | None = None  # a manager's OK for a price below the known one (Station.approve_price)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sku", validate_sku(self.sku))
        object.__setattr__(self, "product_type", ProductType.parse(self.product_type))
        name = self.name.strip()
        if not name:
            raise ValidationError(CheckoutCode.NAME_INVALID)
        object.__setattr__(self, "name", name)
        if not _is_int(self.unit_price) or not 0 <= self.unit_price <= MAX_UNIT_PRICE:
            raise ValidationError(CheckoutCode.PRICE_INVALID, name=name, value=self.unit_price, maximum=MAX_UNIT_PRICE)
        if not _is_int(self.quantity) or not 1 <= self.quantity <= MAX_QUANTITY:
            raise ValidationError(CheckoutCode.QUANTITY_INVALID, name=name, value=self.quantity, maximum=MAX_QUANTITY)

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price

    @property
    def price_overridden(self) -> bool:
        """The cashier's price differs from the catalog's: HQ will record it as 店長改價."""
        return self.catalog_price is not None and self.catalog_price != self.unit_price

    def same_item(self, other: CartLine) -> bool:
        return (self.sku, self.product_type, self.unit_price) == (other.sku, other.product_type, other.unit_price)


class Cart:
    """An ordered list of lines; a repeat scan of the same item at the same price adds to its quantity."""

    def __init__(self) -> None:
        self._lines: list[CartLine] = []

    @property
    def lines(self) -> tuple[CartLine, ...]:
        return tuple(self._lines)

    @property
    def total(self) -> int:
        return sum(line.amount for line in self._lines)

    def __len__(self) -> int:
        return len(self._lines)

    def add(self, line: CartLine) -> int:
        """Add a line, or merge it into the same item's line; returns the index of the line."""
        for index, existing in enumerate(self._lines):
            if existing.same_item(line):
                self.set_quantity(index, existing.quantity + line.quantity)
                return index
        self._lines.append(line)
        return len(self._lines) - 1

    def _index(self, index: int) -> int:
        if not 0 <= index < len(self._lines):
            raise ValidationError(CheckoutCode.CART_LINE_MISSING, value=index + 1)
        return index

    def set_quantity(self, index: int, quantity: int) -> None:
        line = self._lines[self._index(index)]
        self._lines[index] = replace(line, quantity=quantity)

    def set_price(self, index: int, unit_price: int, product_type: ProductType | str | None = None) -> None:
        line = self._lines[self._index(index)]
        kind = line.product_type if product_type is None else ProductType.parse(product_type)
        self._lines[index] = replace(line, unit_price=unit_price, product_type=kind)

    def replace(self, index: int, line: CartLine) -> None:
        """Put an edited line in place (a new product type brings its own catalog price)."""
        self._lines[self._index(index)] = line

    def remove(self, index: int) -> CartLine:
        return self._lines.pop(self._index(index))

    def clear(self) -> None:
        self._lines.clear()

"""Tenders and how they settle a total: cash gives change, nothing else does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.errors import ValidationError
from core.limits import MAX_ORDER_TOTAL
from core.messages import CheckoutCode
from core.payment_kind import PaymentKind


@dataclass(frozen=True)
class Tender:
    """What the customer hands over: an amount of one kind (card slip or voucher as reference)."""

    kind: PaymentKind
    amount: int
    reference: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PaymentKind.parse(self.kind))
        valid = isinstance(self.amount, int) and not isinstance(self.amount, bool)
        if not valid or not 0 < self.amount <= MAX_ORDER_TOTAL:
            raise ValidationError(CheckoutCode.PAYMENT_INVALID, value=self.amount)


@dataclass(frozen=True)
class AppliedPayment:
    kind: PaymentKind
    amount: int  # the part of the total this tender pays
    tendered: int
    change: int
    reference: str


@dataclass(frozen=True)
class Settlement:
    payments: tuple[AppliedPayment, ...]
    change: int


def settle(total: int, tenders: Sequence[Tender]) -> Settlement:
    paid = sum(tender.amount for tender in tenders)
    if paid < total:
        raise ValidationError(CheckoutCode.PAYMENT_SHORT, total=total, paid=paid, missing=total - paid)
    non_cash = sum(tender.amount for tender in tenders if not tender.kind.gives_change)
    if non_cash > total:
        raise ValidationError(CheckoutCode.PAYMENT_OVERPAID_NONCASH, excess=non_cash - total)
    cash_due = total - non_cash
    applied: list[AppliedPayment] = []
    for tender in tenders:
        if tender.kind.gives_change:
            amount = min(tender.amount, cash_due)
            cash_due -= amount
        else:
            amount = tender.amount
        applied.append(AppliedPayment(tender.kind, amount, tender.amount, tender.amount - amount, tender.reference))
    return Settlement(tuple(applied), paid - total)


__all__ = ["AppliedPayment", "PaymentKind", "Settlement", "Tender", "settle"]

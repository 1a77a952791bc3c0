"""Tenders and how they settle a total: cash gives change, nothing else does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from core.checkout.cart import MAX_ORDER_TOTAL
from core.errors import ValidationError


class PaymentKind(StrEnum):
    CASH = "cash"
    CARD = "card"
    OTHER = "other"

    @classmethod
    def parse(cls, value: str | PaymentKind) -> PaymentKind:
        try:
            return cls(value)
        except ValueError:
            raise ValidationError("payment.kind_invalid", value=value) from None


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
            raise ValidationError("payment.invalid", value=self.amount)


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
    paid = sum(t.amount for t in tenders)
    if paid < total:
        raise ValidationError("payment.short", total=total, paid=paid, missing=total - paid)
    non_cash = sum(t.amount for t in tenders if t.kind is not PaymentKind.CASH)
    if non_cash > total:
        raise ValidationError("payment.overpaid_noncash", excess=non_cash - total)
    cash_due = total - non_cash
    applied: list[AppliedPayment] = []
    for tender in tenders:
        if tender.kind is PaymentKind.CASH:
            amount = min(tender.amount, cash_due)
            cash_due -= amount
        else:
            amount = tender.amount
        applied.append(AppliedPayment(tender.kind, amount, tender.amount, tender.amount - amount, tender.reference))
    return Settlement(tuple(applied), paid - total)

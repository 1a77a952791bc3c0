"""The ways a customer can pay. Adding one is an entry here (and its name in the catalogs: the test of
this module says which are missing). A leaf module, so the printer and the wire contract can read it
without pulling the checkout engine in.

The values are the wire format (JSON strings HQ stores) and must never change."""

from __future__ import annotations

from enum import StrEnum

from core.errors import ValidationError
from core.messages import CheckoutCode


class PaymentKind(StrEnum):
    CASH = "cash"
    CARD = "card"
    OTHER = "other"

    @property
    def label_key(self) -> str:
        """The kind's name in the station's message catalog (tui/i18n/texts.py)."""
        return f"pay.{self.value}"

    @property
    def hq_label_key(self) -> str:
        """The kind's name in HQ's web catalog (hq/web/words.py)."""
        return f"tender.{self.value}"

    @property
    def paper_label(self) -> str:
        """The kind's name on paper, which is always in Chinese."""
        return _PAPER_LABELS[self]

    @property
    def gives_change(self) -> bool:
        """Only cash can be handed back; any other kind pays at most what is due."""
        return self is PaymentKind.CASH

    @classmethod
    def parse(cls, value: str | PaymentKind) -> PaymentKind:
        try:
            return cls(value)
        except ValueError:
            raise ValidationError(CheckoutCode.PAYMENT_KIND_INVALID, value=value) from None

    @classmethod
    def known(cls, value: str) -> PaymentKind | None:
        """The kind a stored string names, or None for one this version does not know."""
        try:
            return cls(value)
        except ValueError:
            return None


_PAPER_LABELS = {PaymentKind.CASH: "現金", PaymentKind.CARD: "信用卡", PaymentKind.OTHER: "其他"}


def paper_label(kind: str) -> str:
    """What paper calls a stored payment kind; one this version does not know is printed as stored."""
    known = PaymentKind.known(kind)
    return known.paper_label if known else kind

"""What the buyer asked for on the invoice: paper, a carrier, a donation, a business number, or
a hand-written (自行開立) invoice. Validated before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.einvoice import (
    is_valid_ban,
    is_valid_citizen_carrier,
    is_valid_donation_code,
    is_valid_invoice_number,
    is_valid_mobile_carrier,
    normalise_invoice_number,
)
from core.errors import ValidationError
from core.messages import InvoiceCode


class CarrierType(StrEnum):
    MOBILE = "mobile"  # 手機條碼
    CITIZEN = "citizen"  # 自然人憑證


@dataclass(frozen=True)
class InvoiceRequest:
    buyer_ban: str | None = None
    carrier_type: CarrierType | None = None
    carrier_id: str | None = None
    donation_code: str | None = None
    manual_number: str | None = None  # the number written by hand on a paper invoice

    @classmethod
    def printed(cls) -> InvoiceRequest:
        return cls()

    @classmethod
    def b2b(cls, buyer_ban: str) -> InvoiceRequest:
        return cls(buyer_ban=buyer_ban)

    @classmethod
    def mobile(cls, code: str) -> InvoiceRequest:
        return cls(carrier_type=CarrierType.MOBILE, carrier_id=code)

    @classmethod
    def citizen(cls, code: str) -> InvoiceRequest:
        return cls(carrier_type=CarrierType.CITIZEN, carrier_id=code)

    @classmethod
    def donation(cls, code: str) -> InvoiceRequest:
        return cls(donation_code=code)

    @classmethod
    def manual(cls, number: str, buyer_ban: str | None = None) -> InvoiceRequest:
        return cls(manual_number=number, buyer_ban=buyer_ban)

    @property
    def is_manual(self) -> bool:
        return self.manual_number is not None

    @property
    def print_mark(self) -> bool:
        """Whether the station owes the buyer a printed proof copy."""
        if self.is_manual:
            return False  # the buyer already holds the hand-written paper
        return self.buyer_ban is not None or (self.carrier_type is None and self.donation_code is None)

    def validated(self) -> InvoiceRequest:
        """The same request, normalised, or a ValidationError saying what is wrong."""
        ban = self.buyer_ban.strip() if self.buyer_ban is not None else None
        if ban is not None and not is_valid_ban(ban):
            raise ValidationError(InvoiceCode.BAN_INVALID, value=ban)
        carrier_type = CarrierType(self.carrier_type) if self.carrier_type is not None else None
        carrier_id = self.carrier_id.strip() if self.carrier_id is not None else None
        if (carrier_type is None) != (carrier_id is None):
            raise ValidationError(InvoiceCode.OPTIONS_CONFLICT, detail="carrier type without carrier code")
        if carrier_type is CarrierType.MOBILE and not is_valid_mobile_carrier(carrier_id or ""):
            raise ValidationError(InvoiceCode.CARRIER_MOBILE_INVALID, value=carrier_id)
        if carrier_type is CarrierType.CITIZEN and not is_valid_citizen_carrier(carrier_id or ""):
            raise ValidationError(InvoiceCode.CARRIER_CITIZEN_INVALID, value=carrier_id)
        donation = self.donation_code.strip() if self.donation_code is not None else None
        if donation is not None and not is_valid_donation_code(donation):
            raise ValidationError(InvoiceCode.DONATION_INVALID, value=donation)
        manual = normalise_invoice_number(self.manual_number) if self.manual_number is not None else None
        if manual is not None and not is_valid_invoice_number(manual):
            raise ValidationError(InvoiceCode.INVOICE_NUMBER_INVALID, value=self.manual_number)

        destinations = [name for name, value in (("carrier", carrier_id), ("donation", donation)) if value]
        if len(destinations) > 1:
            raise ValidationError(InvoiceCode.OPTIONS_CONFLICT, detail="carrier + donation")
        if destinations and ban is not None:
            raise ValidationError(InvoiceCode.OPTIONS_CONFLICT, detail=f"business number + {destinations[0]}")
        if destinations and manual is not None:
            raise ValidationError(InvoiceCode.OPTIONS_CONFLICT, detail=f"manual invoice + {destinations[0]}")
        return InvoiceRequest(ban, carrier_type, carrier_id, donation, manual)

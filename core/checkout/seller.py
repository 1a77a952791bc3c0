"""Who issues the invoices at this till."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.einvoice import is_valid_aes_key, is_valid_ban, max_version_for_paper
from core.errors import ValidationError
from core.messages import InvoiceCode


@dataclass(frozen=True)
class Seller:
    station_id: str
    ban: str
    name: str
    aes_key_hex: str = field(repr=False)  # a secret: kept out of reprs, logs and tracebacks
    qr_encoding: str = "utf-8"
    dots_per_line: int = 384

    def __post_init__(self) -> None:
        if not is_valid_ban(self.ban):
            raise ValidationError(InvoiceCode.BAN_INVALID, value=self.ban)
        if not is_valid_aes_key(self.aes_key_hex):
            raise ValidationError(InvoiceCode.AES_KEY_INVALID)

    @property
    def max_qr_version(self) -> int:
        return max_version_for_paper(self.dots_per_line)

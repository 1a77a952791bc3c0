"""The proof copy (證明聯) as data: everything the printer lays out, nothing about how."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from core.clock import to_taipei
from core.einvoice.numbers import format_invoice_number
from core.einvoice.payloads import Item, barcode_payload, qr_payloads, qr_version
from core.einvoice.periods import Period, period_of
from core.einvoice.tax import split_tax

TITLE = "電子發票證明聯"
REPRINT_TITLE = "電子發票證明聯補印"
B2B_FORMAT = "格式25"


@dataclass(frozen=True)
class ProofLine:
    name: str
    quantity: int
    unit_price: int

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class ProofCopy:
    seller_name: str
    seller_ban: str
    number: str
    random_code: str
    issued: datetime
    total: int
    lines: tuple[ProofLine, ...]
    qr_left: str
    qr_right: str
    qr_encoding: str = "utf-8"
    buyer_ban: str | None = None
    reprint: bool = False
    test: bool = False  # a test page's sample: marked 測試 so nobody mistakes it for an invoice
    note: str = ""
    tax_type: str = field(default="應稅")

    @property
    def period(self) -> Period:
        return period_of(self.issued)

    @property
    def title(self) -> str:
        return REPRINT_TITLE if self.reprint else TITLE

    @property
    def printed_number(self) -> str:
        return format_invoice_number(self.number)

    @property
    def is_b2b(self) -> bool:
        return self.buyer_ban is not None

    @property
    def sales_and_tax(self) -> tuple[int, int]:
        return split_tax(self.total)

    @property
    def date_line(self) -> str:
        # Taiwan time, as the period and the QR date are: a UTC timestamp must not print the day before.
        stamp = to_taipei(self.issued).strftime("%Y-%m-%d %H:%M:%S")
        return f"{stamp} {B2B_FORMAT}" if self.is_b2b else stamp

    @property
    def barcode(self) -> str:
        return barcode_payload(self.number, self.random_code, self.issued)

    @property
    def qr_version(self) -> int:
        return qr_version(self.qr_left, self.qr_right, self.qr_encoding)

    def as_reprint(self) -> ProofCopy:
        """The same invoice, same data, marked 補印: a reprint never changes what was issued."""
        return replace(self, reprint=True)



def build_proof_copy(*, seller_name: str, seller_ban: str, number: str, random_code: str,
                     issued: datetime, lines: Sequence[ProofLine], aes_key_hex: str,
                     buyer_ban: str | None = None, encoding: str = "utf-8",
                     max_qr_version: int | None = None, reprint: bool = False,
                     test: bool = False) -> ProofCopy:
    total = sum(line.amount for line in lines)
    items: list[Item] = [(line.name, line.quantity, line.unit_price) for line in lines]
    left, right = qr_payloads(
        number=number, random_code=random_code, issued=issued, total=total, seller_ban=seller_ban,
        buyer_ban=buyer_ban, items=items, aes_key_hex=aes_key_hex, encoding=encoding,
        max_version=max_qr_version,
    )
    return ProofCopy(
        seller_name=seller_name, seller_ban=seller_ban, number=number, random_code=random_code,
        issued=issued, total=total, lines=tuple(lines), qr_left=left, qr_right=right,
        qr_encoding=encoding, buyer_ban=buyer_ban, reprint=reprint, test=test,
    )

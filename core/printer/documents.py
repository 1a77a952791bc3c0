"""What the print service prints besides the proof copy (which core.einvoice defines)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from core.einvoice import ProofCopy, ProofLine


@dataclass(frozen=True)
class TransactionDetails:
    """The 交易明細 slip: what was bought and paid, for the customer; not an invoice."""

    store_name: str
    order_ref: str
    issued: datetime
    lines: tuple[ProofLine, ...]
    payments: tuple[tuple[str, int], ...] = ()
    change: int = 0
    invoice_number: str | None = None
    station_id: str = ""
    reprint: bool = False

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    def as_reprint(self) -> TransactionDetails:
        return replace(self, reprint=True)


@dataclass(frozen=True)
class TestPage:
    """A width calibration strip and a sample proof copy marked 測試 with real, scannable codes."""

    sample: ProofCopy
    model: str = "generic"
    url: str = ""
    notes: tuple[str, ...] = field(default=())

    def as_reprint(self) -> TestPage:
        return self


Document = ProofCopy | TransactionDetails | TestPage

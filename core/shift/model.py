"""The shift-close (交班) Z report: plain data, stored as JSON with the shift and printed as is."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class PaymentTotal:
    kind: str  # a PaymentKind value, kept as stored so a kind a newer version wrote still reads
    count: int  # payments of this kind (an order paid half cash, half card counts in both)
    amount: int  # what they covered of the totals
    change: int = 0  # cash handed back; the drawer holds amount, not what was tendered


@dataclass(frozen=True)
class BookletLeft:
    period_code: str
    track: str
    next_number: str  # the first unused number
    last_number: str
    left: int


@dataclass(frozen=True)
class ShiftReport:
    station_id: str
    opened_at: datetime
    closed_at: datetime
    closed_by: str
    orders: int  # completed sales of the shift (not voided)
    total: int  # their sum: what the drawer and card slips must show
    payments: tuple[PaymentTotal, ...]
    invoices_issued: int  # issued in the shift, whether voided later or not
    e_invoices: int
    manual_invoices: int
    first_number: str | None  # e-invoices, in issue order
    last_number: str | None
    manual_numbers: tuple[str, ...]
    voided: int  # invoices voided during the shift (an earlier shift's sale can be voided now)
    voided_amount: int
    voided_numbers: tuple[str, ...]
    booklets: tuple[BookletLeft, ...]  # unused numbers left, this period
    pending_uploads: int  # not yet at HQ: a warning on the report, the 48-hour rule applies
    attention_uploads: int
    number: int | None = None  # the Z number, once stored

    @property
    def numbers_left(self) -> int:
        return sum(b.left for b in self.booklets)

    @property
    def upload_warning(self) -> bool:
        return bool(self.pending_uploads or self.attention_uploads)

    def to_json(self) -> str:
        data = asdict(self)
        data["opened_at"], data["closed_at"] = self.opened_at.isoformat(), self.closed_at.isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, number: int | None = None) -> ShiftReport:
        data: dict[str, Any] = json.loads(text)
        data["opened_at"] = datetime.fromisoformat(data["opened_at"])
        data["closed_at"] = datetime.fromisoformat(data["closed_at"])
        data["payments"] = tuple(PaymentTotal(**p) for p in data["payments"])
        data["booklets"] = tuple(BookletLeft(**b) for b in data["booklets"])
        for key in ("manual_numbers", "voided_numbers"):
            data[key] = tuple(data[key])
        if number is not None:
            data["number"] = number
        return cls(**data)


@dataclass(frozen=True)
class ZReport:
    """The printable document: the report, and whether this is a reprint (補印)."""

    report: ShiftReport
    store_name: str = ""
    reprint: bool = False

    def as_reprint(self) -> ZReport:
        return ZReport(self.report, self.store_name, True)

"""Two-month invoice periods and ROC (民國) dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from core.clock import to_taipei

ROC_OFFSET = 1911


@dataclass(frozen=True, order=True)
class Period:
    """An e-invoice period, named by its ROC year and its even (closing) month."""

    roc_year: int
    even_month: int

    def __post_init__(self) -> None:
        if self.even_month not in (2, 4, 6, 8, 10, 12) or not 1 <= self.roc_year <= 999:
            raise ValueError(f"not an invoice period: {self.roc_year}/{self.even_month}")

    @property
    def label(self) -> str:
        """As printed on the proof copy: 115年11-12月."""
        return f"{self.roc_year}年{self.even_month - 1:02d}-{self.even_month:02d}月"

    @property
    def code(self) -> str:
        """yyyMM with the even month, as in the barcode and upload messages: 11512."""
        return f"{self.roc_year:03d}{self.even_month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.roc_year + ROC_OFFSET, self.even_month - 1, 1)

    def contains(self, day: date | datetime) -> bool:
        return period_of(day) == self

    def next(self) -> Period:
        if self.even_month == 12:
            return Period(self.roc_year + 1, 2)
        return Period(self.roc_year, self.even_month + 2)

    def previous(self) -> Period:
        if self.even_month == 2:
            return Period(self.roc_year - 1, 12)
        return Period(self.roc_year, self.even_month - 2)

    @classmethod
    def from_code(cls, code: str) -> Period:
        if len(code) != 5 or not code.isascii() or not code.isdigit():
            raise ValueError(f"not a period code: {code!r}")
        return cls(int(code[:3]), int(code[3:]))


def _as_local_date(day: date | datetime) -> date:
    # A datetime is judged in Taiwan time: 23:59:59 UTC+8 is still the old period.
    return to_taipei(day).date() if isinstance(day, datetime) else day


def period_of(day: date | datetime) -> Period:
    d = _as_local_date(day)
    return Period(d.year - ROC_OFFSET, d.month + (d.month % 2))


def roc_date(day: date | datetime) -> str:
    """yyyMMdd, as in the QR code: 1151122."""
    d = _as_local_date(day)
    return f"{d.year - ROC_OFFSET:03d}{d.month:02d}{d.day:02d}"

"""The shift-close (交班) Z report: plain data, stored as JSON with the shift and printed as is."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from core.payment_kind import PaymentKind


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
    orders: int  # sales of the shift (not voided; a sale since returned within its period counts, its reissue not)
    total: int  # their sum: what the tenders took in, before refunds
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
    # Returns in the shift, whatever shift sold the goods: the money leaves now. After the period (or by
    # choice) an allowance (折讓); within it the invoice voided and the kept lines reissued.
    allowances: int = 0
    allowance_amount: int = 0  # what they returned, tax included (= what they refunded)
    refunds: tuple[PaymentTotal, ...] = ()  # every refund of the shift (allowances and in-period), by tender
    # 作廢折讓 in the shift: the allowance no longer stands, so its refund came back (the same tender).
    allowances_cancelled: int = 0
    cancelled_amount: int = 0
    cancelled_refunds: tuple[PaymentTotal, ...] = ()
    in_period_returns: int = 0  # invoices voided by a return within their period (counted in `voided` too)
    in_period_amount: int = 0  # refunded for them
    reissued: int = 0  # invoices issued for the kept lines of such returns

    @property
    def returns(self) -> int:
        return self.allowances + self.in_period_returns

    @property
    def returned_amount(self) -> int:
        return self.allowance_amount + self.in_period_amount

    def refunded(self, kind: str) -> int:
        """Refunds paid in `kind` less those taken back by a 作廢折讓, in the shift."""
        paid = sum(r.amount for r in self.refunds if r.kind == kind)
        return paid - sum(r.amount for r in self.cancelled_refunds if r.kind == kind)

    def net(self, kind: str) -> int:
        """What `kind` brought in over the shift: its sales less its refunds."""
        return sum(p.amount for p in self.payments if p.kind == kind) - self.refunded(kind)

    @property
    def kinds(self) -> tuple[str, ...]:
        """Every tender with a sale or a refund in the shift, in the report's order."""
        seen = [p.kind for p in self.payments] + [r.kind for r in (*self.refunds, *self.cancelled_refunds)]
        return tuple(sorted(dict.fromkeys(seen)))

    @property
    def net_total(self) -> int:
        return self.total - sum(self.refunded(kind) for kind in self.kinds)

    @property
    def expected_cash(self) -> int:
        """What the shift put in the drawer: cash kept from sales (tendered less change) less cash refunded.
        The till records no opening float; the count adds the float the drawer started with."""
        return self.net(PaymentKind.CASH.value)

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
        for key in ("payments", "refunds", "cancelled_refunds"):
            data[key] = tuple(PaymentTotal(**p) for p in data.get(key, ()))
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

"""What the print service prints besides the proof copy (which core.einvoice defines)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from core.einvoice import ProofCopy, ProofLine
from core.printer.models import GENERIC
from core.shift.model import ZReport  # the shift-close report, printed like the others


class NoProofCopy(StrEnum):
    """Why an issued invoice gets no 電子發票證明聯 (einvoice.md: PrintMark N)."""

    MOBILE = "mobile"  # stored on the buyer's 手機條碼 carrier
    CITIZEN = "citizen"  # stored on a 自然人憑證 carrier
    DONATION = "donation"  # donated by 愛心碼
    MANUAL = "manual"  # hand-written: the buyer holds the paper invoice already


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
    # Why the sale has no proof copy (a NoProofCopy value), printed so nobody takes the slip for one.
    no_proof: str | None = None
    donation_code: str | None = None

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    def as_reprint(self) -> TransactionDetails:
        return replace(self, reprint=True)


@dataclass(frozen=True)
class TestPage:
    """A width calibration strip and a sample proof copy marked 測試 with real, scannable codes."""

    sample: ProofCopy
    model: str = GENERIC.name
    url: str = ""
    notes: tuple[str, ...] = field(default=())

    def as_reprint(self) -> TestPage:
        return self


@dataclass(frozen=True)
class DrawerKick:
    """Not paper: the ESC p pulse that opens the cash drawer, queued as a job of its own."""

    pin: int
    pulse_ms: int
    reason: str  # a core.printer.drawer.KickReason value
    order_id: str | None = None

    def as_reprint(self) -> DrawerKick:
        return self


@dataclass(frozen=True)
class AllowanceSlipLine:
    name: str
    quantity: int
    unit_price: int  # as the original invoice sold it, tax included
    amount: int  # returned, untaxed
    tax: int


@dataclass(frozen=True)
class AllowanceSlip:
    """The 營業人銷貨退回、進貨退出或折讓證明單 of one allowance, kept by the seller once the buyer signed.

    統一發票使用辦法 §20: the seller obtains the slip from the buyer, a business buyer (統編) stamping it
    with its 統一發票專用章; from a consumer (非營業人) the seller obtains the slip, signed, and takes back
    the original proof copy too (none to take back for an invoice on a carrier). §20-1 and 電子發票實施作業
    要點 point 3 let both sides agree electronically instead (no paper, no signature): this till hands over
    paper, so the slip always carries the line to sign or stamp. Its fields follow 作業要點 附件一 貳."""

    seller_name: str
    seller_ban: str
    number: str
    issued: datetime
    original_number: str
    original_date: str  # ISO date, Taipei
    lines: tuple[AllowanceSlipLine, ...]
    reason: str
    buyer_ban: str | None = None  # None: a consumer (非營業人)
    station_id: str = ""
    tax_type: str = "應稅"
    reprint: bool = False

    @property
    def amount(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def tax(self) -> int:
        return sum(line.tax for line in self.lines)

    @property
    def total(self) -> int:
        return self.amount + self.tax

    @property
    def signature_label(self) -> str:
        return BUSINESS_SIGNATURE if self.buyer_ban else CONSUMER_SIGNATURE

    def as_reprint(self) -> AllowanceSlip:
        return replace(self, reprint=True)


BUSINESS_SIGNATURE = "買受人蓋統一發票專用章"
CONSUMER_SIGNATURE = "買受人簽名"

Document = ProofCopy | TransactionDetails | TestPage | ZReport | DrawerKick | AllowanceSlip

# What the customer is told a 交易明細 slip is, on the slip itself (its layout prints these).
NOT_A_PROOF_COPY = "本明細非電子發票證明聯"
WHY_NO_PROOF = {
    NoProofCopy.MOBILE: "電子發票已存入手機條碼載具",
    NoProofCopy.CITIZEN: "電子發票已存入自然人憑證載具",
    NoProofCopy.DONATION: "電子發票已捐贈",
}

# The test page's sample is not an invoice: a fixed number, and a key that is not the merchant's secret.
SAMPLE_NUMBER = "AA00000000"
SAMPLE_RANDOM_CODE = "0000"
SAMPLE_AES_KEY = "0" * 32
SAMPLE_LINES = (ProofLine("測試商品", 1, 100), ProofLine("Test item", 2, 50), ProofLine("範例", 1, 35))


def sample_test_page(*, issued: datetime, seller_name: str = "測試商店", seller_ban: str = "12345675",
                     model: str = GENERIC.name, url: str = "", max_qr_version: int | None = None) -> TestPage:
    from core.einvoice import build_proof_copy

    sample = build_proof_copy(
        seller_name=seller_name, seller_ban=seller_ban, number=SAMPLE_NUMBER, random_code=SAMPLE_RANDOM_CODE,
        issued=issued, lines=SAMPLE_LINES, aes_key_hex=SAMPLE_AES_KEY, test=True, max_qr_version=max_qr_version)
    return TestPage(sample=sample, model=model, url=url)

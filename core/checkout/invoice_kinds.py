"""The kinds of invoice a cashier can pick at checkout, in the order the form lists them (F9 steps
through them). Adding a kind is one entry in INVOICE_KINDS (and its texts in the catalogs).

Each kind says which fields it asks for and builds its InvoiceRequest from them; the request's own
validation (core.einvoice's validators for 手機條碼, 自然人憑證, 捐贈碼 and 統編) decides what is valid, and
core.store.paper's rule decides what the sale prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from core.checkout.invoice_request import InvoiceRequest
from core.printer.documents import NoProofCopy
from core.store.paper import no_proof_reason


class BanField(Enum):
    NONE = "none"
    REQUIRED = "required"
    OPTIONAL = "optional"


@dataclass(frozen=True)
class _RequestFacts:
    manual: bool
    print_mark: bool
    donation_code: str | None
    carrier_type: str | None


@dataclass(frozen=True)
class InvoiceKind:
    name: str
    build: Callable[[str, str], InvoiceRequest]  # (code, 統編) as typed -> the request, not yet validated
    code_prompt: str | None = None  # catalog key of the code field's label; None: the kind asks no code
    ban: BanField = BanField.NONE

    @property
    def label_key(self) -> str:
        return f"checkout.kind.{self.name}"

    @property
    def ban_prompt(self) -> str:
        return "checkout.ban_optional" if self.ban is BanField.OPTIONAL else "checkout.ban"

    def request(self, code: str, ban: str) -> InvoiceRequest:
        """The validated request for what was typed, or a ValidationError saying what is wrong."""
        return self.build(code.strip(), ban.strip()).validated()

    @property
    def no_proof(self) -> NoProofCopy | None:
        """Why a sale of this kind prints no proof copy (None: it prints one). MANUAL prints nothing; any
        other reason prints the 交易明細 slip instead."""
        sample = self.build("0", "0")  # any non-blank code: the rule reads which fields are filled, not their values
        return no_proof_reason(_RequestFacts(sample.is_manual, sample.print_mark, sample.donation_code,
                                             sample.carrier_type))


PRINT = InvoiceKind("print", lambda code, ban: InvoiceRequest.printed())
MOBILE = InvoiceKind("mobile", lambda code, ban: InvoiceRequest.mobile(code.upper()), "checkout.code.mobile")
CITIZEN = InvoiceKind("citizen", lambda code, ban: InvoiceRequest.citizen(code.upper()), "checkout.code.citizen")
DONATION = InvoiceKind("donation", lambda code, ban: InvoiceRequest.donation(code), "checkout.code.donation")
B2B = InvoiceKind("b2b", lambda code, ban: InvoiceRequest.b2b(ban), ban=BanField.REQUIRED)
MANUAL = InvoiceKind("manual", lambda code, ban: InvoiceRequest.manual(code, ban or None), "checkout.code.manual",
                     BanField.OPTIONAL)

INVOICE_KINDS: tuple[InvoiceKind, ...] = (PRINT, MOBILE, CITIZEN, DONATION, B2B, MANUAL)


def kind_position(name: str) -> int:
    """Where the kind called `name` is listed; a ValueError for a name that is not a kind."""
    for position, kind in enumerate(INVOICE_KINDS):
        if kind.name == name:
            return position
    raise ValueError(f"no invoice kind {name!r}")

"""Taiwan e-invoice rules: pure functions and values, no I/O.

The names below load on first use (PEP 562): core.config checks a BAN and an AES key at start-up
(validators, verification) without importing booklets, proof copies and QR payloads."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.einvoice.booklets import BOOKLET_SIZE, Booklet, make_booklet
    from core.einvoice.document import ProofCopy, ProofLine, build_proof_copy
    from core.einvoice.numbers import (
        format_invoice_number,
        is_valid_invoice_number,
        normalise_invoice_number,
        random_code,
    )
    from core.einvoice.payloads import HEADER_LENGTH, barcode_payload, qr_bytes, qr_payloads, qr_version
    from core.einvoice.periods import Period, period_of, roc_date
    from core.einvoice.qr_capacity import max_version_for_paper
    from core.einvoice.tax import split_tax
    from core.einvoice.validators import (
        CONSUMER_BAN,
        is_valid_ban,
        is_valid_citizen_carrier,
        is_valid_donation_code,
        is_valid_mobile_carrier,
    )
    from core.einvoice.verification import is_valid_aes_key, verification_code

_MODULES = {
    "BOOKLET_SIZE": "core.einvoice.booklets",
    "Booklet": "core.einvoice.booklets",
    "CONSUMER_BAN": "core.einvoice.validators",
    "HEADER_LENGTH": "core.einvoice.payloads",
    "Period": "core.einvoice.periods",
    "ProofCopy": "core.einvoice.document",
    "ProofLine": "core.einvoice.document",
    "barcode_payload": "core.einvoice.payloads",
    "build_proof_copy": "core.einvoice.document",
    "format_invoice_number": "core.einvoice.numbers",
    "is_valid_aes_key": "core.einvoice.verification",
    "is_valid_ban": "core.einvoice.validators",
    "is_valid_citizen_carrier": "core.einvoice.validators",
    "is_valid_donation_code": "core.einvoice.validators",
    "is_valid_invoice_number": "core.einvoice.numbers",
    "is_valid_mobile_carrier": "core.einvoice.validators",
    "make_booklet": "core.einvoice.booklets",
    "max_version_for_paper": "core.einvoice.qr_capacity",
    "normalise_invoice_number": "core.einvoice.numbers",
    "period_of": "core.einvoice.periods",
    "qr_bytes": "core.einvoice.payloads",
    "qr_payloads": "core.einvoice.payloads",
    "qr_version": "core.einvoice.payloads",
    "random_code": "core.einvoice.numbers",
    "roc_date": "core.einvoice.periods",
    "split_tax": "core.einvoice.tax",
    "verification_code": "core.einvoice.verification",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULES])


__all__ = [
    "BOOKLET_SIZE",
    "CONSUMER_BAN",
    "HEADER_LENGTH",
    "Booklet",
    "Period",
    "ProofCopy",
    "ProofLine",
    "barcode_payload",
    "build_proof_copy",
    "format_invoice_number",
    "is_valid_aes_key",
    "is_valid_ban",
    "is_valid_citizen_carrier",
    "is_valid_donation_code",
    "is_valid_invoice_number",
    "is_valid_mobile_carrier",
    "make_booklet",
    "max_version_for_paper",
    "normalise_invoice_number",
    "period_of",
    "qr_bytes",
    "qr_payloads",
    "qr_version",
    "random_code",
    "roc_date",
    "split_tax",
    "verification_code",
]

"""Taiwan e-invoice rules: pure functions and values, no I/O."""

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

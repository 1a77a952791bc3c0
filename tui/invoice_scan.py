"""The 1D barcode on a printed invoice (證明聯), read back at the order search.

It is 19 characters (core/einvoice/payloads.barcode_payload): the period code yyyMM with an even month,
the invoice number without its hyphen, and the 4-digit random code. The scanner types it like a keyboard
and ends with Enter, so the search field receives exactly that."""

from __future__ import annotations

import re

_BARCODE = re.compile(r"(?P<period>[0-9]{3}(?:0[2468]|1[02]))(?P<number>[A-Z]{2}[0-9]{8})(?P<random>[0-9]{4})")


def invoice_number_in_barcode(scanned: str) -> str | None:
    """The invoice number a scanned invoice barcode carries, or None when the text is not one."""
    match = _BARCODE.fullmatch(scanned.strip().upper())
    return match["number"] if match else None

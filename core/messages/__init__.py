"""Every message a person reads from the engine or HQ, split by domain, each code a `MessageCode`.

A new message is added in one place: a member of its domain's class (core/messages/<domain>.py),
written `NAME = "domain.code", "中文", "English"`. A new domain is a module here and a line in
`DOMAINS`. Codes read back from storage or the wire become members again through `message_code`.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.messages.allowance import AllowanceCode
from core.messages.backup import BackupCode
from core.messages.checkout import CheckoutCode
from core.messages.code import LANGUAGES, MessageCode, Phrase
from core.messages.config import ConfigCode
from core.messages.doctor import DoctorCode
from core.messages.invoice import InvoiceCode
from core.messages.mof import MofCode
from core.messages.printer import PrinterCode
from core.messages.store import StoreCode
from core.messages.sync import SyncCode

DOMAINS: tuple[type[MessageCode], ...] = (
    CheckoutCode, InvoiceCode, PrinterCode, SyncCode, ConfigCode, StoreCode, DoctorCode, BackupCode,
    MofCode, AllowanceCode,
)

CODES: Mapping[str, MessageCode] = {code.value: code for domain in DOMAINS for code in domain}


def message_code(code: str) -> MessageCode:
    """The member for a code read back as a plain string (a stored reason, HQ's JSON); KeyError if
    this version has no such message."""
    if isinstance(code, MessageCode):
        return code
    try:
        return CODES[code]
    except KeyError:
        raise KeyError(f"no message for code {code!r}") from None


def known_code(code: str) -> MessageCode | None:
    """The member for a plain code string, or None for one this version does not know."""
    return CODES.get(code)


__all__ = [
    "CODES", "DOMAINS", "LANGUAGES", "AllowanceCode", "BackupCode", "CheckoutCode", "ConfigCode", "DoctorCode",
    "InvoiceCode", "MessageCode", "MofCode", "Phrase", "PrinterCode", "StoreCode", "SyncCode", "known_code",
    "message_code",
]

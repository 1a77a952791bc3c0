"""Errors a person can act on.

Each carries a stable code (a `core.messages` member) and its parameters, so the TUI, the CLI and the
HQ can all say it in the reader's language; tracebacks are for bugs, never for bad input. The texts
live in core/messages/, one module per domain; this module keeps the error types.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.messages import CODES, LANGUAGES, MessageCode, message_code

# code -> (Traditional Chinese, English), read from core.messages for callers that look a text up
# by a code string they hold (a stored reason, a doctor verdict).
MESSAGES: Mapping[str, tuple[str, str]] = {value: (code.zh, code.en) for value, code in CODES.items()}


class CashierError(Exception):
    """A failure with a message meant for a person; `text(language)` renders it."""

    def __init__(self, code: MessageCode, /, **params: Any) -> None:
        self.code: MessageCode = message_code(code)
        self.params = params
        super().__init__(self.text("en"))

    def text(self, language: str = "zh_TW") -> str:
        return self.code.text(language, **self.params)


class ValidationError(CashierError):
    """Input was refused; nothing was written."""


class NoInvoiceNumberError(CashierError):
    """The current period has no e-invoice number left; the manual invoice is the way out."""


class StoreError(CashierError):
    """The local database cannot be used as it is."""


class BackupError(CashierError):
    """A backup or a restore did not happen; what was there before is untouched (core/backup/)."""


__all__ = [
    "LANGUAGES", "MESSAGES", "BackupError", "CashierError", "MessageCode", "NoInvoiceNumberError", "StoreError",
    "ValidationError",
]

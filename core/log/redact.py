"""Masking secrets in log records before any handler writes them.

Secrets reach logs by mistake (an f-string with the config, an exception carrying a request's
headers), so the filter masks by value as well as by shape: the configured AES key and HQ token
wherever they appear, any `Bearer …` credential, any token HQ issues (`hq_…`, hq.auth.new_token) whoever
logs it, and PIN-looking values next to a "pin" key.

Customers' mobile numbers are personal data, not secrets: they are shortened to their first four and last
three digits (0912***673; +886912***673 written the international way), enough for support to match a
sale, useless to anyone reading a copied log
(HQ's access log carries them in lookup query strings).
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Iterable

MASK = "***"
_BEARER = re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}")
_HQ_TOKEN = re.compile(r"(?<![A-Za-z0-9_])hq_[A-Za-z0-9_-]{32,}")  # token_urlsafe(32): 43 characters
# pin=1234, "manager_pin": "1234", pin: 123456 … (4 to 12 digits, as core.pins allows)
_PIN = re.compile(r"""(?i)(\b\w*pin\w*["']?\s*[:=]\s*["']?)\d{4,12}\b""")
_MOBILE = re.compile(r"(?<!\d)(09\d{2})\d{3}(\d{3})(?!\d)")
# The same numbers as people write them: 0912-345-671, 0912 345 671, +886912345671, +886-912-345-671, and
# %2B886… as a query string carries them (HQ's access log).
_MOBILE_WRITTEN = re.compile(r"(?<![\d+])((?:\+|%2[bB])886[- .]?9\d{2}|09\d{2})[- .]?\d{3}[- .]?(\d{3})(?!\d)")
# A token in a query string (?token=…, &access_token=…), whatever its shape.
_QUERY_TOKEN = re.compile(r"(?i)([?&](?:access_|api_)?(?:token|key)=)[^&\s\"']+")
_MIN_SECRET = 8  # shorter "secrets" would mask ordinary words and digits all over the log


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (arguments merged) and exception text with secrets masked."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets: list[re.Pattern[str]] = []
        self.add_secrets(secrets)

    def add_secrets(self, secrets: Iterable[str]) -> None:
        for secret in secrets:
            if secret and len(secret) >= _MIN_SECRET:
                # Case-insensitive: a hex key logged upper-cased is the same key.
                self._secrets.append(re.compile(re.escape(secret), re.IGNORECASE))

    def redact(self, text: str) -> str:
        for pattern in self._secrets:
            text = pattern.sub(MASK, text)
        text = _HQ_TOKEN.sub(MASK, text)
        text = _BEARER.sub(lambda m: m.group(1) + MASK, text)
        text = _QUERY_TOKEN.sub(lambda m: m.group(1) + MASK, text)
        text = _MOBILE.sub(lambda m: m.group(1) + MASK + m.group(2), text)
        text = _MOBILE_WRITTEN.sub(lambda m: m.group(1) + MASK + m.group(2), text)
        return _PIN.sub(lambda m: m.group(1) + MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
            record.exc_info = None  # so no formatter re-renders the unmasked traceback
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True

"""Invoice numbers and random codes."""

from __future__ import annotations

import re
import secrets

NUMBER_RE = re.compile(r"[A-Z]{2}[0-9]{8}")


def is_valid_invoice_number(number: str) -> bool:
    return NUMBER_RE.fullmatch(number) is not None


def normalise_invoice_number(text: str) -> str:
    """Accept what a cashier types (AB-12345678, ab 12345678) and return AB12345678, unchecked."""
    return re.sub(r"[\s-]", "", text).upper()


def format_invoice_number(number: str) -> str:
    """As printed: AB-12345678."""
    return f"{number[:2]}-{number[2:]}"


def split_number(number: str) -> tuple[str, int]:
    return number[:2], int(number[2:])


def join_number(track: str, value: int) -> str:
    return f"{track}{value:08d}"


def random_code() -> str:
    """Four digits from the OS's CSPRNG: never sequential, never 10000."""
    return f"{secrets.randbelow(10_000):04d}"

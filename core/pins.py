"""Staff PINs: stored only as salted scrypt hashes, checked in constant time.

The cost is the guard against guessing a stolen hash offline: a 6-digit manager PIN is 10**6 tries, so
each check must cost real work. N=2**15, r=8 takes at least 100 ms on the 2-core tills (measured by
bench/bench_pins.py) and 32 MiB for the moment of the check. A hash made with weaker parameters still
verifies; `needs_rehash` says so, and the station re-hashes its cached copy on the next successful login
(core.store.people.check_login). HQ is the source of the hashes stations pull: it makes every new one with
these parameters, and cannot upgrade an old one itself, as it never sees the PIN again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from core.errors import ValidationError
from core.messages import CheckoutCode

_N, _R, _P = 2**15, 8, 1
# OpenSSL refuses scrypt above maxmem; 128 * N * r is 32 MiB here, hashlib's default limit exactly.
_MAXMEM = 64 * 1024 * 1024
MAX_LENGTH = 12
# The shortest PIN per role: a manager's PIN allows voids, lower prices and unlocks, so it is longer.
MIN_LENGTH = {"cashier": 4, "manager": 6}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def validate_pin(pin: str, role: str = "cashier") -> str:
    """The PIN if it is digits of the length the role needs, else the ValidationError saying the rule."""
    shortest = MIN_LENGTH.get(role, MIN_LENGTH["cashier"])
    if not (pin.isascii() and pin.isdigit() and len(pin) <= MAX_LENGTH):
        raise ValidationError(CheckoutCode.PIN_INVALID)
    if len(pin) < shortest:
        code = CheckoutCode.PIN_MANAGER_SHORT if role == "manager" else CheckoutCode.PIN_INVALID
        raise ValidationError(code, minimum=shortest)
    return pin


def hash_pin(pin: str, role: str = "cashier") -> str:
    validate_pin(pin, role)
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32, maxmem=_MAXMEM)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected), maxmem=_MAXMEM)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    """The hash is not scrypt with today's parameters or stronger (N and r each, p at least ours)."""
    try:
        scheme, n, r, p, _salt, _digest = stored.split("$")
        return scheme != "scrypt" or int(n) < _N or int(r) < _R or int(p) < _P
    except ValueError:
        return True

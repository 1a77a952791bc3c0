"""Back-office passwords, hashed exactly as staff PINs are (salted scrypt, core.pins), checked in constant time."""

from __future__ import annotations

import base64
import hashlib
import os

from core import pins

MIN_LENGTH = 10  # a password guards the whole store's data, unlike a PIN guarding one till
MAX_LENGTH = 200
# A hash to check against when the username is unknown, so both answers cost the same time.
_DUMMY = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


class PasswordError(ValueError):
    pass


def validate_password(password: str) -> str:
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise PasswordError(f"a password has {MIN_LENGTH} to {MAX_LENGTH} characters")
    return password


def hash_password(password: str) -> str:
    """The same scheme and parameters as core.pins.hash_pin, without its digits-only rule."""
    validate_password(password)
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=pins._N, r=pins._R, p=pins._P, dklen=32,
                            maxmem=pins._MAXMEM)
    b64 = base64.b64encode
    return f"scrypt${pins._N}${pins._R}${pins._P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str | None) -> bool:
    # verify_pin takes any string: the check is the same for PINs and passwords.
    return pins.verify_pin(password[:MAX_LENGTH], stored or _DUMMY) and stored is not None

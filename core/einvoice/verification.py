"""The 24-character AES verification field of the left QR code."""

from __future__ import annotations

import base64
import re
from functools import lru_cache

from core.errors import ValidationError
from core.messages import InvoiceCode

# Fixed by the specification (base64 Dt8lyToo17X/XkXaQvihuA==).
_IV = bytes.fromhex("0edf25c93a28d7b5ff5e45da42f8a1b8")
_KEY_RE = re.compile(r"[0-9A-Fa-f]{32}")


def is_valid_aes_key(key_hex: str) -> bool:
    return _KEY_RE.fullmatch(key_hex) is not None


@lru_cache(maxsize=4)
def _key_bytes(key_hex: str) -> bytes:
    if not is_valid_aes_key(key_hex):
        # The key is a secret: the message never repeats it.
        raise ValidationError(InvoiceCode.AES_KEY_INVALID)
    return bytes.fromhex(key_hex)


def verification_code(number: str, random_code: str, aes_key_hex: str) -> str:
    """AES-128-CBC (PKCS7) of number + random code, base64: always 24 characters ending '=='."""
    # Imported here: cryptography is not needed until the first sale, so it stays off start-up.
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    padder = padding.PKCS7(128).padder()
    plain = padder.update((number + random_code).encode("ascii")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(_key_bytes(aes_key_hex)), modes.CBC(_IV)).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode("ascii")

"""Format checks for what buyers hand the cashier: business numbers, carriers, donation codes."""

from __future__ import annotations

import re

CONSUMER_BAN = "00000000"
_BAN_WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)
_MOBILE_RE = re.compile(r"/[0-9A-Z.+\-]{7}")
_CITIZEN_RE = re.compile(r"[A-Z]{2}[0-9]{14}")
_DONATION_RE = re.compile(r"[0-9]{3,7}")


def _ban_checksum(ban: str) -> int:
    total = 0
    for digit, weight in zip(ban, _BAN_WEIGHTS, strict=True):
        product = int(digit) * weight
        total += product // 10 + product % 10
    return total


def is_valid_ban(ban: str) -> bool:
    """統一編號 under the rule in force since 2023-04-01 (sum divisible by 5).

    Every number valid under the old divisible-by-10 rule is also valid here. When the 7th digit is 7
    its product 28 may count as 1 (2+8=10 → 1+0), so sum + 1 may pass instead.
    """
    if len(ban) != 8 or not ban.isascii() or not ban.isdigit() or ban == CONSUMER_BAN:
        return False
    total = _ban_checksum(ban)
    return total % 5 == 0 or (ban[6] == "7" and (total + 1) % 5 == 0)


def is_valid_mobile_carrier(code: str) -> bool:
    """手機條碼: '/' and 7 of 0-9 A-Z . + -; case is significant and never changed."""
    return _MOBILE_RE.fullmatch(code) is not None


def is_valid_citizen_carrier(code: str) -> bool:
    """自然人憑證: 2 capital letters and 14 digits."""
    return _CITIZEN_RE.fullmatch(code) is not None


def is_valid_donation_code(code: str) -> bool:
    """愛心碼: 3 to 7 digits."""
    return code.isascii() and _DONATION_RE.fullmatch(code) is not None

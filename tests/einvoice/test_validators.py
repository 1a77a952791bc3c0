"""Business numbers (統一編號), carriers and donation codes, checked against re-implemented rules."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.einvoice.validators import (
    CONSUMER_BAN,
    is_valid_ban,
    is_valid_citizen_carrier,
    is_valid_donation_code,
    is_valid_mobile_carrier,
)

WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)
bans = st.text(alphabet="0123456789", min_size=8, max_size=8)


def ban_sum(ban: str) -> int:
    """Add the digits of each weighted product (28 -> 2 + 8 = 10)."""
    return sum(sum(int(c) for c in str(int(d) * w)) for d, w in zip(ban, WEIGHTS, strict=True))


def old_rule(ban: str) -> bool:
    """Before 2023-04-01: divisible by 10, or with a 7th digit 7, sum + 1 divisible by 10."""
    total = ban_sum(ban)
    return total % 10 == 0 or (ban[6] == "7" and (total + 1) % 10 == 0)


def new_rule(ban: str) -> bool:
    """Since 2023-04-01: the same with 5; 00000000 is the consumer placeholder, never a business."""
    if ban == "00000000":
        return False
    total = ban_sum(ban)
    return total % 5 == 0 or (ban[6] == "7" and (total + 1) % 5 == 0)


@settings(max_examples=1000, deadline=None)
@given(bans)
def test_validator_is_the_new_rule(ban: str) -> None:
    assert is_valid_ban(ban) == new_rule(ban)


@settings(max_examples=1000, deadline=None)
@given(bans)
def test_old_valid_stays_valid(ban: str) -> None:
    if old_rule(ban) and ban != CONSUMER_BAN:
        assert is_valid_ban(ban)


def test_validator_matches_rule_exhaustively_on_a_slice() -> None:
    # every number with the 7th digit 7 and a fixed prefix, plus a block of consecutive numbers
    candidates = [f"{p:03d}{m:03d}7{d}" for p in (0, 987) for m in range(1000) for d in range(10)]
    candidates += [f"{n:08d}" for n in range(10_000)]
    for ban in candidates:
        assert is_valid_ban(ban) == new_rule(ban), ban
        if old_rule(ban) and ban != CONSUMER_BAN:
            assert is_valid_ban(ban), ban


def test_seventh_digit_seven_cases() -> None:
    only_via_plus_one = []
    for digits in itertools.product("0123456789", repeat=4):
        ban = "1" + "".join(digits[:3]) + "00" + "7" + digits[3]
        total = ban_sum(ban)
        if total % 5 != 0 and (total + 1) % 5 == 0:
            only_via_plus_one.append(ban)
    assert len(only_via_plus_one) > 50
    for ban in only_via_plus_one:
        assert is_valid_ban(ban), ban
        # the same sum with another 7th digit gets no such allowance
        other = ban[:6] + "2" + ban[7]  # 2*4 = 8 vs 7*4 = 28 -> 10: the sum drops by 2
        assert ban_sum(other) == ban_sum(ban) - 2
        assert is_valid_ban(other) == (ban_sum(other) % 5 == 0)
    # the classic example passes only through the +1 allowance, under both rules
    assert ban_sum("12345675") == 39
    assert old_rule("12345675")
    assert is_valid_ban("12345675")
    # a number that fails the old rule but passes the new one through sum + 1
    new_only = next(b for b in only_via_plus_one if not old_rule(b))
    assert (ban_sum(new_only) + 1) % 10 != 0
    assert is_valid_ban(new_only)
    # a sum of 4 more than a multiple of 5 without a 7th digit 7 is invalid
    plain = next(f"{n:08d}" for n in range(10**6) if f"{n:08d}"[6] != "7" and ban_sum(f"{n:08d}") % 5 == 4)
    assert not is_valid_ban(plain)


def test_new_rule_accepts_numbers_the_old_rule_rejected() -> None:
    newly_valid = [f"{n:08d}" for n in range(1, 5_000) if new_rule(f"{n:08d}") and not old_rule(f"{n:08d}")]
    assert newly_valid
    assert all(is_valid_ban(ban) for ban in newly_valid)


@pytest.mark.parametrize("ban", ["04595257", "12345675", "24634102"])
def test_known_valid_numbers(ban: str) -> None:
    assert new_rule(ban), f"{ban} does not pass the rule as re-implemented here (sum {ban_sum(ban)})"
    assert is_valid_ban(ban)


def test_known_sums() -> None:
    assert ban_sum("04595257") == 40
    assert ban_sum("12345675") == 39


@pytest.mark.parametrize(
    "ban",
    ["00000000", "", "1234567", "123456789", "1234567a", "12345 75", " 2345675", "12345675\n",
     "１２３４５６７８", "１２３４５６７５", "٠٤٥٩٥٢٥٧", "12-45675", "04595258"],
)
def test_invalid_numbers(ban: str) -> None:
    assert not is_valid_ban(ban)


def test_consumer_placeholder() -> None:
    assert CONSUMER_BAN == "00000000"
    assert ban_sum(CONSUMER_BAN) % 10 == 0  # it would pass the arithmetic, yet it is not a business
    assert not is_valid_ban(CONSUMER_BAN)


@pytest.mark.parametrize("code", ["/ABC+123", "/1234567", "/A.B-C+D", "/ZZZZZZZ", "/-------"])
def test_mobile_carrier_valid(code: str) -> None:
    assert is_valid_mobile_carrier(code)


@pytest.mark.parametrize(
    "code",
    ["/abc+123", "/ABc+123", "/ABC+12", "/ABC+1234", "ABC+1234", "", "/", "/ABC 123", "/ABC_123",
     "/ABC+123\n", "／ABC+123", "/ＡBC+123", "//ABC123"],
)
def test_mobile_carrier_invalid(code: str) -> None:
    assert not is_valid_mobile_carrier(code)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=10))
def test_mobile_carrier_property(code: str) -> None:
    allowed = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.+-")
    expected = len(code) == 8 and code[0] == "/" and set(code[1:]) <= allowed
    assert is_valid_mobile_carrier(code) == expected


@pytest.mark.parametrize("code", ["AB12345678901234", "ZZ00000000000000"])
def test_citizen_carrier_valid(code: str) -> None:
    assert is_valid_citizen_carrier(code)


@pytest.mark.parametrize(
    "code",
    ["ab12345678901234", "Ab12345678901234", "AB1234567890123", "AB123456789012345", "A123456789012345",
     "AB1234567890123X", "", "ＡＢ12345678901234", "AB12345678901234\n"],
)
def test_citizen_carrier_invalid(code: str) -> None:
    assert not is_valid_citizen_carrier(code)


@pytest.mark.parametrize("code", ["123", "1234", "12345", "123456", "1234567", "000", "0000000"])
def test_donation_code_valid(code: str) -> None:
    assert is_valid_donation_code(code)


@pytest.mark.parametrize(
    "code", ["", "1", "12", "12345678", "12a", "１２３", "٠١٢٣", "123\n", " 123", "-123"],
)
def test_donation_code_invalid(code: str) -> None:
    assert not is_valid_donation_code(code)

"""Invoice numbers and the 4-digit random code."""

from __future__ import annotations

import itertools
import random
import re
import secrets

import pytest

from core.einvoice import numbers
from core.einvoice.numbers import (
    format_invoice_number,
    is_valid_invoice_number,
    normalise_invoice_number,
    random_code,
)


def test_random_code_is_always_four_ascii_digits() -> None:
    draws = [random_code() for _ in range(5_000)]
    for code in draws:
        assert isinstance(code, str)
        assert code.isascii()
        assert re.fullmatch(r"[0-9]{4}", code), code
        assert 0 <= int(code) <= 9999


def test_random_code_draws_from_secrets_over_the_whole_range(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []

    def fake(bound: int) -> int:
        asked.append(bound)
        return value

    monkeypatch.setattr(secrets, "randbelow", fake)
    value = 9999
    assert random_code() == "9999"
    value = 0
    assert random_code() == "0000"
    value = 7
    assert random_code() == "0007"
    assert asked == [10_000, 10_000, 10_000]  # 0000..9999, never 10000


def test_random_code_does_not_use_the_random_module(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("random_code must not use the predictable random module")

    for name in ("randint", "randrange", "random", "choice", "choices", "getrandbits"):
        monkeypatch.setattr(random, name, forbidden)
    assert re.fullmatch(r"[0-9]{4}", random_code())
    assert numbers.secrets is secrets


def test_random_code_is_not_sequential() -> None:
    draws = [int(random_code()) for _ in range(2_000)]
    steps = [(b - a) % 10_000 for a, b in itertools.pairwise(draws)]
    # a counter would step by a constant; a random source almost never steps by +1 (p = 1e-4 each)
    assert sum(step == 1 for step in steps) < 10
    assert len(set(steps)) > 1_000
    # 2000 draws from 10000 values give ~1813 distinct on average; a small repeating pool would not
    assert len(set(draws)) > 1_700
    # both halves of the range are reached
    assert min(draws) < 1_000
    assert max(draws) > 9_000


@pytest.mark.parametrize("number", ["AB12345678", "ZZ00000000", "UZ17690872"])
def test_valid_invoice_numbers(number: str) -> None:
    assert is_valid_invoice_number(number)
    assert format_invoice_number(number) == f"{number[:2]}-{number[2:]}"
    assert normalise_invoice_number(format_invoice_number(number)) == number


@pytest.mark.parametrize(
    "number",
    ["ab12345678", "AB-12345678", "AB1234567", "AB123456789", "A123456789", "ABC2345678", "AB1234567X",
     "AB12345678\n", "ＡＢ12345678", "AB１２３４５６７８", ""],
)
def test_invalid_invoice_numbers(number: str) -> None:
    assert not is_valid_invoice_number(number)


def test_format_and_normalise() -> None:
    assert format_invoice_number("AB12345678") == "AB-12345678"
    assert normalise_invoice_number("ab-12345678") == "AB12345678"
    assert normalise_invoice_number(" ab 1234 5678 ") == "AB12345678"

"""The 24-character AES-128-CBC verification field, cross-checked against the openssl command line."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.einvoice.verification import is_valid_aes_key, verification_code
from core.errors import ValidationError

IV_HEX = "0edf25c93a28d7b5ff5e45da42f8a1b8"
KEY = "9f3b2a1c4d5e6f708192a3b4c5d6e7f8"

invoice_numbers = st.from_regex(r"[A-Z]{2}[0-9]{8}", fullmatch=True)
random_codes = st.from_regex(r"[0-9]{4}", fullmatch=True)
keys = st.binary(min_size=16, max_size=16).map(bytes.hex) | st.binary(min_size=16, max_size=16).map(
    lambda raw: raw.hex().upper())


def _openssl() -> str:
    path = shutil.which("openssl")
    if path is None:
        pytest.fail("the `openssl` command is required to cross-check the AES verification field "
                    "(Debian: apt-get install openssl)")
    return path


def _openssl_code(number: str, code: str, key_hex: str) -> str:
    out = subprocess.run(
        [_openssl(), "enc", "-aes-128-cbc", "-K", key_hex, "-iv", IV_HEX, "-base64"],
        input=(number + code).encode("ascii"), capture_output=True, check=True,
    )
    return out.stdout.decode("ascii").strip()


def test_spec_iv_is_the_one_in_use() -> None:
    assert base64.b64decode("Dt8lyToo17X/XkXaQvihuA==").hex() == IV_HEX


@settings(max_examples=150, deadline=None)
@given(invoice_numbers, random_codes, keys)
def test_always_24_chars_ending_in_two_equals(number: str, code: str, key_hex: str) -> None:
    result = verification_code(number, code, key_hex)
    assert len(result) == 24
    assert result.endswith("==")
    assert result.isascii()
    assert len(base64.b64decode(result, validate=True)) == 16
    assert verification_code(number, code, key_hex) == result  # deterministic


@settings(max_examples=25, deadline=None)
@given(invoice_numbers, random_codes, keys)
def test_matches_openssl(number: str, code: str, key_hex: str) -> None:
    assert verification_code(number, code, key_hex) == _openssl_code(number, code, key_hex)


def test_matches_openssl_on_fixed_values() -> None:
    for number, code in [("AB11223344", "9999"), ("UZ17690872", "0122"), ("ZZ99999999", "0000")]:
        assert verification_code(number, code, KEY) == _openssl_code(number, code, KEY)


def test_depends_on_every_input() -> None:
    base = verification_code("AB11223344", "9999", KEY)
    assert verification_code("AB11223345", "9999", KEY) != base
    assert verification_code("AB11223344", "9998", KEY) != base
    assert verification_code("AB11223344", "9999", "0" * 32) != base
    assert verification_code("AB11223344", "9999", KEY.upper()) == base  # hex case does not matter


@pytest.mark.parametrize(
    "bad_key",
    [
        "",
        "0123456789abcdef0123456789abcde",  # 31
        "0123456789abcdef0123456789abcdef0",  # 33
        "0123456789abcdef0123456789abcdeg",  # non-hex
        "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr",  # 32 chars, not hex
        " 123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef\n",
        "０123456789abcdef0123456789abcdef",  # full-width digit
    ],
)
def test_bad_key_raises_validation_error_without_revealing_it(bad_key: str) -> None:
    assert not is_valid_aes_key(bad_key)
    with pytest.raises(ValidationError) as caught:
        verification_code("AB11223344", "9999", bad_key)
    error = caught.value
    assert error.code == "aes_key.invalid"
    rendered = [str(error), repr(error), error.text("zh_TW"), error.text("en"), repr(error.params)]
    assert "32" in error.text("en")
    if bad_key.strip():
        for text in rendered:
            assert bad_key.strip() not in text
            assert bad_key[:16] not in text


def test_valid_keys() -> None:
    assert is_valid_aes_key(KEY)
    assert is_valid_aes_key(KEY.upper())
    assert not is_valid_aes_key(KEY[:-1])

"""A retail code with a wrong check digit is a misread, never an unlisted item."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.checkout.barcodes import gs1_check_digit, is_misread
from core.clock import ManualClock
from core.errors import ValidationError
from tests.factories import NOON, open_station


@pytest.mark.parametrize("code", ["4710000000011", "96385074", "036000291452", "4719999999993"])
def test_good_ean13_ean8_and_upc_a_codes_pass(code: str) -> None:
    assert not is_misread(code)


@pytest.mark.parametrize("code", ["4710000000012", "96385075", "036000291453", "4719999999999"])
def test_a_wrong_check_digit_is_a_misread(code: str) -> None:
    assert is_misread(code)


@pytest.mark.parametrize("code", ["X-NEW-1", "12345", "123456789", "47100000000110", "４７１００００００００１２"])
def test_other_codes_are_not_judged(code: str) -> None:
    assert not is_misread(code)  # in-house codes of other lengths, letters, full-width digits


@given(st.text("0123456789", min_size=7, max_size=12).filter(lambda body: len(body) + 1 in (8, 12, 13)),
       st.integers(1, 9))
def test_every_single_digit_change_of_the_check_digit_is_caught(body: str, shift: int) -> None:
    good = gs1_check_digit(body)
    assert not is_misread(body + str(good))
    assert is_misread(body + str((good + shift) % 10))


def test_the_station_refuses_a_misread_unless_in_house_codes_are_allowed(tmp_path: Path) -> None:
    station = open_station(tmp_path / "station.db", ManualClock(NOON))
    try:
        with pytest.raises(ValidationError) as refused:
            station.scan("4719999999999")
        assert refused.value.code == "scan.misread"
        assert "4719999999999" in refused.value.text("zh_TW") and "check digit" in refused.value.text("en")
        assert station.scan("4719999999993") is None  # a good code not in the catalog: unlisted, priced by hand
        station.check_digits = False  # [station] check_digits = false: in-house codes
        assert station.scan("4719999999999") is None
    finally:
        station.close()

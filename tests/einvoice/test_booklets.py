"""Booklets (本) of 50 numbers: validation, lookup and overlap."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.einvoice.booklets import BOOKLET_SIZE, Booklet, make_booklet
from core.einvoice.periods import Period
from core.errors import ValidationError

P = Period(115, 12)

tracks = st.from_regex(r"[A-Z]{2}", fullmatch=True)
starts = st.integers(min_value=0, max_value=99_999_999 // BOOKLET_SIZE).map(lambda n: n * BOOKLET_SIZE)


def test_a_booklet() -> None:
    booklet = make_booklet("AB", 12_345_650, 12_345_699, P)
    assert booklet == Booklet("AB", 12_345_650, P)
    assert BOOKLET_SIZE == 50
    assert booklet.end == 12_345_699
    assert booklet.first_number == "AB12345650"
    assert booklet.last_number == "AB12345699"
    assert booklet.number_at(0) == "AB12345650"
    assert booklet.number_at(1) == "AB12345651"
    assert booklet.number_at(49) == "AB12345699"
    assert make_booklet("ZZ", 0, 49, P).number_at(7) == "ZZ00000007"
    assert make_booklet("ZZ", 99_999_950, 99_999_999, P).last_number == "ZZ99999999"


@pytest.mark.parametrize("offset", [-1, 50, 51, 1000])
def test_number_at_out_of_range(offset: int) -> None:
    with pytest.raises(IndexError):
        make_booklet("AB", 100, 149, P).number_at(offset)


@settings(max_examples=200, deadline=None)
@given(tracks, starts, st.integers(min_value=0, max_value=49))
def test_number_at_and_contains(track: str, start: int, offset: int) -> None:
    booklet = make_booklet(track, start, start + 49, P)
    number = booklet.number_at(offset)
    assert number == f"{track}{start + offset:08d}"
    assert booklet.contains(number)
    assert [booklet.number_at(i) for i in range(50)] == [f"{track}{n:08d}" for n in range(start, start + 50)]


def test_contains_boundaries() -> None:
    booklet = make_booklet("AB", 100, 149, P)
    assert booklet.contains("AB00000100")
    assert booklet.contains("AB00000149")
    assert not booklet.contains("AB00000099")
    assert not booklet.contains("AB00000150")
    assert not booklet.contains("AC00000120")
    assert not booklet.contains("ab00000120")


@pytest.mark.parametrize("number", ["AB０００００１２０", "AB+0000120", "AB0_000120", "AB 0000120", "AB120",
                                    "AB-0000120", "AB00000120\n"])
def test_contains_refuses_malformed_numbers(number: str) -> None:
    assert not make_booklet("AB", 100, 149, P).contains(number)


def test_overlaps() -> None:
    a = make_booklet("AB", 100, 149, P)
    assert a.overlaps(a)
    assert a.overlaps(make_booklet("AB", 100, 149, P))
    assert not a.overlaps(make_booklet("AB", 150, 199, P))  # adjacent
    assert not a.overlaps(make_booklet("AB", 50, 99, P))
    assert not a.overlaps(make_booklet("AC", 100, 149, P))  # other track
    assert not a.overlaps(make_booklet("AB", 100, 149, P.next()))  # other period: other numbers


@settings(max_examples=300, deadline=None)
@given(tracks, starts, tracks, starts)
def test_overlaps_is_symmetric_and_means_a_shared_number(t1: str, s1: int, t2: str, s2: int) -> None:
    a = make_booklet(t1, s1, s1 + 49, P)
    b = make_booklet(t2, s2, s2 + 49, P)
    assert a.overlaps(b) == b.overlaps(a)
    shares = any(b.contains(a.number_at(i)) or a.contains(b.number_at(i)) for i in (0, 49))
    assert a.overlaps(b) == shares


@pytest.mark.parametrize(
    ("track", "start", "end"),
    [
        ("AB", 101, 150),  # not at …00/…50
        ("AB", 100, 150),  # 51 numbers
        ("AB", 100, 148),  # 49 numbers
        ("AB", 100, 199),  # two booklets at once
        ("AB", 25, 74),
        ("AB", -50, -1),
        ("AB", 100_000_000, 100_000_049),  # 9 digits
        ("A", 100, 149),
        ("ABC", 100, 149),
        ("ab", 100, 149),
        ("A1", 100, 149),
        ("ＡＢ", 100, 149),
        ("", 100, 149),
    ],
)
def test_invalid_ranges_raise_in_both_languages(track: str, start: int, end: int) -> None:
    with pytest.raises(ValidationError) as caught:
        make_booklet(track, start, end, P)
    error = caught.value
    assert error.code == "booklet.invalid_range"
    zh, en = error.text("zh_TW"), error.text("en")
    assert "發票字軌" in zh
    assert "50" in zh
    assert "Booklet" in en
    assert "50 numbers" in en
    assert zh != en
    assert str(error) == en
    if start >= 0:
        assert f"{start:08d}" in zh
        assert f"{start:08d}" in en


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=0, max_value=10**8))
def test_only_aligned_ranges_of_fifty_are_accepted(start: int, end: int) -> None:
    ok = start % 50 == 0 and end == start + 49 and start + 49 <= 99_999_999
    if ok:
        assert make_booklet("AB", start, end, P).end == end
    else:
        with pytest.raises(ValidationError):
            make_booklet("AB", start, end, P)

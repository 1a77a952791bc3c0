"""The byte capacity table and the paper-width limit, checked against segno."""

from __future__ import annotations

import itertools

import pytest
import segno

from core.einvoice.qr_capacity import (
    BYTE_CAPACITY_L,
    MIN_VERSION,
    fits_version,
    max_version_for_paper,
    modules,
    smallest_version,
)

QUIET_DOTS = 16  # 0.2 cm at 203 dpi
DOTS_PER_MODULE = 2


def test_table_has_forty_increasing_entries() -> None:
    assert len(BYTE_CAPACITY_L) == 40
    assert all(a < b for a, b in itertools.pairwise(BYTE_CAPACITY_L))
    assert (BYTE_CAPACITY_L[0], BYTE_CAPACITY_L[5], BYTE_CAPACITY_L[39]) == (17, 134, 2953)


@pytest.mark.parametrize("version", range(1, 41))
def test_capacity_matches_segno(version: int) -> None:
    capacity = BYTE_CAPACITY_L[version - 1]
    symbol = segno.make(b"\xe4" * capacity, error="L", mode="byte", version=version, boost_error=False)
    assert symbol.version == version
    assert symbol.error == "L"
    assert symbol.symbol_size(border=0) == (modules(version), modules(version))
    with pytest.raises(segno.DataOverflowError):
        segno.make(b"\xe4" * (capacity + 1), error="L", mode="byte", version=version, boost_error=False)


def test_smallest_version_and_fits() -> None:
    for version, capacity in enumerate(BYTE_CAPACITY_L, start=1):
        assert smallest_version(capacity) == version
        assert fits_version(capacity, version)
        assert not fits_version(capacity + 1, version)
        if version < 40:
            assert smallest_version(capacity + 1) == version + 1
    assert smallest_version(0) == 1
    assert smallest_version(BYTE_CAPACITY_L[-1] + 1) is None


def _width(version: int) -> int:
    """Two codes side by side at 2 dots a module, one quiet zone left, between and right."""
    return 2 * DOTS_PER_MODULE * (17 + 4 * version) + 3 * QUIET_DOTS


def test_default_paper_holds_version_16() -> None:
    assert max_version_for_paper(384) == 16
    assert max_version_for_paper() == 16


@pytest.mark.parametrize(("dots", "expected"), [(384, 16), (416, 18), (420, 19), (432, 19), (512, 24)])
def test_max_version_is_the_largest_that_fits(dots: int, expected: int) -> None:
    version = max_version_for_paper(dots)
    assert version == expected
    assert version >= MIN_VERSION
    assert _width(version) <= dots
    assert _width(version + 1) > dots


def test_max_version_caps_at_40_and_refuses_narrow_paper() -> None:
    assert max_version_for_paper(2000) == 40
    assert _width(6) == 212
    assert max_version_for_paper(_width(6)) == 6
    with pytest.raises(ValueError):
        max_version_for_paper(_width(6) - 1)

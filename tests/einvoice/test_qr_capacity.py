"""The byte capacity table and the paper-width limit, checked against segno."""

from __future__ import annotations

import itertools

import pytest
import segno

from core.einvoice.qr_capacity import (
    BYTE_CAPACITY,
    BYTE_CAPACITY_L,
    EC_LEVELS,
    MIN_VERSION,
    SteeredPair,
    fits_version,
    level_reaching,
    max_version_for_paper,
    modules,
    smallest_version,
    steer_pair,
)

QUIET_DOTS = 16  # 0.2 cm at 203 dpi
DOTS_PER_MODULE = 2
# A fixed mask: capacity and size do not depend on it, and segno otherwise draws and scores all eight masks
# of every symbol, the bulk of these tests' time at the large versions.
MASK = 0


def test_table_has_forty_increasing_entries() -> None:
    assert len(BYTE_CAPACITY_L) == 40
    assert all(a < b for a, b in itertools.pairwise(BYTE_CAPACITY_L))
    assert (BYTE_CAPACITY_L[0], BYTE_CAPACITY_L[5], BYTE_CAPACITY_L[39]) == (17, 134, 2953)


@pytest.mark.parametrize("version", range(1, 41))
def test_capacity_matches_segno(version: int) -> None:
    capacity = BYTE_CAPACITY_L[version - 1]
    symbol = segno.make(b"\xe4" * capacity, error="L", mode="byte", version=version, boost_error=False,
                        mask=MASK)
    assert symbol.version == version
    assert symbol.error == "L"
    assert symbol.symbol_size(border=0) == (modules(version), modules(version))
    with pytest.raises(segno.DataOverflowError):
        segno.make(b"\xe4" * (capacity + 1), error="L", mode="byte", version=version, boost_error=False,
                   mask=MASK)


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


@pytest.mark.parametrize("level", EC_LEVELS)
def test_every_levels_capacity_matches_segno(level: str) -> None:
    capacities = BYTE_CAPACITY[level]
    assert len(capacities) == 40 and all(a < b for a, b in itertools.pairwise(capacities))
    for version, capacity in enumerate(capacities, start=1):
        symbol = segno.make(b"\xe4" * capacity, error=level, mode="byte", version=version, boost_error=False,
                            mask=MASK)
        assert (symbol.version, symbol.error) == (version, level)
        with pytest.raises(segno.DataOverflowError):
            segno.make(b"\xe4" * (capacity + 1), error=level, mode="byte", version=version, boost_error=False,
                       mask=MASK)
        # what a printer without a version parameter does: segno's own smallest version at that level
        auto = segno.make(b"\xe4" * capacity, error=level, mode="byte", boost_error=False, mask=MASK)
        assert auto.version == smallest_version(capacity, level) == version
        assert fits_version(capacity, version, level) and not fits_version(capacity + 1, version, level)


def test_more_error_correction_holds_less_at_every_version() -> None:
    for version in range(1, 41):
        held = [BYTE_CAPACITY[level][version - 1] for level in EC_LEVELS]
        assert held == sorted(held, reverse=True) and len(set(held)) == 4


def test_level_reaching_is_the_lowest_level_whose_smallest_version_is_the_target() -> None:
    for length in range(0, 700):
        for version in range(1, 41):
            reaching = [level for level in EC_LEVELS if smallest_version(length, level) == version]
            assert level_reaching(length, version) == (reaching[0] if reaching else None)
    assert level_reaching(100, 5) == "L"  # 78 < 100 <= 106
    assert level_reaching(100, 6) == "M"  # 84 < 100 <= 106
    assert level_reaching(100, 7) is None  # too much for version 6 at L, too little for 7 at Q or H
    assert level_reaching(44, 6) is None  # version 5 holds 44 bytes even at H
    assert level_reaching(45, 6) == "H"


def test_steer_pair_finds_the_smallest_common_version_on_the_narrowest_paper() -> None:
    assert steer_pair(95, 52, max_version=16) == SteeredPair(6, "M", "H")
    assert steer_pair(120, 120, max_version=16) == SteeredPair(6, "L", "L")
    assert steer_pair(95, 42, max_version=16) is None  # 42 bytes never need version 6
    assert steer_pair(150, 60, max_version=6) is None  # 150 bytes need version 7 even at L
    # version 10 is not drawn on 384-dot paper (under 1.5 cm at the 2 dots a module that fit)
    assert steer_pair(250, 250, max_version=16) == SteeredPair(11, "M", "M")
    assert steer_pair(250, 250, max_version=10) is None

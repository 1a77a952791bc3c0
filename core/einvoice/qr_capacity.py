"""How much a QR code of a given version holds, and how large a version the paper allows."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

# Byte-mode capacity (bytes) per error-correction level, versions 1..40 (ISO/IEC 18004 table 7).
# tests/einvoice/test_qr_capacity.py checks every entry against segno.
BYTE_CAPACITY_L = (
    17, 32, 53, 78, 106, 134, 154, 192, 230, 271,
    321, 367, 425, 458, 520, 586, 644, 718, 792, 858,
    929, 1003, 1091, 1171, 1273, 1367, 1465, 1528, 1628, 1732,
    1840, 1952, 2068, 2188, 2303, 2431, 2563, 2699, 2809, 2953,
)
BYTE_CAPACITY_M = (
    14, 26, 42, 62, 84, 106, 122, 152, 180, 213,
    251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
    711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370,
    1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
)
BYTE_CAPACITY_Q = (
    11, 20, 32, 46, 60, 74, 86, 108, 130, 151,
    177, 203, 241, 258, 292, 322, 364, 394, 442, 482,
    509, 565, 611, 661, 715, 751, 805, 868, 908, 982,
    1030, 1112, 1168, 1228, 1283, 1351, 1423, 1499, 1579, 1663,
)
BYTE_CAPACITY_H = (
    7, 14, 24, 34, 44, 58, 64, 84, 98, 119,
    137, 155, 177, 194, 220, 250, 280, 310, 338, 382,
    403, 439, 461, 511, 535, 593, 625, 658, 698, 742,
    790, 842, 898, 958, 983, 1051, 1093, 1139, 1219, 1273,
)
# From the least to the most error correction; L is the specification's floor.
EC_LEVELS = ("L", "M", "Q", "H")
BYTE_CAPACITY = {"L": BYTE_CAPACITY_L, "M": BYTE_CAPACITY_M, "Q": BYTE_CAPACITY_Q, "H": BYTE_CAPACITY_H}

MIN_VERSION = 6  # the specification's floor for the left code; the right one follows it
MIN_MODULE_DOTS = 2  # one-dot modules do not scan reliably off thermal paper
QUIET_ZONE_DOTS = 16  # 0.2 cm at 203 dpi; one gap between the codes serves both
MIN_SYMBOL_DOTS = 120  # 1.5 cm at 203 dpi: the specification's smallest printed code
MAX_MODULE_DOTS = 4  # larger modules only lengthen the 9 cm sheet without helping scanners
DEFAULT_DOTS_PER_LINE = 384


def modules(version: int) -> int:
    return 17 + 4 * version


def fits_version(byte_length: int, version: int, level: str = "L") -> bool:
    return byte_length <= BYTE_CAPACITY[level][version - 1]


def smallest_version(byte_length: int, level: str = "L") -> int | None:
    """The version a printer picks for this many bytes at this level: GS ( k has no version parameter."""
    version = bisect_left(BYTE_CAPACITY[level], byte_length) + 1
    return version if version <= 40 else None


def level_reaching(byte_length: int, version: int) -> str | None:
    """The lowest error-correction level at which `version` is the smallest that holds the data, if any.

    Raising the level is the one lever a native code has over its size without changing what it says;
    the lowest level that works keeps the pairs that are already equal at L exactly as they were."""
    for level in EC_LEVELS:
        capacities = BYTE_CAPACITY[level]
        if (version == 1 or capacities[version - 2] < byte_length) and byte_length <= capacities[version - 1]:
            return level
    return None


@dataclass(frozen=True)
class SteeredPair:
    """Error-correction levels under which a printer's own version choice gives both codes `version`."""

    version: int
    left_level: str
    right_level: str


def steered_pairs(left_length: int, right_length: int, versions: Iterable[int]) -> Iterator[SteeredPair]:
    """Each of `versions`, in the order given, that both codes can be steered to by a level each."""
    for version in versions:
        left = level_reaching(left_length, version)
        right = level_reaching(right_length, version)
        if left is not None and right is not None:
            yield SteeredPair(version, left, right)


def steer_pair(left_length: int, right_length: int, *, max_version: int) -> SteeredPair | None:
    """The smallest version up to `max_version` both codes reach, with the level each needs for it.

    Only versions a pair can be drawn at on the narrowest paper count: the data is fixed when the
    invoice is issued, before anyone knows which printer it goes to, and what the narrowest paper
    draws every wider one draws too."""
    left, right = _reachable(left_length), _reachable(right_length)
    common = [v for v in left if v in right and v <= max_version and v in _NARROWEST_PAPER_VERSIONS]
    if not common:
        return None
    version = min(common)
    return SteeredPair(version, left[version], right[version])


def _reachable(byte_length: int) -> dict[int, str]:
    """Each version some level makes the smallest for this data, with the lowest such level."""
    found: dict[int, str] = {}
    for level in EC_LEVELS:
        version = smallest_version(byte_length, level)
        if version is not None:
            found.setdefault(version, level)
    return found


def max_version_for_paper(dots_per_line: int = DEFAULT_DOTS_PER_LINE) -> int:
    """The largest version two codes can have side by side at two dots a module, quiet zones included."""
    usable = dots_per_line - 3 * QUIET_ZONE_DOTS
    version = (usable // (2 * MIN_MODULE_DOTS) - 17) // 4
    if version < MIN_VERSION:
        raise ValueError(f"{dots_per_line} dots per line cannot hold two version-6 QR codes")
    return min(version, 40)


@cache
def drawable_versions(dots_per_line: int = DEFAULT_DOTS_PER_LINE) -> tuple[int, ...]:
    """The versions (6 or more) two codes can be drawn at side by side with quiet zones, each at least
    1.5 cm: at the largest module size that fits, a symbol under 1.5 cm is not drawn at that version."""
    found = []
    for version in range(MIN_VERSION, 41):
        fitting = [m for m in range(MIN_MODULE_DOTS, MAX_MODULE_DOTS + 1)
                   if 2 * modules(version) * m + 3 * QUIET_ZONE_DOTS <= dots_per_line]
        if fitting and modules(version) * max(fitting) >= MIN_SYMBOL_DOTS:
            found.append(version)
    return tuple(found)


_NARROWEST_PAPER_VERSIONS = drawable_versions(DEFAULT_DOTS_PER_LINE)

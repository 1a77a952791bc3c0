"""How much a QR code of a given version holds, and how large a version the paper allows."""

from __future__ import annotations

# Byte-mode capacity (bytes) at error-correction level L, versions 1..40 (ISO/IEC 18004 table 7).
# tests/einvoice/test_qr_capacity.py checks every entry against segno.
BYTE_CAPACITY_L = (
    17, 32, 53, 78, 106, 134, 154, 192, 230, 271,
    321, 367, 425, 458, 520, 586, 644, 718, 792, 858,
    929, 1003, 1091, 1171, 1273, 1367, 1465, 1528, 1628, 1732,
    1840, 1952, 2068, 2188, 2303, 2431, 2563, 2699, 2809, 2953,
)

MIN_VERSION = 6  # the specification's floor for the left code; the right one follows it
MIN_MODULE_DOTS = 2  # one-dot modules do not scan reliably off thermal paper
QUIET_ZONE_DOTS = 16  # 0.2 cm at 203 dpi; one gap between the codes serves both
DEFAULT_DOTS_PER_LINE = 384


def modules(version: int) -> int:
    return 17 + 4 * version


def fits_version(byte_length: int, version: int) -> bool:
    return byte_length <= BYTE_CAPACITY_L[version - 1]


def smallest_version(byte_length: int) -> int | None:
    for version, capacity in enumerate(BYTE_CAPACITY_L, start=1):
        if byte_length <= capacity:
            return version
    return None


def max_version_for_paper(dots_per_line: int = DEFAULT_DOTS_PER_LINE) -> int:
    """The largest version two codes can have side by side at two dots a module, quiet zones included."""
    usable = dots_per_line - 3 * QUIET_ZONE_DOTS
    version = (usable // (2 * MIN_MODULE_DOTS) - 17) // 4
    if version < MIN_VERSION:
        raise ValueError(f"{dots_per_line} dots per line cannot hold two version-6 QR codes")
    return min(version, 40)

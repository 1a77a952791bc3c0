"""The proof copy's codes as dots: QR pairs (segno) and the Code 39 bar pattern (python-barcode).

segno and python-barcode are imported inside the functions: importing core.printer must stay cheap
because the station imports it on its start-up path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.einvoice.qr_capacity import (
    MAX_MODULE_DOTS,
    MIN_SYMBOL_DOTS,
    MIN_VERSION,
    QUIET_ZONE_DOTS,
    modules,
    smallest_version,
    steered_pairs,
)
from core.printer.bitmap import Bitmap

MIN_QR_DOTS = MIN_SYMBOL_DOTS
MAX_QR_MODULE = MAX_MODULE_DOTS
MIN_QR_MODULE = 2  # one-dot modules do not scan reliably off thermal paper
CODE39_QUIET_DOTS = 10  # ten narrow modules each side, at module width 1
ECC_LEVELS = {"L": 0x30, "M": 0x31, "Q": 0x32, "H": 0x33}


@dataclass(frozen=True)
class QrPairPlan:
    """Where two same-version codes go: sizes in dots, x offsets inside a raster `width` dots wide."""

    version: int
    module: int
    size: int
    gap: int

    @property
    def width(self) -> int:
        return 2 * self.size + self.gap

    @property
    def left_x(self) -> int:
        return 0

    @property
    def right_x(self) -> int:
        return self.size + self.gap


def plan_qr_pair(left: bytes, right: bytes, dots_per_line: int, *, min_version: int = MIN_VERSION) -> QrPairPlan:
    """The one version and module size both codes use so they fit side by side with quiet zones.

    A version whose symbol would be under 1.5 cm at the module size that fits is skipped for the next
    one: a larger version holds the same data and scans better than an undersized code.
    """
    needs = [smallest_version(len(data)) for data in (left, right)]
    if None in needs:
        raise ValueError("QR payload larger than version 40")
    first = max(min_version, *(n for n in needs if n is not None))
    for version in range(first, 41):
        for module in range(MAX_QR_MODULE, MIN_QR_MODULE - 1, -1):
            size = modules(version) * module
            spare = dots_per_line - 2 * size
            if spare < 3 * QUIET_ZONE_DOTS:
                continue
            if size < MIN_QR_DOTS:
                break
            gap = max(QUIET_ZONE_DOTS, min(spare - 2 * QUIET_ZONE_DOTS, 2 * QUIET_ZONE_DOTS))
            return QrPairPlan(version=version, module=module, size=size, gap=gap)
        if modules(version) * MIN_QR_MODULE * 2 + 3 * QUIET_ZONE_DOTS > dots_per_line:
            break
    raise ValueError(f"two QR codes of version {first} or above do not fit {dots_per_line} dots")


@dataclass(frozen=True)
class NativeQrPair:
    """A pair GS ( k prints at one size: the plan, and the error-correction level each code is sent with."""

    plan: QrPairPlan
    left_level: str
    right_level: str


def native_qr_pair(left: bytes, right: bytes, dots_per_line: int) -> NativeQrPair | None:
    """The smallest lawful pair a printer draws from exactly this data by its own version choice, if any.

    GS ( k has no version parameter (escpos.md §1): the printer takes the smallest version that holds
    the data at the level fn 169 set. A level per code (never below L) is the one way to bring both to
    the same version, 6 or more, without changing what they say; the version must also be one the
    paper plan draws (a version whose symbol would be under 1.5 cm is skipped there)."""
    for steered in steered_pairs(len(left), len(right), range(MIN_VERSION, 41)):
        try:
            plan = plan_qr_pair(left, right, dots_per_line, min_version=steered.version)
        except ValueError:
            return None  # this version and every larger one are too wide for the paper
        if plan.version == steered.version:
            return NativeQrPair(plan, steered.left_level, steered.right_level)
    return None


def qr_matrix(data: bytes, version: int | None = None, ecc: str = "L",
              mask: int | None = None) -> Sequence[Sequence[int]]:
    """The module matrix (no quiet zone) of one code, in byte mode, at exactly `version` if given.

    `mask` None: the mask ISO 18004 §7.8.3 asks for (lowest penalty), the one segno would pick itself,
    but scored by core.printer.qr_mask on one mask-0 symbol instead of segno's eight pure-Python passes.
    """
    import segno

    from core.printer.qr_mask import best_mask

    # boost_error off: the level asked for is the level printed, so both codes stay comparable.
    def make(chosen: int) -> segno.QRCode:
        return segno.make_qr(bytes(data), error=ecc, version=version, mode="byte", boost_error=False, mask=chosen)

    if mask is not None:
        return make(mask).matrix
    code = make(0)
    # make_qr builds a full QR code, whose version is a number (only Micro QR's are "M1".."M4").
    assert isinstance(code.version, int)
    best = best_mask(code.matrix, code.version, 0)
    return code.matrix if best == 0 else make(best).matrix


def qr_pair_bitmap(left: bytes, right: bytes, plan: QrPairPlan, mask: int | None = None) -> Bitmap:
    """Both codes in one raster, top-aligned, same version and module size (the default way)."""
    bitmap = Bitmap.blank(plan.width, plan.size)
    bitmap.draw_modules(qr_matrix(left, plan.version, mask=mask), plan.left_x, 0, plan.module)
    bitmap.draw_modules(qr_matrix(right, plan.version, mask=mask), plan.right_x, 0, plan.module)
    return bitmap


def code39_pattern(data: str) -> str:
    """Bars and spaces ('1'/'0') for `data` with start/stop, narrow 1, wide 3, no check character."""
    from barcode.codex import Code39

    return str(Code39(data, add_checksum=False).build()[0])


def code39_width(data: str, module: int = 1) -> int:
    """Dots a Code 39 symbol takes: 16 narrow units per character (start/stop included), less one gap."""
    return (16 * (len(data) + 2) - 1) * module


def code39_bitmap(data: str, height: int, module: int = 1) -> Bitmap:
    """The raster fallback for printers whose firmware refuses GS w 1."""
    pattern = code39_pattern(data)
    bitmap = Bitmap.blank(len(pattern) * module, height)
    bitmap.draw_pattern(pattern, 0, 0, height, module)
    return bitmap

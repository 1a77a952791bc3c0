"""ISO/IEC 18004 §7.8.3 best-mask choice for a QR code, scored on whole-symbol bitboards.

segno scores all eight masks module by module in pure Python (~4 ms a version-6 code). This module
gets the same answer from one mask-0 symbol: it takes the mask back off, then scores each mask with
bit operations on two big ints (the rows laid end to end, and the columns), so a run, a 2 x 2 block or
a 1:1:3:1:1 pattern is found for the whole symbol in a handful of shifts and ANDs.

The scoring follows segno's `mask_scores` exactly, quirks included (segno is the oracle; see
tests/printer/test_qr_mask.py):
- the symbol is scored without format and version information (those modules count as light);
- N3: a 1011101 whose 4 modules on either side (clipped at the edge) are light scores 40; after a
  scored pattern the search resumes 7 modules further, so an overlapping one 4 or 6 modules on is
  skipped;
- the lowest penalty wins; on equal penalties the lowest mask number.

No segno import here: the geometry (finders, timing, alignment patterns, format and version areas) is
ISO 18004's, computed per version and cached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

GUARD = 4  # light bits between lines on a board: no run or pattern crosses a line, and the light-side
# check of a pattern at a line's edge sees "light" there, like segno's clipped slices

MASK_FUNCTIONS: tuple[Callable[[int, int], bool], ...] = (  # ISO 18004 table 10; i row, j column
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
)

_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def size(version: int) -> int:
    return 17 + 4 * version


def alignment_centres(version: int) -> tuple[int, ...]:
    """Row/column centres of the alignment patterns (ISO 18004 annex E), by the usual closed form."""
    if version == 1:
        return ()
    count = version // 7 + 2
    step = 26 if version == 32 else (version * 4 + count * 2 + 1) // (count * 2 - 2) * 2
    last = size(version) - 7
    return (6, *sorted(last - k * step for k in range(count - 1)))


def _cells(version: int) -> tuple[list[int], list[int]]:
    """Per row, as bit j = column j: the function modules, and the format/version modules among them."""
    n = size(version)
    function, reserved = [0] * n, [0] * n

    def mark(rows: list[int], top: int, bottom: int, left: int, right: int) -> None:  # half-open
        bits = ((1 << (right - left)) - 1) << left
        for r in range(top, bottom):
            rows[r] |= bits

    mark(function, 0, 9, 0, 9)  # finder, separator and format area, top left
    mark(function, 0, 9, n - 8, n)  # top right (row 8: format)
    mark(function, n - 8, n, 0, 9)  # bottom left (column 8: format and the dark module)
    mark(function, 6, 7, 0, n)  # timing
    mark(function, 0, n, 6, 7)
    centres = alignment_centres(version)
    corners = {(centres[0], centres[0]), (centres[0], centres[-1]), (centres[-1], centres[0])} if centres else set()
    for x in centres:
        for y in centres:
            if (x, y) not in corners:
                mark(function, x - 2, x + 3, y - 2, y + 3)
    # Format information: row 8 and column 8 next to the finders, skipping the timing module.
    for k in (*range(6), 7, 8):
        reserved[8] |= 1 << k
        reserved[k] |= 1 << 8
    for k in range(n - 8, n):
        reserved[8] |= 1 << k
        reserved[k] |= 1 << 8
    if version >= 7:  # version information, 6 x 3 by each side finder
        mark(function, 0, 6, n - 11, n - 8)
        mark(function, n - 11, n - 8, 0, 6)
        mark(reserved, 0, 6, n - 11, n - 8)
        mark(reserved, n - 11, n - 8, 0, 6)
    return function, reserved


def _board(lines: Sequence[int], n: int) -> int:
    """Lines (bit j = module j) laid end to end, each followed by GUARD zero bits."""
    stride, board = n + GUARD, 0
    for k, line in enumerate(lines):
        board |= line << (k * stride)
    return board


def _transpose(lines: Sequence[int], n: int) -> list[int]:
    return [sum(((lines[i] >> j) & 1) << i for i in range(n)) for j in range(n)]


@dataclass(frozen=True)
class _Geometry:
    n: int
    cells: int  # every module, no guard bits
    guards: int  # the GUARD bits after each line
    kept_rows: int  # all but the format and version modules, rows board
    kept_cols: int  # the same, columns board
    masks_rows: tuple[int, ...]  # each mask's dark modules in the data region, rows board
    masks_cols: tuple[int, ...]
    block_corners: int  # N2: top-left modules of the 2 x 2 blocks (rows and columns 0..n-2)


@cache
def _geometry(version: int) -> _Geometry:
    n = size(version)
    function, reserved = _cells(version)
    full = (1 << n) - 1
    data = [full & ~f for f in function]
    masks_rows, masks_cols = [], []
    for fn in MASK_FUNCTIONS:
        pattern = [sum(1 << j for j in range(n) if fn(i, j)) & data[i] for i in range(n)]
        masks_rows.append(_board(pattern, n))
        masks_cols.append(_board(_transpose(pattern, n), n))
    cells = _board([full] * n, n)
    return _Geometry(
        n=n, cells=cells, guards=((1 << (n * (n + GUARD))) - 1) ^ cells,
        kept_rows=_board([full & ~r for r in reserved], n),
        kept_cols=_board([full & ~r for r in _transpose(reserved, n)], n),
        masks_rows=tuple(masks_rows), masks_cols=tuple(masks_cols),
        block_corners=_board([full >> 1] * (n - 1), n),
    )


def _runs_and_patterns(dark: int, cells: int, guards: int) -> tuple[int, int]:
    """N1 (runs of 5+ in either colour, each worth its length - 2) and N3 (count of scored patterns)
    over every line of one board."""
    light = dark ^ cells
    n1 = 0
    for colour in (dark, light):
        pairs = colour & (colour >> 1)
        fives = pairs & (pairs >> 2) & (colour >> 4)  # bit k: modules k..k+4 all this colour
        if fives:
            n1 += fives.bit_count() + 2 * (fives & ~(fives << 1)).bit_count()
    found = (dark & (light >> 1) & (dark >> 2) & (dark >> 3) & (dark >> 4) & (light >> 5) & (dark >> 6))
    if not found:
        return n1, 0
    outside = light | guards  # beyond a line's ends counts as light
    left = (outside << 4) | 0xF
    left &= left >> 1
    left &= left >> 2  # bit k: modules k-4..k-1 light
    right = outside >> 7
    right &= right >> 1
    right &= right >> 2  # bit k: modules k+7..k+10 light
    scored = found & (left | right)
    if not found & ((scored << 4) | (scored << 6)):
        return n1, scored.bit_count()
    # A scored pattern hides one overlapping it 4 or 6 modules on (segno resumes its search 7 on).
    count, resume, rest = 0, 0, found
    while rest:
        low = rest & -rest
        rest ^= low
        k = low.bit_length() - 1
        if k >= resume and scored >> k & 1:
            count += 1
            resume = k + 7
    return n1, count


def _rows_int(lines: Sequence[Sequence[int]], pad: bytes) -> int:
    joined = b"".join(bytes(line) + pad for line in lines)
    return int(joined.translate(_TO_DIGITS)[::-1], 2)


def penalties(matrix: Sequence[Sequence[int]], version: int, applied: int) -> list[int]:
    """Penalty of each mask 0-7 for the symbol `matrix` (segno's, with mask `applied` and its format
    and version information in place), as segno scores it."""
    geo = _geometry(version)
    n = geo.n
    if len(matrix) != n:
        raise ValueError(f"a version-{version} matrix has {n} rows, not {len(matrix)}")
    pad = bytes(GUARD)
    # Unmasked, format and version modules light: what segno's encoder scores each mask against.
    rows = (_rows_int(matrix, pad) & geo.kept_rows) ^ geo.masks_rows[applied]
    cols = (_rows_int(list(zip(*matrix, strict=True)), pad) & geo.kept_cols) ^ geo.masks_cols[applied]
    cells, guards, corners = geo.cells, geo.guards, geo.block_corners
    stride, squares = n + GUARD, n * n
    scores = []
    for mask_rows, mask_cols in zip(geo.masks_rows, geo.masks_cols, strict=True):
        dark = rows ^ mask_rows
        n1_rows, n3_rows = _runs_and_patterns(dark, cells, guards)
        n1_cols, n3_cols = _runs_and_patterns(cols ^ mask_cols, cells, guards)
        same_below = ~(dark ^ (dark >> stride))
        same_right = ~(dark ^ (dark >> 1))
        n2 = (same_below & (same_below >> 1) & same_right & corners).bit_count()
        percent = float(dark.bit_count()) / squares  # segno's arithmetic, to the float
        n4 = 10 * int(abs(percent * 100 - 50) / 5)
        scores.append(n1_rows + n1_cols + 3 * n2 + 40 * (n3_rows + n3_cols) + n4)
    return scores


def best_mask(matrix: Sequence[Sequence[int]], version: int, applied: int) -> int:
    """The mask ISO 18004 §7.8.3 picks: lowest penalty, lowest number on a tie."""
    scores = penalties(matrix, version, applied)
    return scores.index(min(scores))

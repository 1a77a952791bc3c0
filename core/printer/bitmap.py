"""A 1-bit picture the printer's raster command carries: rows of dots, 1 = black, MSB = leftmost.

Rows are Python ints so drawing a scaled QR module row or a bar is one shift-and-or, which keeps a
proof copy's encoding well inside its 10 ms budget without Pillow on the station's path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass
class Bitmap:
    width: int
    height: int
    rows: list[int]

    @classmethod
    def blank(cls, width: int, height: int) -> Bitmap:
        if width <= 0 or height <= 0:
            raise ValueError(f"a bitmap needs a positive size, not {width}x{height}")
        return cls(width, height, [0] * height)

    @property
    def width_bytes(self) -> int:
        return (self.width + 7) // 8

    def _mask(self, x: int, w: int) -> int:
        """Bits x..x+w-1 of a row (x counted from the left edge), clipped to the bitmap."""
        x0, x1 = max(0, x), min(self.width, x + w)
        if x1 <= x0:
            return 0
        return ((1 << (x1 - x0)) - 1) << (self.width - x1)

    def fill(self, x: int, y: int, w: int, h: int) -> None:
        mask = self._mask(x, w)
        for row in range(max(0, y), min(self.height, y + h)):
            self.rows[row] |= mask

    def clear(self, x: int, y: int, w: int, h: int) -> None:
        mask = self._mask(x, w)
        for row in range(max(0, y), min(self.height, y + h)):
            self.rows[row] &= ~mask

    def get(self, x: int, y: int) -> bool:
        return bool(self.rows[y] >> (self.width - 1 - x) & 1)

    def draw_modules(self, matrix: Sequence[Sequence[int]], x: int, y: int, scale: int) -> None:
        """Draw a module matrix (QR) with its top-left at (x, y), each module `scale` dots square."""
        for r, modules in enumerate(matrix):
            line = 0
            for dark in modules:
                line = (line << scale) | (((1 << scale) - 1) if dark else 0)
            span = len(modules) * scale
            shift = self.width - x - span
            placed = line << shift if shift >= 0 else line >> -shift
            for row in range(y + r * scale, y + (r + 1) * scale):
                if 0 <= row < self.height:
                    self.rows[row] |= placed

    def draw_pattern(self, pattern: str, x: int, y: int, h: int, module: int = 1) -> None:
        """Draw a 1-D bar pattern ('1' = bar) `module` dots per character, `h` dots tall."""
        line = 0
        for bit in pattern:
            line = (line << module) | (((1 << module) - 1) if bit == "1" else 0)
        span = len(pattern) * module
        shift = self.width - x - span
        placed = line << shift if shift >= 0 else line >> -shift
        for row in range(max(0, y), min(self.height, y + h)):
            self.rows[row] |= placed

    def to_bytes(self) -> bytes:
        """Row-major packed bytes, padded on the right to whole bytes, as GS v 0 wants them."""
        pad = self.width_bytes * 8 - self.width
        nbytes = self.width_bytes
        return b"".join((row << pad).to_bytes(nbytes, "big") for row in self.rows)

    @classmethod
    def from_bytes(cls, data: bytes, width_bytes: int, height: int) -> Bitmap:
        rows = [int.from_bytes(data[i * width_bytes:(i + 1) * width_bytes], "big") for i in range(height)]
        return cls(width_bytes * 8, height, rows)

    def stack(self, others: Iterable[Bitmap]) -> Bitmap:
        """This bitmap with others below it, all left-aligned, as wide as the widest."""
        parts = [self, *others]
        width = max(p.width for p in parts)
        rows: list[int] = []
        for part in parts:
            rows.extend(row << (width - part.width) for row in part.rows)
        return Bitmap(width, len(rows), rows)

    def ink_columns(self) -> tuple[int, int] | None:
        """The leftmost and rightmost column holding a black dot, or None for a blank bitmap."""
        union = 0
        for row in self.rows:
            union |= row
        if not union:
            return None
        right = self.width - 1 - ((union & -union).bit_length() - 1)
        left = self.width - union.bit_length()
        return left, right

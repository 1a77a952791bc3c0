"""The paper's geometry: dots per line, text cells, and the sizes that fit."""

from __future__ import annotations

from dataclasses import dataclass

from core.printer import big5

ANK_DOTS = 12  # Font A: ASCII 12 dots wide, Big5 24
DOTS_PER_LINE_CHOICES = (384, 408, 416, 420, 432, 512)
QR_MODES = ("raster", "page")
BARCODE_MODES = ("native", "raster")


@dataclass(frozen=True)
class LayoutOptions:
    dots_per_line: int = 384
    qr_mode: str = "raster"  # one merged raster image (any printer) or native QR in page mode
    barcode_mode: str = "native"  # GS k at module width 1, or a raster of the same bars
    barcode_height: int = 48  # 6 mm
    line_spacing: int = 30
    # None: the mask with the lowest penalty (ISO 18004's rule, the one segno would pick), scored on
    # bitboards by core.printer.qr_mask (~1 ms a code over a fixed mask); a fixed mask 0-7 is still valid.
    qr_mask: int | None = None
    allow_raster: bool = True  # False on XON/XOFF links, where image bytes would read as flow control

    def __post_init__(self) -> None:
        if self.dots_per_line not in DOTS_PER_LINE_CHOICES:
            raise ValueError(f"dots_per_line must be one of {DOTS_PER_LINE_CHOICES}")
        if self.qr_mode not in QR_MODES:
            raise ValueError(f"qr_mode must be one of {QR_MODES}")
        if not self.allow_raster and (self.qr_mode == "raster" or self.barcode_mode == "raster"):
            raise ValueError("without raster the QR codes need page mode and the barcode native mode")
        if self.barcode_mode not in BARCODE_MODES:
            raise ValueError(f"barcode_mode must be one of {BARCODE_MODES}")

    @property
    def cells(self) -> int:
        """Half-width cells a line holds at normal size."""
        return self.dots_per_line // ANK_DOTS

    def largest_size(self, *texts: str, limit: int = 3) -> int:
        """The largest GS ! multiplier at which every text fits one line."""
        widest = max(big5.cells(text) for text in texts)
        for size in range(limit, 1, -1):
            if widest * ANK_DOTS * size <= self.dots_per_line:
                return size
        return 1

    def spread(self, left: str, right: str) -> str:
        """`left` and `right` on one line, `right` flush with the right edge (left cut to make room)."""
        room = self.cells - big5.cells(right) - 1
        shown = big5.fit(left, max(0, room))
        return shown + " " * (self.cells - big5.cells(shown) - big5.cells(right)) + right

    def rule(self, char: str = "-") -> str:
        return char * self.cells

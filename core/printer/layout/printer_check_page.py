"""The test page: a strip that shows the paper's real width, then a sample proof copy marked 測試."""

from __future__ import annotations

from core.printer.bitmap import Bitmap
from core.printer.documents import TestPage
from core.printer.encoder import Align, Encoder
from core.printer.layout import proof_copy
from core.printer.layout.paper import ANK_DOTS, DOTS_PER_LINE_CHOICES, LayoutOptions

BAR_HEIGHT = 16
END_MARK = 6  # a white notch then a black tip: visible only when the bar's last dots are printed


def calibration_strip() -> Bitmap:
    """One bar per candidate width, each ending in a notch, and a ruler with a tick every millimetre."""
    widest = max(DOTS_PER_LINE_CHOICES)
    rows_per_bar = BAR_HEIGHT + 6
    bitmap = Bitmap.blank(widest, rows_per_bar * len(DOTS_PER_LINE_CHOICES) + 24)
    for index, width in enumerate(DOTS_PER_LINE_CHOICES):
        top = index * rows_per_bar
        bitmap.fill(0, top, width, BAR_HEIGHT)
        bitmap.clear(width - 2 * END_MARK, top, END_MARK, BAR_HEIGHT)
    ruler = rows_per_bar * len(DOTS_PER_LINE_CHOICES)
    bitmap.fill(0, ruler, widest, 2)
    for x in range(0, widest, 8):  # 8 dots = 1 mm at 203 dpi
        bitmap.fill(x, ruler, 1, 20 if x % 80 == 0 else 12 if x % 40 == 0 else 6)
    return bitmap


def encode(encoder: Encoder, page: TestPage, options: LayoutOptions) -> None:
    encoder.line_spacing(options.line_spacing).align(Align.CENTER).bold().size(1, 2)
    encoder.line("印表機測試頁 TEST PAGE").size(1, 1).bold(False).align(Align.LEFT)
    encoder.line(f"model {page.model}  dots {options.dots_per_line}")
    if page.url:
        encoder.line(page.url)
    encoder.line(f"QR {options.qr_mode}  Code39 {options.barcode_mode}")
    encoder.line("寬度校正（由上而下）")
    encoder.line("bars: " + " ".join(str(w) for w in DOTS_PER_LINE_CHOICES))
    if options.allow_raster:
        encoder.raster(calibration_strip())
    else:
        # No raster on an XON/XOFF link: one rule per width, in text cells, ending in '|'.
        for width in DOTS_PER_LINE_CHOICES:
            encoder.line("-" * (width // ANK_DOTS - 1) + "|")
    encoder.line("看得到缺口的最長色條＝紙寬")
    encoder.line("width = widest notched bar")
    for note in page.notes:
        encoder.line(note)
    encoder.feed(2)
    proof_copy.encode(encoder, page.sample, options)

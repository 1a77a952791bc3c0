"""A finished piece of paper as a PNG (what a person would see) and as text (what a test can read)."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from core.printer.virtual.machine import Picture, Piece, TextRun

if TYPE_CHECKING:
    from PIL import Image as PILImage
    from PIL import ImageFont

MARGIN = 8  # white around the paper so a decoder sees quiet zones at the edges too

ASCII_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
)
CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
)


CJK_FONT_PACKAGE = "fonts-wqy-microhei"  # Debian's package for the second CJK_FONTS entry


def has_cjk_font() -> bool:
    """False where the PNGs would draw every Chinese character as a box (the demo says so)."""
    return any(Path(path).exists() for path in CJK_FONTS)


def _first_font(paths: tuple[str, ...], size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont | None:
    from PIL import ImageFont

    for path in paths:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return None


@lru_cache(maxsize=4096)
def _glyph(char: str, kanji: bool, bold: bool) -> PILImage.Image:
    """One character at its base cell (12x24 or 24x24) as an 'L' mask: 255 where ink is."""
    from PIL import Image, ImageDraw, ImageFont

    width = 24 if kanji else 12
    image = Image.new("L", (width, 24), 0)
    draw = ImageDraw.Draw(image)
    font = _first_font(CJK_FONTS, 22) if kanji else _first_font(ASCII_FONTS, 20)
    if font is None and not kanji:
        font = ImageFont.load_default(size=18)
    if font is None:
        # No CJK font installed: draw a box so the text's place and width are still visible.
        draw.rectangle((2, 2, width - 3, 21), outline=255)
        return image
    for dx in (0, 1) if bold else (0,):
        draw.text((dx + (1 if kanji else 0), 1), char, fill=255, font=font)
    return image.point(lambda v: 255 if v >= 128 else 0)


def to_image(piece: Piece) -> PILImage.Image:
    from PIL import Image

    page = Image.new("1", (piece.width + 2 * MARGIN, piece.height + 2 * MARGIN), 1)
    for element in piece.elements:
        if isinstance(element, Picture):
            bits = element.bitmap
            mask = Image.frombytes("1", (bits.width_bytes * 8, bits.height), bits.to_bytes())
            page.paste(0, (element.x + MARGIN, element.y + MARGIN), mask)
            continue
        x = element.x + MARGIN
        kanji_cells = element.kanji_cells or tuple(False for _ in element.text)
        for char, kanji in zip(element.text, kanji_cells, strict=False):
            glyph = _glyph(char, kanji, element.bold)
            cell = (glyph.width * element.scale_w, glyph.height * element.scale_h)
            if cell != glyph.size:
                glyph = glyph.resize(cell, Image.Resampling.NEAREST)
            page.paste(0, (x, element.y + MARGIN), glyph)
            x += cell[0]
    return page


def to_png(piece: Piece) -> bytes:
    buffer = io.BytesIO()
    to_image(piece).save(buffer, format="PNG")
    return buffer.getvalue()


def to_text(piece: Piece) -> str:
    """Printed text line by line, codes as [CODE39 …]/[QR …]/[RASTER …], then notes."""
    rows: dict[int, list[TextRun]] = {}
    items: list[tuple[int, int, str]] = []
    for element in piece.elements:
        if isinstance(element, TextRun):
            rows.setdefault(element.y + element.height, []).append(element)
        else:
            items.append((element.y + element.bitmap.height, element.x, element.label))
    for baseline, runs in rows.items():
        runs.sort(key=lambda run: run.x)
        items.append((baseline, runs[0].x, "".join(run.text for run in runs).rstrip()))
    lines = [text for _, _, text in sorted(items)]
    if not piece.cut:
        lines.append("[torn off: the link closed before a cut]")
    lines.extend(f"[note] {note}" for note in piece.notes)
    lines.extend(f"[unknown command] {label}" for label in piece.unknown)
    return "\n".join(lines) + "\n"

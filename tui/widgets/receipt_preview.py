"""The print preview: the very bytes the printer would get, decoded by the virtual printer's mechanism
and drawn in the terminal — text at its paper column, QR codes module for module in half blocks.

A terminal cell is 1 module wide and 2 modules tall (▀ ▄ █), so a version-6 code takes 41 columns:
two side by side do not fit 80 columns, so codes wider than the view are stacked, each one intact
(a phone can scan it off the screen).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from core.printer.bitmap import Bitmap
    from core.printer.documents import Document
    from core.printer.layout.paper import LayoutOptions
    from core.printer.virtual.machine import Piece

ANK_DOTS = 12
INK = "black on bright_white"  # paper colours in any 16-colour palette
MIN_GAP_MODULES = 3  # the quiet zone between the pair is at least 4 modules; a QR never has 3 blank columns


def piece_for(document: Document, options: LayoutOptions) -> Piece:
    """Encode exactly as the print service does and run the bytes through the printer mechanism."""
    from core.printer.layout import encode_document
    from core.printer.virtual.decoder import Decoder
    from core.printer.virtual.machine import Machine

    machine = Machine(options.dots_per_line)
    for command in Decoder().feed(encode_document(document, options).bytes()):
        machine.apply(command)
    if machine.pieces:
        return machine.pieces[-1]
    piece = machine.finish_piece(cut=False)
    if piece is None:
        raise ValueError("nothing to print")
    return piece


def _module_size(bitmap: Bitmap) -> int:
    """The smallest run of equal dots along a row: a QR module (1 for bars and anything irregular)."""
    smallest = bitmap.width
    for row in bitmap.rows:
        if not row:
            continue
        run, last = 0, None
        for x in range(bitmap.width):
            bit = row >> (bitmap.width - 1 - x) & 1
            if bit == last:
                run += 1
            else:
                if last is not None and run:
                    smallest = min(smallest, run)
                run, last = 1, bit
    return max(1, smallest)


def _grid(bitmap: Bitmap, module: int) -> list[list[bool]]:
    half = module // 2
    return [[bitmap.get(c * module + half, r * module + half) for c in range(bitmap.width // module)]
            for r in range(bitmap.height // module)]


def _blocks(grid: list[list[bool]]) -> list[tuple[int, int]]:
    """Column ranges holding ink, split where at least MIN_GAP_MODULES blank columns separate them."""
    if not grid:
        return []
    inked = [any(row[c] for row in grid) for c in range(len(grid[0]))]
    blocks: list[tuple[int, int]] = []
    start = end = None
    blank = 0
    for c, ink in enumerate(inked):
        if ink:
            if start is None:
                start = c
            elif blank >= MIN_GAP_MODULES:
                blocks.append((start, end + 1))  # type: ignore[operator]
                start = c
            end, blank = c, 0
        else:
            blank += 1
    if start is not None:
        blocks.append((start, end + 1))  # type: ignore[operator]
    return blocks


def _half_blocks(grid: list[list[bool]], left: int, right: int, quiet: int = 1) -> list[Text]:
    width = right - left + 2 * quiet
    rows = [[False] * width for _ in range(quiet)]
    rows += [[False] * quiet + row[left:right] + [False] * quiet for row in grid]
    rows += [[False] * width for _ in range(quiet)]
    if len(rows) % 2:
        rows.append([False] * width)
    lines = []
    for top, bottom in zip(rows[::2], rows[1::2], strict=True):
        chars = "".join("█" if a and b else "▀" if a else "▄" if b else " " for a, b in zip(top, bottom, strict=True))
        lines.append(Text(chars, style=INK))
    return lines


def render_piece(piece: Piece, max_width: int = 78, *, qr_note: str | None = None) -> list[Text]:
    """The piece as terminal lines: paper columns for text, half blocks for codes. With `qr_note` (the
    compact display: ASCII only) each QR picture is that one line instead of its half blocks."""
    from core.printer.virtual.machine import Picture

    columns = piece.width // ANK_DOTS
    items: list[tuple[int, int, list[Text]]] = []
    text_rows: dict[int, list[tuple[int, str]]] = {}
    for element in piece.elements:
        if isinstance(element, Picture):
            items.append((element.y, 1, _picture(element, columns, max_width, qr_note)))
            continue
        width = cell_len(element.text)
        col = element.x // ANK_DOTS
        if element.scale_w > 1:  # a terminal cannot enlarge text: keep it centred where it prints
            col = round((element.x + element.width / 2) / ANK_DOTS - width / 2)
        text_rows.setdefault(element.y, []).append((max(0, col), element.text))
    for y, runs in text_rows.items():
        line = ""
        for col, run in sorted(runs):
            line += " " * max(0, col - cell_len(line)) + run
        items.append((y, 0, [Text(line.rstrip(), no_wrap=True)]))
    out: list[Text] = []
    for _, _, lines in sorted(items, key=lambda item: (item[0], item[1])):
        out.extend(lines)
    if not piece.cut:
        out.append(Text("~" * columns, style="red"))
    return out


def _picture(picture: object, columns: int, max_width: int, qr_note: str | None = None) -> list[Text]:
    kind = getattr(picture, "kind", "")
    bitmap: Bitmap = picture.bitmap  # type: ignore[attr-defined]
    if kind == "barcode":
        label = str(getattr(picture, "label", "")).strip("[]").replace("CODE39 ", "")
        return [Text(f"|||| {label} ||||".center(columns), style="bold", no_wrap=True)]
    if qr_note is not None:
        return [Text(qr_note, style="dim", no_wrap=True)]
    module = _module_size(bitmap)
    grid = _grid(bitmap, module)
    blocks = _blocks(grid)
    if not blocks:
        return []
    total = sum(right - left + 2 for left, right in blocks) + (len(blocks) - 1)
    if total <= max_width:  # side by side, as on paper
        rendered = [_half_blocks(grid, left, right) for left, right in blocks]
        lines = []
        for parts in zip(*rendered, strict=True):
            line = Text()
            for index, part in enumerate(parts):
                if index:
                    line.append(" ")
                line.append_text(part)
            lines.append(line)
        return lines
    stacked: list[Text] = []
    for index, (left, right) in enumerate(blocks):
        if index:
            stacked.append(Text(""))
        stacked.extend(_half_blocks(grid, left, right))
    return stacked


class ReceiptPreview(Static):
    """Shows rendered lines; the screen computes them off the UI thread (encoding takes ~20 ms)."""

    DEFAULT_CSS = "ReceiptPreview { width: auto; height: auto; }"

    def show(self, lines: list[Text]) -> None:
        self.update(Text("\n").join(lines))

"""The rows the terminal shows, and the scroll that moves rows it already shows instead of painting them again.

When the cart's table scrolls by a line, Textual repaints every visible line of it (17 at 80x24, ~3 KB in
the compact display), although the terminal already shows all of them but the new one, one row lower.
A terminal moves rows itself, as ncurses uses it: a scroll region (DECSTBM, `CSI top;bottom r`) and an
index on its bottom row (IND, `ESC D`: pyte, tmux, xterm and the Linux console all have it; pyte has no
SU) shift the region's rows up a line, a reverse index on its top row (RI, `ESC M`) down; the region is
then reset (`CSI r`).

Every update the app writes goes through `TerminalRows`, which keeps each row the terminal shows as the
bytes written left it. When, in the rows an update paints, a band of rows is what the terminal already
shows some lines lower (or higher), it writes the scroll and then paints only the rows the scroll uncovered
and the update's rows outside the band. Rows the terminal already shows as they are are left out, of whole
frames too: Textual sends a screen whole several times while it opens or comes back, and only the first of
those changes anything; of a row that changed, only the cells from its first changed one to its last are
written (a scrollbar coming changes two cells of every row beside it). This is done here, at the output,
rather than by holding back Textual's repaint requests: a request held back is a paint that may never come
(the support log once showed half of an old scroll position), while a row left out here is one the terminal
shows already. A scroll compares rows whole, at the terminal's full width (DECSTBM moves whole rows):
anything on them that did not move with the rest (a border's corner, a scrollbar's thumb, a panel beside
the table) makes a row differ, and its changed cells are painted. When nothing saves bytes the update is
written as Textual made it, byte for byte.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rich.cells import get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.control import Control
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.strip import Strip

MIN_SAVED_ROWS = 2  # the scroll costs ~20 bytes, a row painted again 80 cells and their colours
RESET_REGION = "\x1b[r"
INDEX = "\x1bD"
REVERSE_INDEX = "\x1bM"

Runs = list[tuple[int, Strip]]  # what an update writes on one row: strips at the columns they start at


@dataclass(frozen=True)
class Scroll:
    """Rows `top`..`bottom` (0-based, inclusive) moved up by `lines` (down when negative); as many rows
    uncovered at the region's other end."""

    top: int
    bottom: int
    lines: int

    def uncovered(self) -> range:
        if self.lines > 0:
            return range(self.bottom - self.lines + 1, self.bottom + 1)
        return range(self.top, self.top - self.lines)

    def segments(self) -> list[Segment]:
        """DECSTBM (the cursor goes home), the cursor onto the region's bottom row and IND per line (each
        moves the region up), or onto its top row and RI per line (down), the region reset (cursor home)."""
        edge, move = (self.bottom, INDEX) if self.lines > 0 else (self.top, REVERSE_INDEX)
        return [Segment(f"\x1b[{self.top + 1};{self.bottom + 1}r"), Control.move_to(0, edge).segment,
                Segment(move * abs(self.lines)), Segment(RESET_REGION)]


class TerminalRows:
    """What the terminal shows, row by row, from the updates written to it; see the module's docstring."""

    def __init__(self) -> None:
        self._rows: list[Strip] | None = None  # None: not known (nothing written yet, or the terminal lost)
        self._width = 0

    @property
    def shown(self) -> Sequence[Strip] | None:
        """The rows the terminal shows, as far as known."""
        return self._rows

    def forget(self) -> None:
        """The terminal shows something else now (the app gave it away): no scroll until a whole frame."""
        self._rows = None

    def send(self, update: CompositorUpdate, console: Console) -> CompositorUpdate:
        """The update to write instead of `update`: `update` itself unless moving rows the terminal shows
        and leaving out rows it already shows as they are makes it shorter."""
        shown, width = self._rows, self._width
        if isinstance(update, LayoutUpdate) and update.region.offset == (0, 0):
            rows = [_shown(Strip.join(line)) for line in update.strips]
            self._width, self._rows = update.region.width, rows
            if shown is None or width != update.region.width or len(shown) != len(rows):
                return update
            # Textual sends a screen whole several times as it opens: rows the terminal shows already are kept.
            painted: Collection[int] = range(len(rows))
            scroll = None
        elif isinstance(update, ChopsUpdate) and shown is not None and _fits(update, len(shown), width):
            written = _written(update)
            rows = shown.copy()
            for y, runs in written.items():
                rows[y] = _shown(_overlay(shown[y], runs, width))
            self._rows = rows
            painted = written.keys()
            scroll = plan_scroll(shown, rows, painted)
        else:
            self._rows = None
            return update
        shorter = RowsUpdate(scroll, shown, rows, painted)
        # Rows cost what their colours cost, not the same each: the rewrite only when it writes less.
        return shorter if len(shorter.render_segments(console)) < len(update.render_segments(console)) else update


def plan_scroll(shown: Sequence[Strip], rows: Sequence[Strip], painted: Collection[int]) -> Scroll | None:
    """The scroll that leaves the fewest rows to paint, if it saves MIN_SAVED_ROWS of the `painted` ones.

    A band of rows y whose new content `rows[y]` is what the terminal `shown` at y + n, for one n: the
    scroll region runs from the band's top to n rows below its end (n > 0, the rows moved up), or from
    -n rows above its top to its end (moved down); the rows uncovered there are painted after it.
    """
    if len(painted) <= MIN_SAVED_ROWS:
        return None  # a scan's own few rows: nothing to save, and no comparing of every row with every row
    best: Scroll | None = None
    best_saved = MIN_SAVED_ROWS - 1
    height = len(rows)
    # Rows whose text differs differ: the strings first, the styles (slow to compare) only when those match.
    was, now = [row.text for row in shown], [row.text for row in rows]
    for lines in (*range(1, height), *range(-1, -height, -1)):
        start: int | None = None
        for y in range(height + 1):
            moved = (0 <= y + lines < height and y < height and now[y] == was[y + lines]
                     and rows[y] == shown[y + lines])
            if moved and start is None:
                start = y
            elif not moved and start is not None:
                top, bottom = (start, y - 1 + lines) if lines > 0 else (start + lines, y - 1)
                saved = sum(1 for row in painted if top <= row <= bottom) - abs(lines)
                if saved > best_saved:
                    best, best_saved = Scroll(top, bottom, lines), saved
                start = None
    return best


class RowsUpdate(CompositorUpdate):
    """The scroll if any, then the rows it uncovered (whole) and, of the update's `painted` rows outside its
    region, the changed cells of those that change what the terminal shows; rows it shows already are left
    out."""

    def __init__(self, scroll: Scroll | None, shown: Sequence[Strip], rows: Sequence[Strip],
                 painted: Collection[int]) -> None:
        self.scroll = scroll
        move_to = Control.move_to
        pieces: list[Segment | Strip] = [*scroll.segments()] if scroll is not None else []
        uncovered = scroll.uncovered() if scroll is not None else range(0)
        for y in sorted({*painted, *uncovered}):
            if y in uncovered:
                pieces += [move_to(0, y).segment, rows[y]]
            elif not (scroll is not None and scroll.top <= y <= scroll.bottom) and rows[y] != shown[y]:
                # Only the cells that changed: a scrollbar coming or its thumb moving changes two cells of
                # each row beside it, a cursor's row its highlighted cells.
                start, end = changed_span(shown[y], rows[y])
                pieces += [move_to(start, y).segment, rows[y].crop(start, end)]
        self.pieces = pieces
        self._rendered: str | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for piece in self.pieces:
            if isinstance(piece, Segment):
                yield piece
            else:
                yield from piece

    def render_segments(self, console: Console) -> str:
        if self._rendered is None:
            self._rendered = "".join(piece.text if isinstance(piece, Segment) else piece.render(console)
                                     for piece in self.pieces)
        return self._rendered


Cell = tuple[str, Style | None]  # what one cell of a row shows; "" is the right half of a wide character


def changed_span(old: Strip, new: Strip) -> tuple[int, int]:
    """The cells `start`..`end` (exclusive) of two rows of one width outside which they are alike, widened so
    neither ends inside a wide character (a CJK one is two cells): writing new[start:end] over old leaves
    every cell as in new."""
    before, after = list(old), list(new)
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < min(len(before), len(after)) - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    start = sum(segment.cell_length for segment in after[:head])
    was, now = _cells(before[head:len(before) - tail]), _cells(after[head:len(after) - tail])
    first = next((x for x, (a, b) in enumerate(zip(was, now, strict=False)) if a != b), min(len(was), len(now)))
    last = max(len(was), len(now))
    while last > first and last <= min(len(was), len(now)) and was[last - 1] == now[last - 1]:
        last -= 1
    # The first changed cell never is a wide character's right half: its left half would have changed too.
    # The cell after the last changed one can be, when two wide characters of one style differ.
    while last < len(now) and (not now[last][0] or (last < len(was) and not was[last][0])):
        last += 1
    return start + first, start + last


def _cells(segments: Sequence[Segment]) -> list[Cell]:
    cells: list[Cell] = []
    for text, style, control in segments:
        if control:
            continue
        for character in text:
            width = get_character_cell_size(character)
            if width == 0 and cells:  # a combining mark belongs to the cell before it
                cells[-1] = (cells[-1][0] + character, cells[-1][1])
                continue
            cells.append((character, style))
            if width == 2:
                cells.append(("", style))
    return cells


def _fits(update: ChopsUpdate, height: int, width: int) -> bool:
    """The update is for a screen of the size of the rows known (a resize writes a whole frame first)."""
    return len(update.chops) == height and all(ends[-1] == width for ends in update.chop_ends if ends)


def _written(update: ChopsUpdate) -> dict[int, Runs]:
    """What `ChopsUpdate.render_segments` writes, per row: the same chops, cropped the same way."""
    written: dict[int, Runs] = {}
    for y, x1, x2 in update.spans:
        runs = written.setdefault(y, [])
        for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
            if strip is None or x > x2 or end <= x1:
                continue
            inside = x2 > x >= x1 and end <= x2
            runs.append((x, strip if inside else strip.crop(0, min(end, x2) - x)))
    return written


def _overlay(row: Strip, runs: Runs, width: int) -> Strip:
    covered = 0
    for x, strip in runs:
        if x != covered:
            break
        covered += strip.cell_length
    else:
        if covered == width:  # the whole row written, left to right (a table as wide as the terminal)
            return Strip.join(strip for _, strip in runs)
    for x, strip in runs:
        row = Strip.join([row.crop(0, x), strip, row.crop(x + strip.cell_length, width)])
    return row


def _shown(strip: Strip) -> Strip:
    """The row as the terminal shows it, one form for the same cells: no meta (mouse data, never drawn), no
    empty segments, neighbouring segments of one style joined (where a strip was cut does not show)."""
    return Strip([_without_meta(segment) for segment in strip if segment.text or segment.control],
                 strip.cell_length).simplify()


def _without_meta(segment: Segment) -> Segment:
    """Not Strip.discard_meta: its copy of a style keeps the hash of the style with the meta, so two cells
    drawn alike but clickable differently (a radio button's mark and its label) compared unequal and were
    painted again. A link is drawn (OSC 8): a style with one is kept as it is."""
    text, style, control = segment
    if style is None or style.link:
        return segment
    return Segment(text, style.clear_meta_and_links(), control)

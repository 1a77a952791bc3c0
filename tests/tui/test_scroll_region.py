"""TerminalRows on hand-made frames, and the benches' terminal model against pyte on the same bytes.

A frame of numbered rows is written whole, then an update repaints the rows as if a table had scrolled;
what a terminal shows after the bytes `TerminalRows` sends (pyte's screen and bench/pty_screen.py's) must
be the update's rows, with the moved rows (up or down) not painted again.
"""

from __future__ import annotations

import random

import pyte
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from bench.pty_screen import PtyScreen
from tui.scroll_region import RowsUpdate, Scroll, TerminalRows, plan_scroll

WIDTH, HEIGHT = 20, 8
CONSOLE = Console(width=WIDTH, height=HEIGHT, color_system="standard", legacy_windows=False)


def row(text: str, style: Style | None = None) -> Strip:
    return Strip([Segment(text.ljust(WIDTH), style)])


def whole(rows: list[Strip]) -> LayoutUpdate:
    return LayoutUpdate([[strip] for strip in rows], Region(0, 0, WIDTH, HEIGHT))


def repaint(rows: list[Strip], lines: range) -> ChopsUpdate:
    """What Textual's compositor writes for these whole rows (one chop per row, the full width)."""
    chops = [{0: rows[y] if y in lines else None} for y in range(HEIGHT)]
    return ChopsUpdate(chops, [(y, 0, WIDTH) for y in lines], [[WIDTH] for _ in range(HEIGHT)])


class Screens:
    """pyte and the benches' model, fed the same bytes."""

    def __init__(self) -> None:
        self.pyte = pyte.Screen(WIDTH, HEIGHT)
        self.stream = pyte.ByteStream(self.pyte)
        self.model = PtyScreen(HEIGHT, WIDTH)

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)
        self.model.feed(data)

    def lines(self) -> list[str]:
        assert self.model.lines() == self.pyte.display
        return self.model.lines()


def table(first: int, cursor: int) -> list[Strip]:
    """A title, a header, five table lines from `first` on (the cursor's in reverse), a totals row."""
    lines = [row(f"{n:>3} item {n}", Style(reverse=True) if n == cursor else None) for n in range(first, first + 5)]
    return [row("scan"), row("  # name"), *lines, row(f"total {first + 4}")]


def test_a_table_scrolled_by_a_line_moves_its_rows_and_paints_the_new_one_and_the_cursors() -> None:
    terminal, screens = TerminalRows(), Screens()
    before, after = table(1, cursor=5), table(2, cursor=6)
    screens.feed(terminal.send(whole(before), CONSOLE).render_segments(CONSOLE).encode())
    sent = terminal.send(repaint(after, range(1, 8)), CONSOLE)
    assert isinstance(sent, RowsUpdate) and sent.scroll is not None
    # Lines 2-4 are one row higher, untouched; line 5 (the cursor left it), the new line 6 and the totals
    # are painted; the header, repainted by the update but the same, is not.
    assert sent.scroll == Scroll(top=2, bottom=5, lines=1)
    data = sent.render_segments(CONSOLE)
    assert data.startswith("\x1b[3;6r\x1b[6;1H\x1bD\x1b[r")
    assert "item 6" in data and "item 5" in data and "item 2" not in data and "name" not in data
    screens.feed(data.encode())
    assert screens.lines() == [strip.text for strip in after]


def test_a_table_scrolled_back_by_a_line_moves_its_rows_down_by_a_reverse_index() -> None:
    terminal, screens = TerminalRows(), Screens()
    before, after = table(2, cursor=6), table(1, cursor=1)  # a repeat of the line just above the view
    screens.feed(terminal.send(whole(before), CONSOLE).render_segments(CONSOLE).encode())
    sent = terminal.send(repaint(after, range(1, 8)), CONSOLE)
    assert isinstance(sent, RowsUpdate) and sent.scroll is not None
    assert sent.scroll == Scroll(top=2, bottom=6, lines=-1)  # lines 2-5 one row lower, line 6 gone
    data = sent.render_segments(CONSOLE)
    assert data.startswith("\x1b[3;7r\x1b[3;1H\x1bM\x1b[r")
    assert "item 1" in data and "item 2" not in data and "item 5" not in data
    screens.feed(data.encode())
    assert screens.lines() == [strip.text for strip in after]


def test_rows_beside_the_table_that_did_not_move_are_painted_and_no_band_means_no_scroll() -> None:
    terminal = TerminalRows()
    before = [row(f"row {n}") for n in range(HEIGHT)]
    terminal.send(whole(before), CONSOLE)
    # Every row's last cell (a scrollbar's, say) is other than the row's below: nothing moved whole.
    after = [row(f"row {n + 1}".ljust(WIDTH - 1) + "#") for n in range(HEIGHT)]
    update = repaint(after, range(HEIGHT))
    assert plan_scroll(before, after, range(HEIGHT)) is None
    sent = terminal.send(update, CONSOLE)
    assert getattr(sent, "scroll", None) is None
    assert sent.render_segments(CONSOLE).count("#") == HEIGHT  # every row painted


def test_a_band_of_a_few_rows_that_saves_too_little_is_not_scrolled() -> None:
    terminal = TerminalRows()
    before = [row(f"row {n}") for n in range(HEIGHT)]
    terminal.send(whole(before), CONSOLE)
    after = [*before[:5], before[6], row("new"), row("other")]  # one row moved, two new ones
    update = repaint(after, range(5, 8))
    assert getattr(terminal.send(update, CONSOLE), "scroll", None) is None


def test_a_row_drawn_alike_but_cut_or_clickable_differently_is_not_painted_again() -> None:
    """A radio button's mark carries other mouse data (meta) than its label, and Textual cuts a row where
    widgets meet or leaves an empty segment: the terminal shows the same cells. Strip.discard_meta keeps the
    hash of the style it copied, so those rows compared unequal and a screen opening painted them twice."""
    terminal, screens = TerminalRows(), Screens()
    plain = Style(bold=True)
    first = [row(f"row {n}") for n in range(HEIGHT)]
    first[3] = Strip([Segment("(*) choice".ljust(WIDTH), plain)])
    screens.feed(terminal.send(whole(first), CONSOLE).render_segments(CONSOLE).encode())
    again = list(first)
    again[3] = Strip([Segment("(", Style(bold=True, meta={"@click": "press(1)"})), Segment("", Style(italic=True)),
                      Segment("*) ", Style(bold=True, meta={"@click": "press(2)"})),
                      Segment("choice".ljust(WIDTH - 4), plain)])
    again[5] = row("row 5 changed")
    sent = terminal.send(whole(again), CONSOLE)
    data = sent.render_segments(CONSOLE)
    assert "changed" in data and "choice" not in data  # only the row whose cells differ is painted
    screens.feed(data.encode())
    assert screens.lines() == [strip.text for strip in again]
    linked = list(again)  # a link is drawn (OSC 8): the same text with a link is painted
    linked[3] = Strip([Segment("(*) choice".ljust(WIDTH), Style(bold=True, link="https://example.com"))])
    assert "choice" in terminal.send(whole(linked), CONSOLE).render_segments(CONSOLE)


def test_of_a_changed_row_only_its_changed_cells_are_written() -> None:
    """A scrollbar coming paints two cells of every row beside it: those are written, not the rows."""
    terminal, screens = TerminalRows(), Screens()
    before = [row(f"line {n}") for n in range(HEIGHT)]
    screens.feed(terminal.send(whole(before), CONSOLE).render_segments(CONSOLE).encode())
    bar = Style(reverse=True)
    after = [Strip([Segment(f"line {n}".ljust(WIDTH - 2)), Segment("  ", bar)]) for n in range(HEIGHT)]
    data = terminal.send(repaint(after, range(HEIGHT)), CONSOLE).render_segments(CONSOLE)
    assert "line" not in data and data.count(f"\x1b[{1};{WIDTH - 1}H") == 1  # row 1, from column 19 on
    screens.feed(data.encode())
    assert screens.lines() == [strip.text for strip in after]
    assert all(screens.pyte.buffer[y][WIDTH - 1].reverse and not screens.pyte.buffer[y][0].reverse
               for y in range(HEIGHT))


def test_a_changed_span_never_cuts_a_wide_character_on_the_terminal_or_in_the_new_row() -> None:
    """Rows of ASCII and CJK (two cells each) in a few styles, changed at random (seeded): after the
    changed spans are written over the old rows, pyte shows every cell, its character and its style, as
    it does after the new rows are written on a clean screen."""
    rng = random.Random(17)
    styles = [None, Style(bold=True), Style(reverse=True), Style(color="red")]
    pieces = ["a", "bc", "def", " ", "中", "文字", "x中", "價"]

    def random_row() -> Strip:
        segments, used = [], 0
        while True:
            text = rng.choice(pieces)
            if used + cell_len(text) > WIDTH:
                break
            segments.append(Segment(text, rng.choice(styles)))
            used += cell_len(text)
        segments.append(Segment(" " * (WIDTH - used)))
        return Strip(segments)

    for _ in range(200):
        terminal, screens = TerminalRows(), Screens()
        before = [random_row() for _ in range(HEIGHT)]
        screens.feed(terminal.send(whole(before), CONSOLE).render_segments(CONSOLE).encode())
        after = [random_row() if rng.random() < 0.5 else strip for strip in before]
        screens.feed(terminal.send(whole(after), CONSOLE).render_segments(CONSOLE).encode())
        clean = Screens()
        clean.feed(TerminalRows().send(whole(after), CONSOLE).render_segments(CONSOLE).encode())
        assert screens.lines() == clean.lines()
        cells = [[(c.data, c.fg, c.bold, c.reverse) for c in (screens.pyte.buffer[y][x] for x in range(WIDTH))]
                 for y in range(HEIGHT)]
        assert cells == [[(c.data, c.fg, c.bold, c.reverse) for c in (clean.pyte.buffer[y][x] for x in range(WIDTH))]
                         for y in range(HEIGHT)]


def test_after_an_unknown_frame_nothing_is_scrolled_until_a_whole_frame() -> None:
    terminal = TerminalRows()
    update = repaint(table(2, cursor=6), range(1, 8))
    assert terminal.send(update, CONSOLE) is update  # nothing known yet: the update as it is
    terminal.send(whole(table(1, cursor=5)), CONSOLE)
    terminal.forget()  # the app gave the terminal away (suspended)
    assert terminal.send(update, CONSOLE) is update
    terminal.send(whole(table(1, cursor=5)), CONSOLE)
    assert getattr(terminal.send(update, CONSOLE), "scroll", None) is not None


def test_the_benches_terminal_model_scrolls_its_region_as_pyte_does() -> None:
    screens = Screens()
    screens.feed("".join(f"\x1b[{y + 1};1Hrow {y}" for y in range(HEIGHT)).encode())
    screens.feed(b"\x1b[3;6r")  # DECSTBM: the cursor goes home
    assert (screens.model.y, screens.model.x) == (screens.pyte.cursor.y, screens.pyte.cursor.x) == (0, 0)
    screens.feed(b"\x1b[6;1H\x1bD\x1bD")  # IND twice on the region's bottom row
    screens.feed(b"\n")  # a line feed there scrolls too
    lines = [line.rstrip() for line in screens.lines()]
    assert lines == ["row 0", "row 1", "row 5", "", "", "", "row 6", "row 7"]
    assert (screens.model.y, screens.model.x) == (screens.pyte.cursor.y, screens.pyte.cursor.x) == (5, 0)
    screens.feed(b"\x1b[3;1H\x1bM")  # RI on the top row: the region down a line
    assert [line.rstrip() for line in screens.lines()][2:4] == ["", "row 5"]
    screens.feed(b"\x1b[r\x1b[8;1H\n")  # reset: a line feed on the last row scrolls the whole screen
    assert [line.rstrip() for line in screens.lines()][:2] == ["row 1", ""]
    screens.feed(b"\x1b[5;5r")  # a region of one row: ignored by both
    assert (screens.model.top, screens.model.bottom) == (0, HEIGHT - 1)


def test_the_benches_terminal_model_scrolls_up_and_down_by_su_and_sd() -> None:
    model = PtyScreen(4, 6)  # pyte has no SU / SD: the model alone
    model.feed(b"\x1b[1;1Ha\x1b[2;1Hb\x1b[3;1Hc\x1b[4;1Hd\x1b[2;4r\x1b[4;2H\x1b[S")
    assert [line.rstrip() for line in model.lines()] == ["a", "c", "d", ""]
    assert (model.y, model.x) == (3, 1)  # SU leaves the cursor where it was
    model.feed(b"\x1b[2T")
    assert [line.rstrip() for line in model.lines()] == ["a", "", "", "c"]

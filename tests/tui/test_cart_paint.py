"""What a scan sends to the terminal: the lines that changed, and nothing the screen did not need.

Every compositor update the app writes is applied, in order, to a model of the terminal's cells; after
each step that model must equal the whole screen rendered afresh (a line left out of an update is a stale
line on the cashier's terminal). A new cart line, up to the 17th at 80x24, may paint only the new line,
the line the cursor left, the totals, the message line and the scan field, wherever they were or are now;
a repeat scan only its line and the cursor's. Both displays: the standard one's table fills the space
(its virtual size grows), the compact one's grows with its lines (the table's region grows, the totals
move down).

From the 18th line on the table scrolls. The updates are the ones `TerminalRows` hands `App._display`
(tui/scroll_region.py): a scroll region and an index move the rows the terminal already shows, so the
model is a VT100's there (DECSTBM homing the cursor, IND and a line feed scrolling at the region's bottom
row, the region reset), and the same bytes also go to pyte, the terminal emulator the SSH tests read. In
the compact display a scrolling scan paints the same rows as any other new line, at their new places.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pyte
import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.control import Control
from rich.segment import ControlType, Segment
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip

from core.demo.catalog import demo_products
from tests.tui.helpers import login, scan, screen_name, until
from tui import scroll_region
from tui.app import CashierApp
from tui.scroll_region import RowsUpdate, Scroll

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)

WIDTH, HEIGHT = 80, 24
VISIBLE_LINES = 17  # cart lines the table shows at 80x24 before it scrolls

Cell = tuple[str, str]
ESCAPE = re.compile(r"\x1b(?:(?P<ind>D)|(?P<ri>M)|\[(?P<params>[0-9;]*)(?P<final>[rS]))")


class Terminal:
    """The cells a terminal shows after the updates written to it: cursor moves, text, new lines, and a VT100's
    scroll region (DECSTBM, which homes the cursor; reset by `CSI r`) with the moves that scroll it (IND and
    a line feed on its bottom row, SU: rows moved up, a blank row in at the bottom; RI on its top row: down),
    the cursor staying."""

    def __init__(self, console: Console, width: int = WIDTH, height: int = HEIGHT) -> None:
        self.console = console
        self.painted: set[int] = set()  # the screen lines updates wrote to since the last `take_painted`
        self.scrolled = 0  # lines the terminal moved up, all told (down: fewer)
        self.resize(width, height)
        self.emulator = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.emulator)

    def resize(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells: list[list[Cell]] = [[(" ", "")] * width for _ in range(height)]
        self.margins = (0, height - 1)
        self.x = self.y = 0

    def write(self, update: CompositorUpdate) -> None:
        if isinstance(update, LayoutUpdate) and update.region.size != (self.width, self.height):
            # The terminal was resized (pilot.resize_terminal): the app's whole frame at the new size follows.
            self.resize(*update.region.size)
            self.emulator.resize(self.height, self.width)
        self.stream.feed(update.render_segments(self.console).encode())
        for segment in update.__rich_console__(self.console, self.console.options):
            assert isinstance(segment, Segment)
            if segment.control:
                for code in segment.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        self.x, self.y = int(code[1]), int(code[2])
                continue
            if segment.text == "\n":
                self.x = 0
                self._line_feed()
            elif segment.text.startswith("\x1b"):
                assert segment.style is None, segment
                self._escapes(segment.text)
            else:
                self.x = self._put(self.x, self.y, segment)

    def _escapes(self, text: str) -> None:
        assert "".join(match[0] for match in ESCAPE.finditer(text)) == text, f"not modelled: {text!r}"
        for match in ESCAPE.finditer(text):
            params, final = match["params"], match["final"]
            if match["ind"]:
                self._line_feed()
            elif match["ri"]:
                if self.y == self.margins[0]:
                    self._scroll_down()
                elif self.y > 0:
                    self.y -= 1
            elif final == "r":
                top, _, bottom = (params or "").partition(";")
                self.margins = (int(top) - 1, int(bottom) - 1) if params else (0, self.height - 1)
                assert self.margins[1] - self.margins[0] >= 1, "terminals ignore a region of one row"
                self.x = self.y = 0
            else:
                for _ in range(int(params or 1)):
                    self._scroll_up()

    def _line_feed(self) -> None:
        if self.y == self.margins[1]:
            self._scroll_up()
        elif self.y < self.height - 1:
            self.y += 1

    def _scroll_up(self) -> None:
        top, bottom = self.margins
        self.cells[top:bottom + 1] = [*self.cells[top + 1:bottom + 1], [(" ", "")] * self.width]
        self.scrolled += 1

    def _scroll_down(self) -> None:
        top, bottom = self.margins
        self.cells[top:bottom + 1] = [[(" ", "")] * self.width, *self.cells[top:bottom]]
        self.scrolled -= 1

    def _put(self, x: int, y: int, segment: Segment) -> int:
        style = str(segment.style.clear_meta_and_links()) if segment.style else ""
        for char in segment.text:
            width = cell_len(char)
            if 0 <= y < self.height and 0 <= x < self.width:
                self.cells[y][x] = (char, style)
                if width == 2 and x + 1 < self.width:
                    self.cells[y][x + 1] = ("", style)
                self.painted.add(y)
            x += width
        return x

    def paint_rows(self, rows: Iterable[Strip]) -> None:
        """These rows, whole, from the top: in the model and in pyte, nothing counted as painted."""
        for y, strip in enumerate(rows):
            self.stream.feed((Control.move_to(0, y).segment.text + strip.render(self.console)).encode())
            x = 0
            for segment in strip:
                x = self._put(x, y, segment)
        self.painted.clear()

    def take_painted(self) -> set[int]:
        painted, self.painted = self.painted, set()
        return painted

    def shows(self, app: CashierApp) -> bool:
        """Both the model and pyte show what the app holds: every cell, and its style in the model."""
        expected = whole_screen(app, self.console)
        text = ["".join(char for char, _ in row) for row in expected]
        return self.cells == expected and [line.rstrip() for line in self.emulator.display] == \
            [line.rstrip() for line in text]


def whole_screen(app: CashierApp, console: Console) -> list[list[Cell]]:
    width, height = app.size
    fresh = Terminal(console, width, height)
    fresh.paint_rows(Strip(strip) for strip in app.screen._compositor.render_strips())
    return fresh.cells


def record(app: CashierApp) -> Terminal:
    """What the app writes, as it writes it: the updates `TerminalRows` gives `App._display` to write, from
    what the terminal shows already (the app's first frames were written before this began, and a row is
    written only where it changed)."""
    terminal = Terminal(Console(width=WIDTH, height=HEIGHT, color_system="standard", legacy_windows=False))
    terminal.paint_rows(app.terminal_rows.shown or ())
    send = app.terminal_rows.send

    def recorded(update: CompositorUpdate, console: Console) -> CompositorUpdate:
        sent = send(update, console)
        if isinstance(sent, (ChopsUpdate, LayoutUpdate, RowsUpdate)):
            terminal.write(sent)
        return sent

    app.terminal_rows.send = recorded  # type: ignore[method-assign]
    return terminal


def lines_of(region: Region) -> set[int]:
    return set(region.line_range)


def cart_lines(app: CashierApp) -> int:
    return len(app.screen.cart.lines)  # type: ignore[attr-defined]


class Cart:
    """The cart screen's parts whose lines a scan may paint, read before and after each step."""

    def __init__(self, app: CashierApp) -> None:
        self.app = app

    def row_line(self, index: int) -> int:
        table = self.app.screen.query_one("#lines")
        return table.region.y + 1 + index - round(table.scroll_y)  # below the header

    def chrome_lines(self) -> set[int]:
        screen = self.app.screen
        return set().union(*(lines_of(screen.query_one(selector).region)
                             for selector in ("#scan", "#cart-totals", "#cart-message")))

    def cursor(self) -> int:
        return self.app.screen.query_one("#lines").cursor_row  # type: ignore[no-any-return]

    def scroll_y(self) -> int:
        return round(self.app.screen.query_one("#lines").scroll_y)


async def settle(pilot: Pilot, condition: Callable[[], bool]) -> None:
    await until(pilot, condition)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def steps() -> Iterable[tuple[str, int]]:
    """(code, cart lines after it): new lines past the visible 17, repeats, a quantity prefix."""
    products = list(demo_products(24))
    for number, product in enumerate(products):
        lines = number + 1
        yield product.barcode, lines
        if number in (2, 9, 16, 21):
            yield products[number - 2].barcode, lines  # a repeat: adds to an earlier line's quantity
        if number == 5:
            yield "3*", lines
            yield products[1].barcode, lines


@pytest.mark.parametrize("display", ["standard", "compact"])
async def test_each_scan_paints_only_what_changed_and_the_terminal_shows_the_whole_screen(
        make_app: Callable[..., CashierApp], display: str) -> None:
    app = make_app(display=display, status_interval=3600)
    checked_new = checked_repeat = checked_scroll = 0
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        terminal = record(app)
        await login(pilot)
        cart = Cart(app)
        await settle(pilot, lambda: cart_lines(app) == 0)
        assert terminal.shows(app)
        for code, lines in steps():
            before = cart_lines(app)
            cursor, chrome_before = cart.cursor(), cart.chrome_lines()
            top, scrolled = cart.scroll_y(), terminal.scrolled
            left = cart.row_line(cursor)  # the cursor's row may be painted before the table scrolls
            terminal.take_painted()
            await scan(pilot, code)
            await settle(pilot, lambda lines=lines: cart_lines(app) == lines)
            assert terminal.shows(app), (code, lines)
            painted = terminal.take_painted()
            if code.endswith("*"):
                continue  # the next quantity shows in the totals
            if lines > VISIBLE_LINES and display == "standard":
                continue  # a scrollbar's thumb beside every row: the rows it moved on are painted as well
            touched = cart.cursor()
            allowed = {left, cart.row_line(cursor), cart.row_line(touched)} | chrome_before | cart.chrome_lines()
            assert painted <= allowed, (code, sorted(painted - allowed))
            assert cart.row_line(touched) in painted
            assert terminal.scrolled - scrolled == cart.scroll_y() - top  # the rows moved, not painted again
            if lines > VISIBLE_LINES:
                checked_scroll += 1
            elif lines > before:
                checked_new += 1
            else:
                checked_repeat += 1
        screen = app.screen
        await pilot.press("up", "up", "f4")  # a line removed: every line below it moves up
        await settle(pilot, lambda: cart_lines(app) == len(list(demo_products(24))) - 1)
        assert terminal.shows(app)
        assert screen is app.screen
    assert checked_new == VISIBLE_LINES and checked_repeat == 4
    assert checked_scroll == (8 if display == "compact" else 0)  # lines 18 to 24, and a repeat among them


async def scan_new(pilot: Pilot, terminal: Terminal, cart: Cart, code: str) -> set[int]:
    """Scan a product not in the cart yet; the rows painted, checked against what a new line may paint."""
    app = pilot.app
    lines, cursor, chrome_before, top = cart_lines(app), cart.cursor(), cart.chrome_lines(), cart.scroll_y()
    scrolled, left = terminal.scrolled, cart.row_line(cursor)
    terminal.take_painted()
    await scan(pilot, code)
    await settle(pilot, lambda: cart_lines(app) == lines + 1)
    assert terminal.shows(app), (code, lines + 1)
    painted = terminal.take_painted()
    allowed = {left, cart.row_line(cursor), cart.row_line(lines)} | chrome_before | cart.chrome_lines()
    assert painted <= allowed, (code, lines + 1, sorted(painted - allowed))
    assert cart.row_line(lines) in painted and cart.cursor() == lines
    assert terminal.scrolled - scrolled == cart.scroll_y() - top
    return painted


async def test_thirty_scans_that_scroll_the_compact_cart_move_its_rows_and_paint_only_the_new_ones(
        make_app: Callable[..., CashierApp]) -> None:
    """Scans past the visible lines, one with the cursor moved up first, a repeat of a line scrolled out
    of sight (the table scrolls back down), an edit in the pop-up over the cart, a removal, a resize."""
    app = make_app(display="compact", status_interval=3600)
    products = list(demo_products(60))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        terminal = record(app)
        await login(pilot)
        cart = Cart(app)
        await settle(pilot, lambda: cart_lines(app) == 0)
        for product in products[:32]:
            await scan_new(pilot, terminal, cart, product.barcode)
        assert cart.scroll_y() == 32 - VISIBLE_LINES and terminal.scrolled == 32 - VISIBLE_LINES

        # The cursor three lines up, then a new line: the table scrolls, the row the cursor left is mid-way.
        await pilot.press("up", "up", "up")
        await settle(pilot, lambda: cart.cursor() == 28)
        assert terminal.shows(app)
        painted = await scan_new(pilot, terminal, cart, products[32].barcode)
        left = cart.row_line(28)
        assert painted & {left, left + 1} and left < cart.row_line(32) - 1  # before the scroll or after it

        # A repeat of the line just above the view: the table scrolls down a line (RI), the rest moves.
        assert cart.scroll_y() == 16
        moved, left = terminal.scrolled, cart.row_line(cart.cursor())
        terminal.take_painted()
        await scan(pilot, products[15].barcode)
        await settle(pilot, lambda: cart.cursor() == 15 and cart.scroll_y() == 15)
        assert terminal.shows(app)
        painted = terminal.take_painted()
        assert terminal.scrolled == moved - 1
        assert cart.row_line(15) in painted
        allowed = {left, left + 1, cart.row_line(15)} | cart.chrome_lines()
        assert painted <= allowed, sorted(painted - allowed)

        # A repeat of the first line: the table scrolls back up to it (no row stays on the screen).
        terminal.take_painted()
        await scan(pilot, products[0].barcode)
        await settle(pilot, lambda: cart.cursor() == 0 and cart.scroll_y() == 0)
        assert terminal.shows(app)
        await scan(pilot, products[33].barcode)  # and down to the end again: all rows new
        await settle(pilot, lambda: cart_lines(app) == 34)
        assert terminal.shows(app)

        # Edit the last line in its pop-up (over the cart) and come back, then scan on.
        await pilot.press("f3")
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        await settle(pilot, lambda: True)
        assert terminal.shows(app)
        field = app.screen.query_one("#line-qty")
        field.value = "5"  # type: ignore[attr-defined]
        await pilot.press("f10")
        await settle(pilot, lambda: screen_name(app) == "CartScreen" and app.screen.cart.lines[-1].quantity == 5)
        assert terminal.shows(app)
        await scan_new(pilot, terminal, cart, products[34].barcode)

        # A line removed after the scrolling: the lines below it move up, the table's view with them.
        await pilot.press("up", "up", "f4")
        await settle(pilot, lambda: cart_lines(app) == 34)
        assert terminal.shows(app)
        await scan_new(pilot, terminal, cart, products[35].barcode)

        # A resize mid-way (a whole frame at the new size), scans there, and back to 80x24.
        await pilot.resize_terminal(100, 30)
        await settle(pilot, lambda: app.size == (100, 30))
        assert terminal.shows(app)
        for product in products[36:39]:
            lines = cart_lines(app)
            await scan(pilot, product.barcode)
            await settle(pilot, lambda lines=lines: cart_lines(app) == lines + 1)
            assert terminal.shows(app)
        await pilot.resize_terminal(WIDTH, HEIGHT)
        await settle(pilot, lambda: app.size == (WIDTH, HEIGHT))
        assert terminal.shows(app)
        top, moved = cart.scroll_y(), terminal.scrolled
        await scan(pilot, products[39].barcode)  # the view, left where 30 rows had it, jumps to the cursor
        await settle(pilot, lambda: cart_lines(app) == 39)
        assert terminal.shows(app)
        assert terminal.scrolled - moved == cart.scroll_y() - top > 1  # several rows moved at once
        moved = terminal.scrolled
        for product in products[40:43]:
            await scan_new(pilot, terminal, cart, product.barcode)
        assert terminal.scrolled == moved + 3


async def test_the_standard_display_shows_the_whole_screen_through_scrolling_scans(
        make_app: Callable[..., CashierApp]) -> None:
    """Bordered, with a scrollbar beside the rows: rows that did not move with the rest are painted."""
    app = make_app(display="standard", status_interval=3600)
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        terminal = record(app)
        await login(pilot)
        await settle(pilot, lambda: cart_lines(app) == 0)
        for lines, product in enumerate(demo_products(30), start=1):
            await scan(pilot, product.barcode)
            await settle(pilot, lambda lines=lines: cart_lines(app) == lines)
            assert terminal.shows(app), lines
        await pilot.press("up", "up", "f4")
        await settle(pilot, lambda: cart_lines(app) == 29)
        assert terminal.shows(app)


async def test_a_wrong_shift_leaves_the_terminal_showing_something_else(
        make_app: Callable[..., CashierApp], monkeypatch: pytest.MonkeyPatch) -> None:
    """The models catch a scroll by the wrong number of lines: the check above can fail."""
    planned = scroll_region.plan_scroll

    def one_more(*args: object) -> Scroll | None:
        scroll = planned(*args)  # type: ignore[arg-type]
        if scroll is None:
            return None
        return Scroll(scroll.top, scroll.bottom, scroll.lines + 1 if scroll.lines > 0 else scroll.lines - 1)

    monkeypatch.setattr(scroll_region, "plan_scroll", one_more)
    app = make_app(display="compact", status_interval=3600)
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        terminal = record(app)
        await login(pilot)
        await settle(pilot, lambda: cart_lines(app) == 0)
        for lines, product in enumerate(demo_products(VISIBLE_LINES + 1), start=1):
            await scan(pilot, product.barcode)
            await settle(pilot, lambda lines=lines: cart_lines(app) == lines)
        assert terminal.scrolled == 2
        assert not terminal.shows(app)

"""What a scan sends to the terminal: the lines that changed, and nothing the screen did not need.

Every compositor update the app would write is applied, in order, to a model of the terminal's cells; after
each step that model must equal the whole screen rendered afresh (a line left out of an update is a stale
line on the cashier's terminal). A new cart line, up to the 17th at 80x24, may paint only the new line,
the line the cursor left, the totals, the message line and the scan field, wherever they were or are now;
a repeat scan only its line and the cursor's. Both displays: the standard one's table fills the space
(its virtual size grows), the compact one's grows with its lines (the table's region grows, the totals
move down).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.segment import ControlType, Segment
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip

from core.demo.catalog import demo_products
from tests.tui.helpers import login, scan, until
from tui.app import CashierApp

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)

WIDTH, HEIGHT = 80, 24
VISIBLE_LINES = 17  # cart lines the table shows at 80x24 before it scrolls

Cell = tuple[str, str]


class Terminal:
    """The cells a terminal shows after the updates written to it (cursor moves, text, new lines)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.cells: list[list[Cell]] = [[(" ", "")] * WIDTH for _ in range(HEIGHT)]
        self.painted: set[int] = set()  # the screen lines updates wrote to since the last `take_painted`

    def write(self, update: CompositorUpdate) -> None:
        x = y = 0
        for segment in update.__rich_console__(self.console, self.console.options):
            assert isinstance(segment, Segment)
            if segment.control:
                for code in segment.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = int(code[1]), int(code[2])
                continue
            if segment.text == "\n":
                x, y = 0, y + 1
                continue
            x = self._put(x, y, segment)

    def _put(self, x: int, y: int, segment: Segment) -> int:
        style = str(segment.style.clear_meta_and_links()) if segment.style else ""
        for char in segment.text:
            width = cell_len(char)
            if 0 <= y < HEIGHT and 0 <= x < WIDTH:
                self.cells[y][x] = (char, style)
                if width == 2 and x + 1 < WIDTH:
                    self.cells[y][x + 1] = ("", style)
                self.painted.add(y)
            x += width
        return x

    def take_painted(self) -> set[int]:
        painted, self.painted = self.painted, set()
        return painted


def whole_screen(app: CashierApp, console: Console) -> list[list[Cell]]:
    fresh = Terminal(console)
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in Strip(strip):
            x = fresh._put(x, y, segment)
    return fresh.cells


def record(app: CashierApp) -> Terminal:
    terminal = Terminal(Console(width=WIDTH, height=HEIGHT, color_system="standard", legacy_windows=False))
    display = app._display

    def recorded(screen, renderable):  # type: ignore[no-untyped-def]
        if isinstance(renderable, (ChopsUpdate, LayoutUpdate)):
            terminal.write(renderable)
        return display(screen, renderable)

    app._display = recorded  # type: ignore[method-assign]
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
    checked_new = checked_repeat = 0
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        terminal = record(app)
        await login(pilot)
        cart = Cart(app)
        await settle(pilot, lambda: cart_lines(app) == 0)
        assert terminal.cells == whole_screen(app, terminal.console)
        for code, lines in steps():
            before = cart_lines(app)
            cursor, chrome_before = cart.cursor(), cart.chrome_lines()
            terminal.take_painted()
            await scan(pilot, code)
            await settle(pilot, lambda lines=lines: cart_lines(app) == lines)
            assert terminal.cells == whole_screen(app, terminal.console), (code, lines)
            painted = terminal.take_painted()
            if code.endswith("*") or lines > VISIBLE_LINES:
                continue  # the next quantity shows in the totals; from line 18 on the table scrolls
            touched = cart.cursor()
            allowed = {cart.row_line(cursor), cart.row_line(touched)} | chrome_before | cart.chrome_lines()
            assert painted <= allowed, (code, sorted(painted - allowed))
            assert cart.row_line(touched) in painted
            if lines > before:
                checked_new += 1
            else:
                checked_repeat += 1
        screen = app.screen
        await pilot.press("up", "up", "f4")  # a line removed: every line below it moves up
        await settle(pilot, lambda: cart_lines(app) == len(list(demo_products(24))) - 1)
        assert terminal.cells == whole_screen(app, terminal.console)
        assert screen is app.screen
    assert checked_new == VISIBLE_LINES and checked_repeat == 4

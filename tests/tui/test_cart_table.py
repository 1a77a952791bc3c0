"""The cart's table paints what a plain DataTable paints, and renders only the line a scan touched."""

from __future__ import annotations

import re

import pytest
from textual.app import App, ComposeResult
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.widgets import DataTable

from tui.widgets.cart_table import CartTable

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)

WIDTHS = (3, 30, 8, 5, 8, 9)


def cells(number: int, quantity: int = 1) -> tuple[str, ...]:
    price = 10 + number * 7
    return (str(number + 1), f"商品 {number}", "一般", str(quantity), f"{price:,}", f"{price * quantity:,}")


class TableApp(App[None]):
    def __init__(self, table: DataTable[str]) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        yield self.table

    def on_mount(self) -> None:
        self.table.can_focus = False  # as in the cart: the scan field keeps the keyboard
        for number, width in enumerate(WIDTHS):
            self.table.add_column(f"c{number}", width=width, key=f"c{number}")


def table_app(table: DataTable[str], css: str = "") -> TableApp:
    app_class: type[TableApp] = type("TableApp", (TableApp,), {"CSS": css})
    return app_class(table)


def plain_show_line(table: DataTable[str], index: int, values: tuple[str, ...]) -> None:
    """What the cart did with a stock DataTable: the reference picture."""
    if index < table.row_count:
        for column, value in enumerate(values):
            table.update_cell_at(Coordinate(index, column), value)
    else:
        table.add_row(*values)
    table.move_cursor(row=index, animate=False)


def show(table: DataTable[str], index: int, values: tuple[str, ...]) -> None:
    if isinstance(table, CartTable):
        table.show_line(index, values)
    else:
        plain_show_line(table, index, values)


KINDS: tuple[type[DataTable[str]], ...] = (DataTable, CartTable)


def new_table(kind: type[DataTable[str]]) -> DataTable[str]:
    return kind(cursor_type="row", zebra_stripes=False, show_cursor=True)


def screen_text(app: App[None]) -> str:
    return re.sub(r"terminal-\d+", "terminal", app.export_screenshot())


def count_rendered_rows(table: DataTable[str]) -> list[int]:
    """The rows whose cells the table builds anew (a cache miss), in order."""
    built: list[int] = []
    compute = table._compute_row_renderables

    def counted(row_index: int):  # type: ignore[no-untyped-def]
        built.append(row_index)
        return compute(row_index)

    table._compute_row_renderables = counted  # type: ignore[method-assign]
    return built


# New lines past the visible 22 (it scrolls), repeats of a visible, an off-screen and the last line.
SCRIPT: list[tuple[int, int]] = [(n, 1) for n in range(14)] + [(3, 2), (13, 2)] + [(n, 1) for n in range(14, 26)] \
    + [(2, 3), (25, 2), (20, 4)]


@pytest.mark.parametrize("css", ["", "DataTable { height: auto; max-height: 18; }"], ids=["fill", "auto_height"])
async def test_the_cart_table_paints_exactly_what_a_plain_data_table_paints(css: str) -> None:
    pictures = []
    for kind in KINDS:
        table = new_table(kind)
        app = table_app(table, css)
        frames = []
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for number, quantity in SCRIPT:
                show(table, number, cells(number, quantity))
                await pilot.pause()
                frames.append(screen_text(app))
        pictures.append(frames)
    plain, cart = pictures
    assert len(cart) == len(SCRIPT)
    for step, (expected, actual) in enumerate(zip(plain, cart, strict=True)):
        assert actual == expected, f"screen differs after step {step}: {SCRIPT[step]}"


async def test_a_new_line_builds_only_its_own_row() -> None:
    built_per_kind = {}
    for kind in KINDS:
        table = new_table(kind)
        app = table_app(table)
        async with app.run_test(size=(80, 24)) as pilot:
            for number in range(12):
                show(table, number, cells(number))
            table.move_cursor(row=11)
            await pilot.pause()
            built = count_rendered_rows(table)
            show(table, 12, cells(12))
            await pilot.pause()
            built_per_kind[kind] = sorted(set(built))
    assert built_per_kind[CartTable] == [12]
    assert len(built_per_kind[DataTable]) >= 12  # the stock table rebuilds every visible row


async def test_a_repeat_scan_builds_and_repaints_only_its_own_row() -> None:
    table = CartTable(cursor_type="row", zebra_stripes=False, show_cursor=True)
    app = table_app(table)
    async with app.run_test(size=(80, 24)) as pilot:
        for number in range(12):
            table.show_line(number, cells(number))
        await pilot.pause()
        built = count_rendered_rows(table)
        repainted: list[int] = []
        refresh_row = table.refresh_row

        def recorded(row_index: int) -> CartTable:
            repainted.append(row_index)
            return refresh_row(row_index)

        refresh = table.refresh

        def partial_only(*regions: Region, **options: bool) -> CartTable:
            assert regions, "the whole table was refreshed"
            return refresh(*regions, **options)

        table.refresh = partial_only  # type: ignore[method-assign]
        table.refresh_row = recorded  # type: ignore[method-assign]
        table.show_line(3, cells(3, quantity=2))
        await pilot.pause()
        table.refresh = refresh  # type: ignore[method-assign]  # the app's teardown repaints it all
    assert sorted(set(built)) == [3]
    assert sorted(set(repainted)) == [3, 11]  # the line, and the line the cursor left


async def test_a_table_growing_by_a_line_leaves_no_second_whole_repaint_behind() -> None:
    leftovers = {}
    for kind in KINDS:
        table = new_table(kind)
        app = table_app(table, "DataTable { height: auto; max-height: 18; }")
        async with app.run_test(size=(80, 24)) as pilot:
            for number in range(5):
                show(table, number, cells(number))
                await pilot.pause()
            leftovers[kind] = set(table._repaint_regions)
    assert leftovers[CartTable] == set()
    assert leftovers[DataTable]  # the stock table's layout leaves its whole region to paint again

"""The cart's line table: a scan builds and paints the line it touched, not every visible line.

Textual's DataTable keys all of its render caches on one counter that every `add_row`, `update_cell` and
resize bumps, its rendered lines also on where the cursor is, and `update_cell` refreshes the whole
widget. At a cashier's pace that is a full re-render of every visible line on every scan (~100 cells at
80x24), which was most of a scan's time. The cart only ever appends lines at the bottom or rewrites one
line in place, with fixed column widths and one-line rows, so neither touches what any other line looks
like: this table keeps the other lines' cached renders, and a rewritten line repaints only its own row.
A new line paints only itself and the line the cursor left: the virtual size it adds is a layout, not a
repaint (DataTable's layout reactive repaints the whole widget), and the compact display's table, one
line taller, keeps its lines (with tui/widgets/growth_compositor.py, which paints only the line gained).
Past the visible lines the table scrolls, and a scroll repaints the visible lines, from the caches; the
terminal moves the rows it already shows instead (tui/scroll_region.py), so only the new line is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar, Self

from rich.style import Style
from textual import events
from textual._types import SegmentLines
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

OFF_ROWS = Coordinate(-2, 0)


class CartTable(DataTable[str]):
    PAINTS_OWN_GROWTH: ClassVar[bool] = True  # see tui/widgets/growth_compositor.py
    _painted_width = 0  # the width the cached renders were made for
    _sized_from: Size | None = None  # the virtual size before the dimensions being updated now
    _height_only = False  # a layout is changing only the table's height

    def show_line(self, index: int, values: Sequence[str]) -> None:
        """Line `index` with these cells (a new line when `index` is the row count), the cursor on it."""
        if index < self.row_count:
            self._replace_row(index, values)
        else:
            self._append_row(values)
        self.move_cursor(row=index, animate=False)

    def _replace_row(self, index: int, values: Sequence[str]) -> None:
        row_key = self._row_locations.get_key(index)
        assert row_key is not None, "show_line replaces only rows that exist"
        cells = self._data[row_key]
        for column, value in zip(self.ordered_columns, values, strict=True):
            cells[column.key] = value
        self._forget_row(row_key, index)
        self.refresh_row(index)

    def _forget_row(self, row_key: RowKey, index: int) -> None:
        """Drop this row's cached renders only: the widths are fixed, so no other line changes."""
        region = self._get_row_region(index)
        lines = range(region.y, region.bottom)
        _discard(self._cell_render_cache, lambda key: key[0] == row_key)
        _discard(self._row_render_cache, lambda key: key[0] == row_key)
        _discard(self._row_renderable_cache, lambda key: key[1] == index)
        _discard(self._line_cache, lambda key: key[0] in lines)

    def _append_row(self, values: Sequence[str]) -> RowKey:
        unchanged = self._update_count
        key = self.add_row(*values)
        # A line appended below the others changes none of their cells: keep their cached renders (the
        # counter is in every cache key) and drop only the caches that depend on the row count.
        self._update_count = unchanged
        self._offset_cache.clear()
        self._ordered_row_cache.clear()
        return key

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        new_rows = list(new_rows)
        self._sized_from = self.virtual_size
        try:
            super()._update_dimensions(new_rows)
        finally:
            self._sized_from = None
        for row_key in new_rows:
            if (index := self._row_locations.get(row_key)) is not None:
                self.refresh_row(index)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        # The virtual size is a layout reactive: DataTable growing by appended lines repaints all of itself.
        # Those lines are at the bottom and refresh themselves (above); the other lines did not change.
        before = self._sized_from
        if (before is not None and not regions and layout and self.virtual_size.width == before.width
                and self.virtual_size.height > before.height):
            repaint = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _render_line_in_row(self, row_key: RowKey, line_no: int, base_style: Style, cursor_location: Coordinate,
                            hover_location: Coordinate) -> tuple[SegmentLines, SegmentLines]:
        # With a row cursor a line looks different only when the cursor (or the mouse) comes onto it or
        # leaves it, but DataTable keys its rendered lines on where the cursor is: every cursor move, which
        # is every scan, rebuilt every visible line (all 17 when the table scrolls). Keyed on whether the
        # cursor is on this line instead, the lines it did not touch come from the cache.
        if self.cursor_type == "row":
            row_index = self._row_locations.get(row_key)
            if row_index is None:
                row_index = -1  # the header's, as DataTable numbers it
            cursor_location = _on_row(cursor_location, row_index)
            hover_location = _on_row(hover_location, row_index)
        return super()._render_line_in_row(row_key, line_no, base_style, cursor_location, hover_location)

    def _on_resize(self, event: events.Resize) -> None:
        # DataTable forgets every cached render on any resize. The cells do not depend on the table's
        # height, and the compact display's table grows by a line with every new cart line: only a new
        # width starts the caches afresh.
        event.prevent_default()
        if event.size.width != self._painted_width:
            self._painted_width = event.size.width
            self._update_count += 1

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # A new size comes from a layout. A new width changes every line: the compositor repaints the table's
        # old and new regions for it, and the whole-widget repaint region ScrollView leaves behind as well
        # would be painted with the table's next change: the whole table sent a second time, so it is
        # dropped. A new height alone (the compact table growing with its lines) moves and changes no line:
        # the compositor paints the lines gained or lost, and the lines already rendered are kept.
        before = self._size
        pending = set(self._repaint_regions)
        self._height_only = size.width == before.width and not self.styles.gutter
        try:
            resized = super()._size_updated(size, virtual_size, container_size, layout)
        finally:
            self._height_only = False
        if size != before:
            self._repaint_regions.intersection_update(pending)
        return resized

    def _set_dirty(self, *regions: Region) -> None:
        if self._height_only and not regions:
            return  # see _size_updated
        super()._set_dirty(*regions)

def _on_row(location: Coordinate, row_index: int) -> Coordinate:
    """The location if it is on this row, else one on no row (the header's is -1, the lines' 0 up)."""
    return location if location.row == row_index else OFF_ROWS


def _discard(cache: LRUCache[Any, Any], stale: Callable[[Any], bool]) -> None:
    keys = cache.keys()
    for key in [key for key in keys if stale(key)]:
        cache.discard(key)

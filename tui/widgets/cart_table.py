"""The cart's line table: a scan builds the cells of the line it touched, not of every visible line.

Textual's DataTable keys all of its render caches on one counter that every `add_row`, `update_cell` and
resize bumps, and `update_cell` refreshes the whole widget. At a cashier's pace that is a full re-render
of every visible line on every scan (~100 cells at 80x24), which is most of a scan's time. The cart only
ever appends lines at the bottom or rewrites one line in place, with fixed column widths and one-line
rows, so neither touches what any other line looks like: this table keeps the other lines' cached cells,
and a rewritten line repaints only its own row. A new line still repaints the visible table (its virtual
size, or in the compact display its height, changes, and Textual's compositor then repaints the whole
widget), but from the caches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


class CartTable(DataTable[str]):
    _painted_width = 0  # the width the cached renders were made for

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

    def _on_resize(self, event: events.Resize) -> None:
        # DataTable forgets every cached render on any resize. The cells do not depend on the table's
        # height, and the compact display's table grows by a line with every new cart line: only a new
        # width starts the caches afresh.
        event.prevent_default()
        if event.size.width != self._painted_width:
            self._painted_width = event.size.width
            self._update_count += 1

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # A new size comes from a layout, and the compositor repaints the table's old and new regions for
        # it already. The whole-widget repaint region ScrollView leaves behind as well would be painted
        # with the table's next change (a repeat scan, a cursor move): the whole table sent a second time.
        before = self._size
        pending = set(self._repaint_regions)
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if size != before:
            self._repaint_regions.intersection_update(pending)
        return resized


def _discard(cache: LRUCache[Any, Any], stale: Callable[[Any], bool]) -> None:
    keys = cache.keys()
    for key in [key for key in keys if stale(key)]:
        cache.discard(key)

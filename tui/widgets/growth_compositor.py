"""A compositor that lets a widget growing or shrinking at its bottom repaint only the lines it gained or lost.

Textual's compositor repaints the whole of every widget whose geometry changed in a layout: for a table
one line taller (the compact cart's table grows with its lines) that is every visible line, sent to the
terminal again although none of them moved. A widget that says `PAINTS_OWN_GROWTH` promises to refresh
the lines whose content it changes itself, and that a change of height alone (same place, same width)
changes nothing on its remaining lines; for it, only the strip between its old and new bottom edge is
marked dirty. Any other change of its geometry, and every other widget, is handled as Textual does.
"""

from __future__ import annotations

from textual._compositor import Compositor, ReflowResult
from textual.geometry import Region, Size
from textual.map_geometry import MapGeometry
from textual.widget import Widget


class GrowthCompositor(Compositor):
    def reflow(self, parent: Widget, size: Size) -> ReflowResult:
        dirty_before = set(self._dirty_regions)
        old_map = self._full_map
        result = super().reflow(parent, size)
        if size.region in self._dirty_regions:
            return result  # a full repaint already
        new_map = self._full_map
        dirty = dirty_before
        for widget, geometry in old_map.items() ^ new_map.items():
            strip = _height_change(old_map.get(widget), new_map.get(widget)) \
                if getattr(widget, "PAINTS_OWN_GROWTH", False) else None
            if strip is not None:
                dirty.add(strip)
            elif region := geometry.clip.intersection(geometry.region):
                dirty.add(region)
        self._dirty_regions.clear()
        self._dirty_regions.update(region for region in dirty if region)
        return result


def _height_change(old: MapGeometry | None, new: MapGeometry | None) -> Region | None:
    """The lines between the old and the new bottom edge, if only the height changed; else None."""
    if old is None or new is None:
        return None
    before, after = old.region, new.region
    if (before.offset != after.offset or before.width != after.width or old.clip != new.clip
            or old.order != new.order or old.container_size.width != new.container_size.width
            or old.dock_gutter != new.dock_gutter):
        return None
    top, bottom = sorted((before.bottom, after.bottom))
    clip = new.clip if after.bottom > before.bottom else old.clip
    return clip.intersection(Region(after.x, top, after.width, bottom - top))

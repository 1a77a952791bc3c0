"""A radio button whose state reads without colour: "(*)" chosen, "( )" not. Textual's own button draws
the same "▐●▌" either way and tells them apart by colour only, which a 16-colour or monochrome console
(or a poor SSH link) loses. Plain ASCII, so the Linux console font has every glyph."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import RadioButton

MARK_ON = "(*)"
MARK_OFF = "( )"


class Choice(RadioButton):
    @property
    def _button(self) -> Content:
        mark = MARK_ON if self.value else MARK_OFF
        return Content.assemble(mark[0], (mark[1], self.get_visual_style("toggle--button")), mark[2])

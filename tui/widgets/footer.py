"""The footer, with each binding's description taken from the catalog (bindings carry catalog keys)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.i18n.texts import ScreenText

# What the footer shows: each key with its description and whether it is enabled.
Keys = tuple[tuple[str, str, bool], ...]


class CashierFooter(Footer):
    def __init__(self) -> None:
        super().__init__(show_command_palette=False, compact=True)
        # Textual's footer composes empty and fills in once the screen first announces its bindings, a
        # frame later: the line painted twice on every change of screens. The screen's bindings are
        # there when the footer composes, so it shows its keys at once.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: Keys | None = None

    def compose(self) -> ComposeResult:
        t = self.app.t  # type: ignore[attr-defined]
        self._shown = self._keys(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.description.startswith("key."):
                widget.description = t(ScreenText.of(widget.description))
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # The screen announces its bindings when it resumes and whenever focus moves, mostly with the keys
        # already shown: rebuilding then would paint the same line again.
        if self._keys(screen) != self._shown:
            super().bindings_changed(screen)

    @staticmethod
    def _keys(screen: Screen[Any]) -> Keys:
        return tuple((binding.key, binding.description, enabled)
                     for _, binding, enabled, _ in screen.active_bindings.values() if binding.show)

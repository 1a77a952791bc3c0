"""The footer, with each binding's description taken from the catalog (bindings carry catalog keys)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.i18n.texts import ScreenText


class CashierFooter(Footer):
    def __init__(self) -> None:
        super().__init__(show_command_palette=False, compact=True)

    def compose(self) -> ComposeResult:
        t = self.app.t  # type: ignore[attr-defined]
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.description.startswith("key."):
                widget.description = t(ScreenText.of(widget.description))
            yield widget

"""F1: every key, in the cashier's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from tui.screens.base import CashierModal


class HelpScreen(CashierModal):
    BINDINGS = [Binding("escape,f1,enter", "cancel", "key.back")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box") as box:
            box.border_title = self.t("help.title")
            box.border_subtitle = self.keys_text()
            yield Static(self.t("help.support" if self.cashier.read_only else "help.body"), id="help-body")
            if self.cashier.demo is not None:
                yield Static(self.t("help.demo"), id="help-demo")

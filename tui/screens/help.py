"""F1: every key, in the cashier's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from tui.i18n.texts import ScreenText
from tui.screens.base import CashierModal


class HelpScreen(CashierModal):
    BINDINGS = [Binding("escape,f1,enter", "cancel", ScreenText.KEY_BACK)]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box") as box:
            box.border_title = self.t(ScreenText.HELP_TITLE)
            box.border_subtitle = self.keys_text()
            yield Static(self.t(ScreenText.HELP_SUPPORT if self.cashier.read_only else ScreenText.HELP_BODY),
                         id="help-body")
            if self.cashier.demo is not None:
                yield Static(self.t(ScreenText.HELP_DEMO), id="help-demo")

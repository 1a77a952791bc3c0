"""A manager's own PIN allows one thing: a modal that asks for it and hands it to the Station.

`allow(pin)` is the Station call that checks the PIN and does (or records) the thing, e.g.
`lambda pin: station.unlock(staff_id, manager_pin=pin)`. It runs on a worker thread (scrypt is slow);
a refusal is shown in the box and the PIN field is cleared for another try, and the screen is dismissed
with what `allow` returned once it succeeds. The screen never judges a PIN itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from core.errors import CashierError
from tui.i18n.texts import ScreenText
from tui.screens.base import CashierModal
from tui.widgets.panel import Message
from tui.widgets.scan_input import MaskedInput


class ManagerPinScreen(CashierModal):
    AUTO_FOCUS = "#manager-pin"
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", ScreenText.KEY_CANCEL),
        Binding("f10", "confirm", ScreenText.KEY_CONFIRM, priority=True),
    ]

    def __init__(self, title: str, explanation: str, allow: Callable[[str], Any]) -> None:
        super().__init__()
        self.title_text = title
        self.explanation = explanation
        self.allow = allow

    def compose(self) -> ComposeResult:
        with Vertical(id="manager-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = self.keys_text()
            yield Label(self.explanation, id="manager-why")
            yield Label(self.t(ScreenText.MANAGER_PIN))
            yield MaskedInput(id="manager-pin", password=True, restrict=r"[0-9]*", max_length=12, compact=True)
            yield Message(id="manager-message")

    def on_mount(self) -> None:
        self.query_one("#manager-pin", Input).cursor_blink = False

    @on(Input.Submitted, "#manager-pin")
    def action_confirm(self) -> None:
        field = self.query_one("#manager-pin", Input)
        pin, field.value = field.value, ""
        if not pin:
            self.query_one("#manager-message", Message).say(self.t(ScreenText.LOGIN_PIN_EMPTY), error=True)
            return
        self.check(pin)

    def check(self, pin: str) -> None:
        self.station_call(lambda: self.allow(pin), self.dismiss, group="manager-pin", exclusive=True)

    def refused(self, error: CashierError) -> None:
        self.query_one("#manager-message", Message).say(self.t.error(error), error=True)

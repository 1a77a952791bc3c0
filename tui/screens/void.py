"""Void (作廢) an order: a reason and a manager's own PIN; the void is audited with that manager.

On opening it asks the Station whether the order can be voided now at all (a void is only within the
invoice's period: after it, an allowance 折讓); if not, it says why and asks for no PIN."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from core.errors import CashierError
from core.messages import CheckoutCode
from tui.i18n.texts import ScreenText
from tui.screens.base import CashierModal
from tui.widgets.panel import Message
from tui.widgets.scan_input import FieldInput, MaskedInput


class VoidScreen(CashierModal):
    AUTO_FOCUS = "#void-reason"
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", ScreenText.KEY_CANCEL),
        Binding("f10", "confirm", ScreenText.KEY_VOID, priority=True),
    ]

    def __init__(self, order_id: str, order_no: str) -> None:
        super().__init__()
        self.order_id = order_id
        self.order_no = order_no
        self.refusal: CashierError | None = None  # why this order cannot be voided now, once checked

    def compose(self) -> ComposeResult:
        with Vertical(id="void-box") as box:
            box.border_title = self.t(ScreenText.VOID_TITLE, order_no=self.order_no)
            box.border_subtitle = self.keys_text()
            yield Label(self.t(ScreenText.VOID_REASON))
            yield FieldInput(id="void-reason", max_length=60, compact=True)
            yield Label(self.t(ScreenText.VOID_MANAGER_PIN))
            yield MaskedInput(id="void-pin", password=True, restrict=r"[0-9]*", max_length=12, compact=True)
            yield Message(id="void-message")

    def on_mount(self) -> None:
        for widget in self.query(Input):
            widget.cursor_blink = False
        self.check()

    def check(self) -> None:
        self.station_call(lambda: self.station.check_void(self.order_id), group="void-check", exclusive=True)

    def _refuse(self, error: CashierError) -> None:
        """Say why, and take the fields away: there is nothing a PIN could allow."""
        self.refusal = error
        for widget in self.query(Input):
            widget.disabled = True
        self.query_one("#void-message", Message).say(self.t.error(error), error=True)

    @on(Input.Submitted, "#void-reason")
    def reason_done(self) -> None:
        self.query_one("#void-pin", Input).focus()

    @on(Input.Submitted, "#void-pin")
    def action_confirm(self) -> None:
        staff = self.cashier.sale.staff
        if staff is None or self.refusal is not None:
            return
        pin_input = self.query_one("#void-pin", Input)
        pin, pin_input.value = pin_input.value, ""
        self.void(staff.id, pin, self.query_one("#void-reason", Input).value)

    def void(self, staff_id: str, pin: str, reason: str) -> None:
        self.station_call(lambda: self.station.void(self.order_id, staff_id=staff_id, manager_pin=pin, reason=reason),
                          self.dismiss, group="void", exclusive=True)

    def refused(self, error: CashierError) -> None:
        if error.code in (CheckoutCode.VOID_OTHER_PERIOD, CheckoutCode.VOID_ALREADY):
            self._refuse(error)
            return
        self.query_one("#void-message", Message).say(self.t.error(error), error=True)

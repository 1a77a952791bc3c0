"""A manager approves the second or later 補印 of one invoice with their own PIN (the pattern of the void
box). The print service checks the PIN and prints (core refuses without it); a wrong PIN prints nothing
and the box says so. Dismissed with the job id, or None when cancelled."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from core.errors import CashierError
from tui.messages import Loaded, WorkFailed
from tui.screens.base import CashierModal
from tui.widgets.panel import Message
from tui.widgets.scan_input import MaskedInput


class ReprintApprovalScreen(CashierModal):
    AUTO_FOCUS = "#reprint-pin"
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "key.back"),
        Binding("f10", "confirm", "key.reprint", priority=True),
    ]

    def __init__(self, order_id: str, number: str, reprints: int) -> None:
        super().__init__()
        self.order_id = order_id
        self.number = number
        self.reprints = reprints

    def compose(self) -> ComposeResult:
        with Vertical(id="reprint-box") as box:
            box.border_title = self.t("reprint.title", number=self.number)
            yield Label(self.t("reprint.why", reprints=self.reprints))
            yield Label(self.t("void.manager_pin"))
            yield MaskedInput(id="reprint-pin", password=True, restrict=r"[0-9]*", max_length=12, compact=True)
            yield Message(id="reprint-message")

    def on_mount(self) -> None:
        self.query_one("#reprint-pin", Input).cursor_blink = False

    @on(Input.Submitted, "#reprint-pin")
    def action_confirm(self) -> None:
        staff = self.cashier.sale.staff
        if staff is None:
            return
        pin_input = self.query_one("#reprint-pin", Input)
        pin, pin_input.value = pin_input.value, ""
        self.reprint(staff.id, pin)

    @work(thread=True, group="reprint", exclusive=True, exit_on_error=False)
    def reprint(self, staff_id: str, pin: str) -> None:
        printing = self.cashier.printing
        if printing is None:
            self.post_message(WorkFailed(CashierError("printer.not_configured")))
            return
        try:
            job = printing.print_owed(self.order_id, staff_id, manager_pin=pin)
        except CashierError as error:
            self.post_message(WorkFailed(error))
            return
        self.post_message(Loaded("reprinted", job))

    def on_loaded(self, message: Loaded) -> None:
        self.dismiss(message.value)

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#reprint-message", Message).say(self.t.error(message.error), error=True)

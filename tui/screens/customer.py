"""Customer login: a member by mobile number or scanned member code, or a guest. Lookups use the
local cache (works offline); a number the cache does not know is kept and HQ links it at upload."""

from __future__ import annotations

import re

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from core.errors import CashierError, ValidationError
from tui.messages import Loaded, WorkFailed
from tui.screens.base import CashierModal
from tui.widgets.panel import Message
from tui.widgets.scan_input import ScanInput

MOBILE = re.compile(r"09\d{8}")


class CustomerScreen(CashierModal):
    AUTO_FOCUS = "#member"
    BINDINGS = [  # noqa: RUF012
        Binding("escape,f2", "guest", "key.guest"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="customer-box") as box:
            box.border_title = self.t("customer.title")
            yield Label(self.t("customer.prompt"))
            yield ScanInput(id="member")
            yield Message(id="customer-message")
            if self.cashier.status.online is False:
                yield Label(self.t("customer.offline_cache"), classes="hint")

    def action_guest(self) -> None:
        self.cashier.sale.clear_customer()
        self.cashier.status_changed()
        self.dismiss(None)

    @on(ScanInput.Scanned, "#member")
    def entered(self, message: ScanInput.Scanned) -> None:
        self.lookup(message.code)

    @work(thread=True, group="customer", exclusive=True, exit_on_error=False)
    def lookup(self, key: str) -> None:
        try:
            member = self.station.find_member(key)
        except CashierError as error:
            self.post_message(WorkFailed(error))
            return
        self.post_message(Loaded("member", (key, member)))

    def on_loaded(self, message: Loaded) -> None:
        key, member = message.value
        sale = self.cashier.sale
        sale.clear_customer()
        if member is not None:
            sale.member = member
            self.notify(self.t("customer.found", name=member.name, phone=member.phone or member.member_code or ""))
        elif MOBILE.fullmatch(key):
            sale.phone = key
            self.notify(self.t("customer.unknown_phone", phone=key))
        else:
            self.query_one("#customer-message", Message).say(
                self.t.error(ValidationError("customer.phone_invalid", value=key)), error=True)
            return
        self.cashier.status_changed()
        self.dismiss(None)

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#customer-message", Message).say(self.t.error(message.error), error=True)

"""Customer login: a member by mobile number or scanned member code, or a guest. Lookups read the
local cache first (works offline); a key it does not know is asked of HQ while online (briefly, the
screen says so), and a number nobody could answer for is kept and HQ links it at upload."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label
from textual.worker import get_current_worker

from core.errors import CashierError
from core.members import MemberLookup
from tui.i18n.texts import ScreenText
from tui.screens.base import CashierModal
from tui.widgets.panel import Message
from tui.widgets.scan_input import ScanInput


class CustomerScreen(CashierModal):
    AUTO_FOCUS = "#member"
    BINDINGS = [  # noqa: RUF012
        Binding("escape,f2", "guest", ScreenText.KEY_GUEST),
    ]

    hq_asked = False  # HQ was asked during this visit (the "asking HQ" line was shown)
    result: MemberLookup | None = None  # the last answer, with its source (本機 / 總部)

    def compose(self) -> ComposeResult:
        with Vertical(id="customer-box") as box:
            box.border_title = self.t(ScreenText.CUSTOMER_TITLE)
            box.border_subtitle = self.keys_text()
            yield Label(self.t(ScreenText.CUSTOMER_PROMPT))
            yield ScanInput(id="member")
            yield Message(id="customer-message")
            example = getattr(self.cashier.demo, "member_example", None)
            if example is not None:  # `cashier demo`: which member to try
                yield Label(self.t(ScreenText.CUSTOMER_DEMO_HINT, phone=example[0], code=example[1]), classes="hint")
            if self.cashier.status.online is False:
                yield Label(self.t(ScreenText.CUSTOMER_OFFLINE_CACHE), classes="hint")

    def action_guest(self) -> None:
        self.cashier.sale.clear_customer()
        self.cashier.status_changed()
        self.dismiss(None)

    @on(ScanInput.Scanned, "#member")
    def entered(self, message: ScanInput.Scanned) -> None:
        self.lookup(message.code)

    def lookup(self, text: str) -> None:
        """Off the UI loop: the local cache, then (online, not cached) HQ for at most 1.5 s. A newer entry
        supersedes this one: what it finds is dropped."""

        def ask() -> MemberLookup:
            worker = get_current_worker()

            def asking() -> None:
                if not worker.is_cancelled:
                    self.later(self._asking_hq)

            return self.station.lookup_member(text, asking=asking)

        self.station_call(ask, self.found, group="customer", exclusive=True, current_only=True)

    def _asking_hq(self) -> None:
        self.hq_asked = True
        self.query_one("#customer-message", Message).say(self.t(ScreenText.CUSTOMER_ASKING_HQ))

    def found(self, result: MemberLookup) -> None:
        self.result = result
        sale = self.cashier.sale
        member = result.member
        if member is not None:
            sale.clear_customer()
            sale.member = member
            source = self.t(ScreenText.of(f"customer.source.{result.source}"))
            self.notify(self.t(ScreenText.CUSTOMER_FOUND, name=member.name,
                               phone=member.phone or member.member_code or "",
                               source=source))
        elif result.keep_phone is not None:
            sale.clear_customer()
            sale.phone = result.keep_phone
            self.notify(self.t(ScreenText.CUSTOMER_UNKNOWN_PHONE_HQ if result.hq_reached
                               else ScreenText.CUSTOMER_UNKNOWN_PHONE,
                               phone=result.keep_phone))
        else:  # a member code nobody knows: say so and stay
            key = ScreenText.CUSTOMER_UNKNOWN_CODE_HQ if result.hq_reached else ScreenText.CUSTOMER_UNKNOWN_CODE
            self.query_one("#customer-message", Message).say(self.t(key, code=result.key.value), error=True)
            return
        self.cashier.status_changed()
        self.dismiss(None)

    def refused(self, error: CashierError) -> None:
        self.query_one("#customer-message", Message).say(self.t.error(error), error=True)

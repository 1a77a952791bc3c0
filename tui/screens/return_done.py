"""After a return: what the Station did (the allowance's number and amount, or the invoice voided and the
new one for the kept lines) and, in large digits, the money to hand back. F10, Enter or Esc: back to the
order — by way of the receipt screen when a new invoice was issued, so it prints as a sale's does."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Digits, Static

from core.einvoice.numbers import format_invoice_number
from tui import navigation
from tui.i18n.texts import ScreenText
from tui.returns import ReturnOutcome
from tui.screens.base import CashierScreen


class ReturnDoneScreen(CashierScreen):
    BINDINGS = [  # noqa: RUF012
        Binding("f10,enter", "done", ScreenText.KEY_DONE, priority=True),
        Binding("escape", "done", show=False),  # the new invoice prints whichever key leaves
    ]

    def __init__(self, outcome: ReturnOutcome, order_no: str) -> None:
        super().__init__()
        self.outcome = outcome
        self.order_no = order_no

    def compose(self) -> ComposeResult:
        t, outcome = self.t, self.outcome
        with Vertical(id="return-done"):
            yield Static(Text(t(ScreenText.RETURN_DONE_TITLE, order_no=self.order_no), style="bold"),
                         id="return-done-title")
            yield Static(self._what_happened(), id="return-done-what")
            label = (ScreenText.RETURN_DONE_HAND_BACK if outcome.cash or not outcome.refund
                     else ScreenText.RETURN_DONE_NOT_CASH)
            yield Static(Text(t(label), style="bold"), id="return-done-label")
            if self.cashier.compact:  # ASCII only there: Digits draws with box glyphs a console font may lack
                yield Static(Text(t.money(outcome.refund), style="bold reverse"), id="return-done-amount")
            else:
                yield Digits(f"${outcome.refund}", id="return-done-amount")  # Digits draws no thousands comma
            yield Static(self._tenders(), id="return-done-tenders")
            if outcome.new_order_id:
                yield Static(Text(t(ScreenText.RETURN_DONE_PRINT_NEW), style="bold"), id="return-done-print")
        yield from self.chrome()

    def action_done(self) -> None:
        if self.outcome.new_order_id:
            self.app.switch_screen(navigation.receipt(order_id=self.outcome.new_order_id))
        else:
            self.app.pop_screen()

    def _what_happened(self) -> str:
        t, outcome = self.t, self.outcome
        if outcome.kind == "allowance":
            return t(ScreenText.RETURN_DONE_ALLOWANCE, number=outcome.allowance_number, amount=t.money(outcome.refund))
        if outcome.new_invoice_number:
            return t(ScreenText.RETURN_DONE_REISSUE, voided=format_invoice_number(outcome.voided_number),
                     new=format_invoice_number(outcome.new_invoice_number))
        return t(ScreenText.RETURN_DONE_VOIDED, voided=format_invoice_number(outcome.voided_number))

    def _tenders(self) -> str:
        t = self.t
        return t.glyph("　").join(t(ScreenText.RETURN_DONE_TENDER, kind=t.payment(kind), amount=t.money(amount))
                                  for kind, amount in self.outcome.refunds)

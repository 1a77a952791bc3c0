"""退貨: take goods back against a past order — which lines and how many, the reason, how the money goes
back (cash, or the card with its terminal's reference), and a manager's own PIN. The Station's return plan
says which way it goes: within the invoice's period the invoice is voided and the kept lines reissued
(the customer's printed original taken back first), after it an allowance (折讓) against the invoice. The
Station decides and writes; a refusal is shown here in the cashier's language with the keyboard on what
needs fixing, and nothing typed is lost.

The keyboard: the lines' table starts with it — ↑↓ pick a line, + and - or a typed number set its
quantity, A takes everything still returnable; Enter goes on to the reason, then (for a card) the
reference; F4 switches the refund between cash and card; F6 says the printed original is back; F10 asks
for the manager's PIN."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Static

from core.einvoice.numbers import format_invoice_number
from core.errors import CashierError
from core.messages import AllowanceCode, CheckoutCode
from core.payment_kind import PaymentKind
from tui import navigation
from tui.i18n.texts import ScreenText
from tui.messages import StatusRefresh
from tui.returns import REISSUE, ReturnDraft, ReturnOutcome, return_lines
from tui.screens.base import CashierScreen
from tui.widgets.panel import Message
from tui.widgets.scan_input import FieldInput

COLUMNS = ((ScreenText.RETURN_COL_NAME, 30), (ScreenText.RETURN_COL_SOLD, 5), (ScreenText.RETURN_COL_RETURNED, 5),
           (ScreenText.RETURN_COL_RETURNABLE, 5), (ScreenText.RETURN_COL_QTY, 5), (ScreenText.RETURN_COL_REFUND, 9))
TYPED_DIGITS = 3  # a quantity typed on a line: at most this many digits, the last ones win
# What the Station's refusals are about, so the keyboard goes where the cashier fixes it.
LINE_ERRORS = frozenset({AllowanceCode.MORE_THAN_SOLD, AllowanceCode.UNKNOWN_LINE, AllowanceCode.NO_LINES,
                         AllowanceCode.RETURN_MANUAL_PARTIAL})
# The plan changed: read it again.
WAY_ERRORS = frozenset({AllowanceCode.RETURN_PERIOD_OVER, AllowanceCode.RETURN_HAS_ALLOWANCES})
REASON_ERRORS = frozenset({AllowanceCode.REASON_REQUIRED, AllowanceCode.RETURN_REASON_REQUIRED})
REFUND_ERRORS = frozenset({AllowanceCode.REFUND_MISMATCH, AllowanceCode.REFUND_EXCEEDS_PAID,
                           AllowanceCode.RETURN_REFUND_MISMATCH})
FINAL_ERRORS = frozenset({AllowanceCode.ORIGINAL_VOIDED, AllowanceCode.MANUAL_INVOICE, AllowanceCode.RETURN_VOIDED,
                          CheckoutCode.ORDER_UNKNOWN})


class ReturnLines(DataTable[Any]):
    """The return's lines. Its keys run inline, in order with the keys around them, as FieldInput's do:
    Textual runs a widget's bindings after the keys queued behind them, so a fast "↓1" set the line above.
    The quantity keys are the screen's actions; ↑↓ are the table's own."""

    BINDINGS = [  # noqa: RUF012
        Binding("plus,equals_sign", "screen.step(1)", show=False),
        Binding("minus", "screen.step(-1)", show=False),
        Binding("a,A,asterisk", "screen.all", show=False),
        *(Binding(digit, f"screen.digit('{digit}')", show=False) for digit in "0123456789"),
    ]

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)


class ReturnScreen(CashierScreen):
    AUTO_FOCUS = "#return-lines"
    LIST_TABLE = "#return-lines"
    WRITE_ACTIONS = frozenset({"confirm", "tender", "original_back"})
    BINDINGS = [  # noqa: RUF012
        Binding("f4", "tender", ScreenText.KEY_TENDER),
        Binding("f6", "original_back", ScreenText.KEY_ORIGINAL_BACK),
        Binding("f10", "confirm", ScreenText.KEY_CONFIRM, priority=True),
        # Enter on the lines moves on to the reason as the app hands the key out, before the keys behind
        # it: they are the reason's. Named as the table's own Enter, which it stands in for.
        Binding("enter", "select_cursor", show=False, priority=True),
    ]
    LINE_ACTIONS: ClassVar[frozenset[str]] = frozenset({"step", "all", "digit"})

    def __init__(self, order_id: str) -> None:
        super().__init__()
        self.order_id = order_id
        self.detail: Any = None
        self.plan: Any = None  # the Station's ReturnPlan: which way, what was paid, a printed original
        self.draft: ReturnDraft | None = None
        self.original_back = False  # the cashier has the customer's printed original in hand
        self.tender = PaymentKind.CASH
        self.refusal: CashierError | None = None  # this order takes no return at all, once known
        self.typed = ""  # digits typed on one line so far
        self.typed_on = -1  # that line's position
        self.loads = 0  # times the lines were shown (tests wait on it)

    def compose(self) -> ComposeResult:
        yield Static(self.t(ScreenText.RETURN_LOADING), id="return-title")
        yield Static(id="return-way")
        yield ReturnLines(id="return-lines", cursor_type="row", zebra_stripes=False)
        yield Static(self.t(ScreenText.RETURN_HINT), id="return-hint")
        with Horizontal(classes="return-field"):
            yield Label(self.t(ScreenText.RETURN_REASON), classes="return-label")
            yield FieldInput(id="return-reason", max_length=60, compact=True)
        yield Static(id="return-tender")
        with Horizontal(classes="return-field", id="return-card"):
            yield Label(self.t(ScreenText.RETURN_REFERENCE), classes="return-label")
            yield FieldInput(id="return-reference", max_length=40, compact=True)
        yield Static(id="return-original")
        yield Static(id="return-total")
        yield Message(id="return-message")
        yield from self.chrome()

    def on_mount(self) -> None:
        table = self.query_one("#return-lines", DataTable)
        for key, width in COLUMNS:
            table.add_column(self.t(key), width=width)
        for field in self.query(Input):
            field.cursor_blink = False
        self._show_tender()
        self.load()

    # -- reading the order -----------------------------------------------------------------------
    def load(self) -> None:
        def read() -> tuple[Any, Any, Any]:
            detail = self.station.order(self.order_id)
            self.later(lambda: self._titled(detail))  # the order is named even when the plan refuses it
            return detail, self.station.allowances(self.order_id), self.station.return_plan(self.order_id)

        self.station_call(read, lambda answer: self.show(*answer), group="return-load", exclusive=True)

    def _titled(self, detail: Any) -> None:
        self.detail = detail
        invoice = detail.invoice
        self.query_one("#return-title", Static).update(Text(self.t(
            ScreenText.RETURN_TITLE, order_no=detail.order.order_no, number=format_invoice_number(invoice.number),
            date=invoice.issued_at.strftime("%Y-%m-%d")), style="bold"))

    def show(self, detail: Any, allowances: Any, plan: Any) -> None:
        self._titled(detail)
        self.plan = plan
        lines = return_lines(detail, allowances)
        draft = ReturnDraft(lines) if self.draft is None else self.draft.with_lines(lines)
        draft.kind, draft.paid = plan.kind, plan.paid_total
        self.draft = draft
        t = self.t
        self.query_one("#return-way", Static).update(t(ScreenText.of(f"return.way.{plan.kind}")))
        self._fill_table()
        self._show_original()
        self.loads += 1
        if plan.kind != REISSUE and detail.invoice.manual:
            self._refuse(CashierError(AllowanceCode.MANUAL_INVOICE, number=detail.invoice.number))
        elif draft.returnable == 0:
            self.say(t(ScreenText.RETURN_NOTHING_LEFT), error=True)
        self.refresh_bindings()

    def _asks_original(self) -> bool:
        return self.plan is not None and self.plan.kind == REISSUE and self.plan.printed_original

    def _show_original(self) -> None:
        shown = self.query_one("#return-original", Static)
        shown.display = self._asks_original()
        if self._asks_original() and self.detail is not None:
            number = format_invoice_number(self.detail.invoice.number)
            shown.update(Text(self.t(ScreenText.RETURN_ORIGINAL_BACK if self.original_back
                                     else ScreenText.RETURN_ORIGINAL_ASK,
                                     number=number, mark="[x]" if self.original_back else "[ ]"),
                              style="bold" if self.original_back else "bold yellow"))

    def action_original_back(self) -> None:
        self.original_back = not self.original_back
        self._show_original()
        if self.original_back:
            self.say("")

    def _fill_table(self) -> None:
        table = self.query_one("#return-lines", DataTable)
        row = table.cursor_row
        table.clear()
        draft = self.draft
        if draft is None:
            return
        for line in draft.lines:
            quantity = draft.quantity(line.position)
            table.add_row(line.name, str(line.sold), str(line.returned), str(line.returnable),
                          Text(str(quantity), style="bold" if quantity else ""),
                          f"{draft.line_refund(line):,}", key=str(line.position))
        if draft.lines:
            table.move_cursor(row=max(0, min(row, len(draft.lines) - 1)), animate=False)
        self.query_one("#return-total", Static).update(
            Text(self.t(ScreenText.RETURN_TOTAL, amount=self.t.money(draft.refund)), style="bold"))

    def _refuse(self, error: CashierError) -> None:
        """This order takes no return (voided, hand-written): say why and offer nothing to type."""
        self.refusal = error
        for field in self.query(Input):
            field.disabled = True
        self.say(self.t.error(error), error=True)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select_cursor":  # off the table Enter is the field's
            tables = self.query("#return-lines")  # none before the screen is composed
            return bool(tables) and self.focused is tables.first()
        if action in self.LINE_ACTIONS:
            return self.draft is not None
        if action in ("confirm", "tender", "original_back") and self.refusal is not None:
            return False
        if action == "original_back" and not self._asks_original():
            return False
        return super().check_action(action, parameters)

    # -- choosing lines and quantities -----------------------------------------------------------
    def action_select_cursor(self) -> None:
        self.typed = ""
        self.set_focus(self.query_one("#return-reason", Input))  # at once, not after the keys already queued

    def action_step(self, by: int) -> None:
        if self.refusal is None:
            self._step(by)

    def action_all(self) -> None:
        if self.refusal is None and self.draft is not None:
            self.draft.all()
            self.typed = ""
            self.say("")
            self._fill_table()

    def action_digit(self, digit: str) -> None:
        if self.refusal is None:
            self._typed(digit)

    def _line(self) -> Any:
        assert self.draft is not None
        index = self.highlighted(len(self.draft.lines))
        return None if index is None else self.draft.lines[index]

    def _step(self, by: int) -> None:
        line = self._line()
        self.typed = ""
        if line is None or self.draft is None:
            return
        if self.draft.step(line.position, by):
            self.say("")
        elif by > 0:
            self.say(self.t(ScreenText.RETURN_TOO_MANY, name=line.name, returnable=line.returnable), error=True)
        self._fill_table()

    def _typed(self, digit: str) -> None:
        line = self._line()
        if line is None or self.draft is None:
            return
        if self.typed_on != line.position:  # a number typed on another line ended when the cursor left it
            self.typed, self.typed_on = "", line.position
        self.typed = (self.typed + digit)[-TYPED_DIGITS:]
        if self.draft.set(line.position, int(self.typed)):
            self.say("")
        else:
            self.typed = ""
            self.say(self.t(ScreenText.RETURN_TOO_MANY, name=line.name, returnable=line.returnable), error=True)
        self._fill_table()

    @on(Input.Submitted, "#return-reason")
    def reason_done(self) -> None:
        if self.tender is PaymentKind.CARD:
            self.query_one("#return-reference", Input).focus()
        else:
            self.action_confirm()

    @on(Input.Submitted, "#return-reference")
    def reference_done(self) -> None:
        self.action_confirm()

    # -- the refund ------------------------------------------------------------------------------
    def action_tender(self) -> None:
        self.tender = PaymentKind.CARD if self.tender is PaymentKind.CASH else PaymentKind.CASH
        self._show_tender()
        if self.tender is PaymentKind.CARD:
            self.query_one("#return-reference", Input).focus()
        elif self.focused is self.query_one("#return-reference"):
            self.query_one("#return-reason", Input).focus()

    def _show_tender(self) -> None:
        card = self.tender is PaymentKind.CARD
        self.query_one("#return-tender", Static).update(
            self.t(ScreenText.RETURN_TENDER_CARD if card else ScreenText.RETURN_TENDER_CASH))
        self.query_one("#return-card").display = card

    # -- confirming ------------------------------------------------------------------------------
    def action_confirm(self) -> None:
        self.after_typing(self._confirm)

    def _confirm(self) -> None:
        draft, staff = self.draft, self.cashier.sale.staff
        if draft is None or staff is None or self.refusal is not None:
            return
        t = self.t
        if not draft.chosen:
            self._fix("#return-lines", t(ScreenText.RETURN_NONE_CHOSEN))
            return
        reissue = draft.kind == REISSUE
        reason = self.query_one("#return-reason", Input).value.strip()
        if not reason:
            self._fix("#return-reason", t.error(CashierError(
                AllowanceCode.RETURN_REASON_REQUIRED if reissue else AllowanceCode.REASON_REQUIRED)))
            return
        reference = self.query_one("#return-reference", Input).value.strip()
        if self.tender is PaymentKind.CARD and not reference:
            self._fix("#return-reference", t(ScreenText.RETURN_REFERENCE_NEEDED))
            return
        if self._asks_original() and not self.original_back:
            self.say(t(ScreenText.RETURN_ORIGINAL_NEEDED), error=True)
            return
        self.say("")
        voided_number = self.detail.invoice.number if self.detail is not None else ""
        chosen, refund, tender, staff_id = draft.chosen, draft.refund, self.tender, staff.id

        def allow(pin: str) -> ReturnOutcome | CashierError:
            """The return itself, once the PIN is typed. A wrong PIN stays in the PIN box for another try;
            any other refusal closes it and comes back here, where the cashier can change what is wrong."""
            from core.store.allowances import Refund

            refunds = None if tender is PaymentKind.CASH else [Refund(tender, refund, reference)]
            try:
                if reissue:
                    done = self.station.return_in_period(self.order_id, chosen, reason=reason, refunds=refunds,
                                                         staff_id=staff_id, manager_pin=pin)
                    return ReturnOutcome.of_reissue(done, voided_number)
                allowance = self.station.return_lines(self.order_id, chosen, reason=reason, refunds=refunds,
                                                      staff_id=staff_id, manager_pin=pin)
            except CashierError as error:
                if error.code.startswith("manager."):
                    raise
                return error
            return ReturnOutcome.of_allowance(allowance)

        why = t(ScreenText.RETURN_PIN_WHY, amount=t.money(refund), tender=t.payment(tender.value))
        self.app.push_screen(navigation.manager_pin(t(ScreenText.RETURN_PIN_TITLE), why, allow), self._answered)

    def _answered(self, answer: ReturnOutcome | CashierError | None) -> None:
        if answer is None:
            return  # Esc in the PIN box: everything chosen and typed is still here
        if isinstance(answer, CashierError):
            self.refused(answer)
            return
        self.post_message(StatusRefresh())
        order_no = self.detail.order.order_no if self.detail is not None else ""
        self.app.switch_screen(navigation.return_done(answer, order_no))

    def refused(self, error: CashierError) -> None:
        text = self.t.error(error)
        if error.code in FINAL_ERRORS:
            self._refuse(error)
        elif error.code in LINE_ERRORS or error.code in WAY_ERRORS:
            self._fix("#return-lines", text)
            self.load()  # another return took units, or the period ended, meanwhile: show how things are now
        elif error.code in REASON_ERRORS:
            self._fix("#return-reason", text)
        elif error.code in REFUND_ERRORS:
            self._fix("#return-reference" if self.tender is PaymentKind.CARD else "#return-lines", text)
        else:
            self.say(text, error=True)

    def _fix(self, where: str, text: str) -> None:
        self.say(text, error=True)
        self.query_one(where).focus()

    def say(self, text: str, *, error: bool = False) -> None:
        self.query_one("#return-message", Message).say(text, error=error)

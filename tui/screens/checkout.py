"""Checkout: cash (with change), card, or both (split); the invoice as printed paper, mobile carrier,
citizen certificate, donation, business buyer (B2B) or a hand-written invoice (自行開立).

Every field is checked as the cashier types, with core's own validators and messages; the sale is
written in a thread worker and only then does anything print.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from core.checkout import CartLine, CheckoutRequest, InvoiceRequest, PaymentKind, Tender, settle
from core.checkout.invoice_kinds import INVOICE_KINDS, MANUAL, MOBILE, BanField, InvoiceKind, kind_position
from core.einvoice import is_valid_mobile_carrier
from core.errors import CashierError, ValidationError
from core.messages import BackupCode, InvoiceCode
from tui.amounts import parse_amount
from tui.i18n.texts import ScreenText
from tui.messages import SaleCompleted
from tui.screens.base import CashierScreen
from tui.widgets.choice import Choice
from tui.widgets.panel import Message
from tui.widgets.scan_input import FieldInput

CARRIER = re.compile(r"/[0-9A-Z.+-]{7}")
MANUAL_WAY_OUT = (BackupCode.INVOICE_RESUME_PENDING, InvoiceCode.NO_NUMBERS)  # refusals the manual invoice gets past


class CheckoutScreen(CashierScreen):
    AUTO_FOCUS = "#cash"
    BINDINGS = [  # noqa: RUF012
        Binding("f10", "confirm", ScreenText.KEY_CONFIRM, priority=True),
        Binding("f9", "next_kind", ScreenText.KEY_KIND, priority=True),
        Binding("enter", "advance", show=False, priority=True),
    ]

    def __init__(self, lines: Sequence[CartLine]) -> None:
        super().__init__()
        self.lines = tuple(lines)
        self.total = sum(line.amount for line in self.lines)
        self.busy = False
        self._error_form: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t(ScreenText.CHECKOUT_TOTAL, total=t.money(self.total)), id="due")
        with Horizontal(id="checkout-body"):
            with Vertical(id="pay-box") as pay:
                pay.border_title = t(ScreenText.CHECKOUT_TITLE)
                yield Label(t(ScreenText.CHECKOUT_CASH))
                yield FieldInput(str(self.total), id="cash", max_length=20, compact=True)
                yield Label(t(ScreenText.CHECKOUT_CARD))
                yield FieldInput("", id="card", max_length=20, compact=True)
                yield Label(t(ScreenText.CHECKOUT_CARD_REF))
                yield FieldInput("", id="card-ref", max_length=20, compact=True)
                yield Static(id="change")
            with Vertical(id="invoice-box") as box:
                box.border_title = t(ScreenText.CHECKOUT_INVOICE)
                with RadioSet(id="kind", compact=True):
                    for index, kind in enumerate(INVOICE_KINDS):
                        yield Choice(t(ScreenText.of(kind.label_key)), value=index == 0, compact=True)
                yield Label("", id="code-label")
                yield FieldInput("", id="code", max_length=20, compact=True)
                yield Label("", id="ban-label")
                yield FieldInput("", id="ban", restrict=r"[0-9]*", max_length=8, compact=True)
        yield Message(id="checkout-message")
        yield from self.chrome()

    def on_mount(self) -> None:
        for widget in self.query(Input):
            widget.cursor_blink = False
        carrier = self.cashier.sale.carrier
        if carrier:
            self.set_kind(MOBILE.name)
            self.query_one("#code", Input).value = carrier
        self._show_fields()
        self._show_change()
        if self.cashier.status.online is False:
            self.query_one("#checkout-message", Message).say(self.t(ScreenText.CHECKOUT_OFFLINE))

    # -- the form ------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.invoice_kind.name

    @property
    def invoice_kind(self) -> InvoiceKind:
        index = self.query_one("#kind", RadioSet).pressed_index
        return INVOICE_KINDS[max(index, 0)]

    def set_kind(self, name: str) -> None:
        buttons = list(self.query_one("#kind", RadioSet).query(RadioButton))
        buttons[kind_position(name)].value = True

    def action_next_kind(self) -> None:
        self.set_kind(INVOICE_KINDS[(kind_position(self.kind) + 1) % len(INVOICE_KINDS)].name)

    @on(RadioSet.Changed, "#kind")
    def kind_changed(self) -> None:
        self._show_fields()
        self._clear_error()
        # The kind's own field takes the keyboard while it is empty, so what is typed next (a carrier, a
        # 統編) lands there; a field filled already (a carrier scanned earlier) leaves the keyboard where it
        # is, unless that field was just hidden: then back to the cash field.
        kind = self.invoice_kind
        target = "#code" if kind.code_prompt else "#ban" if kind.ban is not BanField.NONE else None
        field = self.query_one(target, Input) if target else None
        if field is not None and not field.value:
            field.focus()
        elif self.focused is None or not self.focused.display:
            self.query_one("#cash", Input).focus()

    def _form(self) -> tuple[object, ...]:
        return (self.kind, *(field.value for field in self.query(Input)))

    def _say_error(self, text: str) -> None:
        self._error_form = self._form()  # what the error is about
        self.query_one("#checkout-message", Message).say(text, error=True)

    def _clear_error(self) -> None:
        """An error said about the old input is no longer true once the input changes. Compared with the
        form as it was when the error was said: a Changed event that arrives late (a key typed just before
        F10) does not wipe the error about that very input."""
        message = self.query_one("#checkout-message", Message)
        if message.has_class("-error") and not self.busy and self._form() != self._error_form:
            message.say(self.t(ScreenText.CHECKOUT_OFFLINE) if self.cashier.status.online is False else "")

    def _show_fields(self) -> None:
        kind = self.invoice_kind
        code_label = self.query_one("#code-label", Label)
        code = self.query_one("#code", Input)
        code_label.display = code.display = kind.code_prompt is not None
        if kind.code_prompt is not None:
            code_label.update(self.t(ScreenText.of(kind.code_prompt)))
        ban_label = self.query_one("#ban-label", Label)
        ban = self.query_one("#ban", Input)
        ban_label.display = ban.display = kind.ban is not BanField.NONE
        ban_label.update(self.t(ScreenText.of(kind.ban_prompt)))

    @on(Input.Changed)
    def changed(self, event: Input.Changed) -> None:
        if event.input.id in ("cash", "card"):
            self._show_change()
        self._clear_error()

    def action_advance(self) -> None:
        """Enter: the field submits (after the characters typed before it: the Enter goes into the field's
        own queue) and the keyboard moves to the next field now, before the next key is handed out, so a
        burst like "1000<Enter>500" puts 500 in the card field."""
        field = self.focused
        if isinstance(field, Input):
            field.post_message(events.Key("enter", "\r"))
        self.focus_next()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "advance":  # only from a field: Enter on the invoice kinds picks one, as before
            return isinstance(self.focused, Input)
        return super().check_action(action, parameters)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        # A mobile carrier scanned into whichever field has the cursor: file it where it belongs.
        found = CARRIER.search(event.value.upper())
        if found and is_valid_mobile_carrier(found[0]):
            if event.input.id != "code":
                rest = event.input.value.upper().replace(found[0], "", 1).strip()
                event.input.value = rest if rest or event.input.id != "cash" else str(self.total)
            self.set_kind(MOBILE.name)
            self.query_one("#code", Input).value = found[0]
            self._show_fields()

    def tenders(self) -> list[Tender]:
        cash_text = self.query_one("#cash", Input).value
        card_text = self.query_one("#card", Input).value
        tenders = []
        if card_text.strip():
            card = parse_amount(card_text)
            if card:
                tenders.append(Tender(PaymentKind.CARD, card, self.query_one("#card-ref", Input).value.strip()))
        if cash_text.strip():
            cash = parse_amount(cash_text)
            if cash:
                tenders.append(Tender(PaymentKind.CASH, cash))
        return tenders

    def _show_change(self) -> None:
        change = self.query_one("#change", Static)
        try:
            tenders = self.tenders()
            paid = sum(tender.amount for tender in tenders)
            if paid < self.total:
                change.update(self.t(ScreenText.CHECKOUT_SHORT, missing=self.t.money(self.total - paid)))
                change.set_class(True, "-short")
                return
            settlement = settle(self.total, tenders)
        except ValidationError as error:
            change.update(self.t.error(error))
            change.set_class(True, "-short")
            return
        change.set_class(False, "-short")
        change.update(self.t(ScreenText.CHECKOUT_CHANGE, change=self.t.money(settlement.change)))

    def invoice_request(self) -> InvoiceRequest:
        return self.invoice_kind.request(self.query_one("#code", Input).value, self.query_one("#ban", Input).value)

    # -- the sale ------------------------------------------------------------------------------
    def action_confirm(self) -> None:
        self.after_typing(self._confirm)  # F10 right after typing: the amounts as typed

    def _confirm(self) -> None:
        if self.busy:
            return
        message = self.query_one("#checkout-message", Message)
        try:
            tenders = self.tenders()
            settle(self.total, tenders)
            invoice = self.invoice_request()
        except ValidationError as error:
            self._say_error(self.t.error(error))
            return
        sale = self.cashier.sale
        if sale.staff is None:
            return
        request = CheckoutRequest(
            lines=self.lines, tenders=tenders, invoice=invoice, staff_id=sale.staff.id,
            customer_id=sale.member.id if sale.member else None,
            customer_phone=sale.member.phone if sale.member else sale.phone,
            offline=self.cashier.status.online is False)
        self.busy = True
        message.say(self.t(ScreenText.CHECKOUT_WORKING))
        self.run_checkout(request)

    def run_checkout(self, request: CheckoutRequest) -> None:
        def sell() -> None:
            self.app.post_message(SaleCompleted(self.station.checkout(request)))

        self.station_call(sell, failed=self.checkout_refused, group="checkout")

    def checkout_refused(self, error: CashierError) -> None:
        self.busy = False
        if error.code in MANUAL_WAY_OUT and self.invoice_kind is not MANUAL:
            # No e-invoice number to be had: the form is ready for the hand-written one the message offers.
            self.set_kind(MANUAL.name)
            self._show_fields()
            self.query_one("#code", Input).focus()
        self._say_error(self.t.error(error))  # after the switch: the error is about this form
        self.refused(error)  # and, as on every screen, the notice

"""Edit one cart line: quantity, unit price and product type (一般價格 / 加價購 / 滿額贈).

For an item missing from the offline catalog this is where the cashier types the price; a price that
differs from the catalog's is allowed and recorded (HQ marks it 店長改價 on upload). A price below the
one the station knows for a listed item needs a manager's own PIN first (the Station checks it and
approves the line: core.checkout.approvals); a higher one does not."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, RadioSet

from core.checkout import CartLine, ProductType
from core.errors import CashierError, ValidationError
from tui import navigation
from tui.amounts import parse_amount
from tui.i18n.texts import ScreenText
from tui.screens.base import CashierModal
from tui.widgets.choice import Choice
from tui.widgets.panel import Message
from tui.widgets.scan_input import FieldInput

TYPES = (ProductType.REGULAR, ProductType.ADDON, ProductType.GIFT)
# A leading minus is let into the fields so that saving says "-5 is negative" instead of the field
# silently dropping the sign and reading 5.
SIGNED_DIGITS = r"-?[0-9]*"
SIGNED_AMOUNT = r"-?[0-9,]*"


class LineEditScreen(CashierModal):
    AUTO_FOCUS = "#line-price"
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", ScreenText.KEY_CANCEL),
        Binding("f10", "save", ScreenText.KEY_SAVE, priority=True),
    ]

    def __init__(self, line: CartLine, *, unlisted: bool) -> None:
        super().__init__()
        self.line = line
        self.unlisted = unlisted
        self.catalog_price: int | None = line.catalog_price

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="line-box") as box:
            box.border_title = t(ScreenText.LINE_TITLE, name=self.line.name)
            box.border_subtitle = self.keys_text()
            yield Label(t(ScreenText.LINE_QTY))
            yield FieldInput(str(self.line.quantity), id="line-qty", restrict=SIGNED_DIGITS, max_length=4, compact=True)
            yield Label(t(ScreenText.LINE_PRICE))
            price = "" if self.unlisted and self.line.unit_price == 0 else str(self.line.unit_price)
            yield FieldInput(price, id="line-price", restrict=SIGNED_AMOUNT, max_length=9, compact=True)
            yield Label(t(ScreenText.LINE_TYPE))
            with RadioSet(id="line-type", compact=True):
                for kind in TYPES:
                    yield Choice(t(ScreenText.of(f"type.{kind.value}")), value=kind is self.line.product_type,
                                 compact=True)
            yield Message(id="line-catalog")
            yield Message(id="line-message")

    def on_mount(self) -> None:
        for widget in self.query(Input):
            widget.cursor_blink = False
        self._show_catalog()

    def _kind(self) -> ProductType:
        index = self.query_one("#line-type", RadioSet).pressed_index
        return TYPES[index] if index >= 0 else self.line.product_type

    def _show_catalog(self) -> None:
        note = self.query_one("#line-catalog", Message)
        if self.unlisted:
            note.say(self.t(ScreenText.LINE_NO_CATALOG))
        elif self.catalog_price is not None:
            note.say(self.t(ScreenText.LINE_CATALOG_PRICE, price=self.t.money(self.catalog_price)))

    @on(RadioSet.Changed, "#line-type")
    def type_changed(self) -> None:
        if not self.unlisted:
            self.lookup(self.line.sku, self._kind())

    def lookup(self, sku: str, kind: ProductType) -> None:
        # Not in the catalog (or unreadable): the price field keeps what it has, nothing to say.
        self.station_call(lambda: self.station.scan(sku, 1, kind), self.catalog_read, failed=lambda _error: None,
                          group="line-edit", exclusive=True)

    def catalog_read(self, line: CartLine | None) -> None:
        if line is not None:
            self.catalog_price = line.catalog_price
            self.query_one("#line-price", Input).value = str(line.unit_price)
            self._show_catalog()

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.after_typing(self._save)  # F10 right after typing: the price as typed, not before the last keys

    def _save(self) -> None:
        try:
            quantity = parse_amount(self.query_one("#line-qty", Input).value or "0")
            price = parse_amount(self.query_one("#line-price", Input).value)
            line = replace(self.line, quantity=quantity, unit_price=price, product_type=self._kind(),
                           catalog_price=None if self.unlisted else self.catalog_price)
        except ValidationError as error:
            self.query_one("#line-message", Message).say(self.t.error(error), error=True)
            return
        if line.approval is not None and line.approval.covers(line):
            self.dismiss(line)  # the price a manager already allowed
            return
        self.check_floor(replace(line, approval=None))

    def check_floor(self, line: CartLine) -> None:
        self.station_call(lambda: self.station.price_floor(line), lambda floor: self.floor_checked(line, floor),
                          group="line-floor", exclusive=True)

    def floor_checked(self, line: CartLine, floor: int | None) -> None:
        if floor is None:
            self.dismiss(line)
            return
        staff = self.cashier.sale.staff
        staff_id = staff.id if staff is not None else ""

        def approved(result: CartLine | None) -> None:
            if result is not None:
                self.dismiss(result)

        self.app.push_screen(navigation.manager_pin(
            self.t(ScreenText.PRICE_APPROVE_TITLE, name=line.name),
            self.t(ScreenText.PRICE_APPROVE_WHY, price=self.t.money(line.unit_price), catalog=self.t.money(floor)),
            lambda pin: self.station.approve_price(line, staff_id=staff_id, manager_pin=pin)), approved)

    def refused(self, error: CashierError) -> None:
        self.query_one("#line-message", Message).say(self.t.error(error), error=True)

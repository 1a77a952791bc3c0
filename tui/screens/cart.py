"""The cart: scans add lines in scan order (a repeat scan adds to the line's quantity), 3* sets the
next quantity, F3 edits quantity / price / product type, F4 removes, F8 opens the cash drawer with a
manager's PIN, F9 opens the shift close (交班), F10 goes to checkout.

Scans are looked up in the catalog off the UI loop by one draining thread at a time, so lines arrive
in scan order however fast the scanner types, and the scan field never waits for the database.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from core.checkout import Cart, CartLine, ProductType
from core.einvoice import is_valid_mobile_carrier
from core.errors import CashierError, ValidationError
from core.messages import CheckoutCode
from tui import navigation
from tui.i18n.texts import ScreenText
from tui.messages import ScanResolved
from tui.screens.base import CashierScreen, RecordScreens
from tui.widgets.cart_table import CartTable
from tui.widgets.growth_compositor import GrowthCompositor
from tui.widgets.panel import Message
from tui.widgets.scan_input import ScanInput

if TYPE_CHECKING:
    from core.store.people import StaffMember

QUANTITY_PREFIX = re.compile(r"(\d{1,4})\*(.*)")
COLUMNS = ((ScreenText.CART_COL_NO, 3), (ScreenText.CART_COL_NAME, 30), (ScreenText.CART_COL_TYPE, 8),
           (ScreenText.CART_COL_QTY, 5), (ScreenText.CART_COL_PRICE, 8), (ScreenText.CART_COL_AMOUNT, 9))


class CartScreen(RecordScreens, CashierScreen):
    LIST_TABLE = "#lines"
    AUTO_FOCUS = "#scan"
    BINDINGS = [  # noqa: RUF012
        Binding("f2", "customer", ScreenText.KEY_CUSTOMER),
        Binding("f3", "edit", ScreenText.KEY_EDIT),
        Binding("f4", "remove", ScreenText.KEY_REMOVE),
        Binding("f5", "orders", ScreenText.KEY_ORDERS),
        # Not in the footer (80 columns hold F9 交班 and the demo's Ctrl+N, not these); F1 help lists them, and
        # the status bar shows the upload backlog.
        Binding("f6", "uploads", ScreenText.KEY_UPLOADS, show=False),
        Binding("f7", "devices", ScreenText.KEY_DEVICES, show=False),
        Binding("f8", "drawer", ScreenText.KEY_DRAWER, show=False),
        Binding("f9", "shift_close", ScreenText.KEY_SHIFT_CLOSE),
        Binding("f10", "checkout", ScreenText.KEY_CHECKOUT),
        Binding("f12", "logout", ScreenText.KEY_LOGOUT),
        Binding("escape", "clear_hint", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._compositor = GrowthCompositor()  # a new line repaints that line, not the whole table
        self.cart = Cart()
        self.unpriced: set[str] = set()  # unlisted SKUs still waiting for a typed price
        self.manual: dict[str, tuple[int, ProductType]] = {}  # prices typed for unlisted SKUs this sale
        self.next_quantity = 1
        self._queue: deque[tuple[str, int]] = deque()
        self._lock = threading.Lock()
        self._draining = False
        self._editing = False

    def compose(self) -> ComposeResult:
        yield Static(id="cart-header")
        yield ScanInput(placeholder=self.t(ScreenText.CART_SCAN))
        yield CartTable(id="lines", cursor_type="row", zebra_stripes=False, show_cursor=True)
        yield Static(id="cart-totals")
        yield Message(id="cart-message")
        yield from self.chrome()

    def on_mount(self) -> None:
        table = self.query_one("#lines", DataTable)
        table.can_focus = False  # the scan field keeps the keyboard; up/down move the cursor
        for key, width in COLUMNS:
            table.add_column(self.t(key), width=width, key=key)
        self.status_updated()
        self._show_totals()

    # -- header and totals ---------------------------------------------------------------------
    def status_updated(self) -> None:
        if not self.is_mounted:
            return
        sale = self.cashier.sale
        if sale.member is not None:
            who = (f"{self.t(ScreenText.CUSTOMER_LABEL)} {sale.member.name} "
                   f"{sale.member.phone or sale.member.member_code or ''}")
        elif sale.phone:
            who = f"{self.t(ScreenText.CUSTOMER_LABEL)} {sale.phone}"
        else:
            who = self.t(ScreenText.CUSTOMER_GUEST)
        staff = sale.staff.name if sale.staff else ""
        for header in self.query("#cart-header").results(Static):  # none while the app tears the screen down
            header.update(self.t(ScreenText.CART_HEADER, staff=staff, customer=who.strip()))

    def _show_totals(self) -> None:
        lines = self.cart.lines
        text = Text(self.t(ScreenText.CART_TOTALS, lines=len(lines), items=sum(ln.quantity for ln in lines),
                           total=self.t.money(self.cart.total)), style="bold")
        if self.next_quantity != 1:
            text.append("  " + self.t(ScreenText.CART_QUANTITY_NEXT, qty=self.next_quantity), style="cyan")
        self.query_one("#cart-totals", Static).update(text, layout=False)  # one line, whatever it says

    def _row(self, index: int, line: CartLine) -> tuple[str, ...]:
        unpriced = line.sku in self.unpriced
        return (str(index + 1), line.name, self.t(ScreenText.of(f"type.{line.product_type.value}")), str(line.quantity),
                self.t(ScreenText.CART_MARK_UNPRICED) if unpriced else f"{line.unit_price:,}",
                "" if unpriced else f"{line.amount:,}")

    def _render_line(self, index: int) -> None:
        self.query_one("#lines", CartTable).show_line(index, self._row(index, self.cart.lines[index]))

    def _render_all(self) -> None:
        table = self.query_one("#lines", DataTable)
        table.clear()
        for index, line in enumerate(self.cart.lines):
            table.add_row(*self._row(index, line))
        if self.cart.lines:
            table.move_cursor(row=len(self.cart.lines) - 1, animate=False)

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#cart-message", Message)
        if message.content != text or message.has_class("-error") != error:  # most scans clear a clear line
            message.say(text, error=error)

    # -- scanning ------------------------------------------------------------------------------
    @on(ScanInput.Scanned, "#scan")
    def scanned(self, message: ScanInput.Scanned) -> None:
        code = message.code
        if code.startswith("/") and is_valid_mobile_carrier(code.upper()):
            self.cashier.sale.carrier = code.upper()
            self.say(self.t(ScreenText.CART_CARRIER_SET, code=code.upper()))
            return
        quantity = self.next_quantity
        if match := QUANTITY_PREFIX.fullmatch(code):
            quantity, code = int(match[1]), match[2]
            if not code:  # "3*" alone: applies to the next scan
                self.next_quantity = quantity
                self._show_totals()
                return
        self.next_quantity = 1
        self.enqueue(code, quantity)

    def enqueue(self, code: str, quantity: int) -> None:
        with self._lock:
            self._queue.append((code, quantity))
            if self._draining:
                return  # the running drain picks it up, after the scans before it
            self._draining = True
        self.drain()

    @work(thread=True, group="scan", exit_on_error=False)
    def drain(self) -> None:
        try:
            while True:
                with self._lock:
                    if not self._queue:
                        self._draining = False
                        return
                    code, quantity = self._queue.popleft()
                try:
                    line = self.station.scan(code, quantity)
                except CashierError as error:
                    self.post_message(ScanResolved(code, quantity, None, error))
                    continue
                self.post_message(ScanResolved(code, quantity, line))
        finally:
            with self._lock:
                self._draining = False

    def on_scan_resolved(self, message: ScanResolved) -> None:
        if message.error is not None:
            self.say(self.t.error(message.error), error=True)
            return
        line = message.line
        needs_price = False
        try:
            if line is None:
                line, needs_price = self._unlisted(message.code, message.quantity)
            before = len(self.cart)
            index = self.cart.add(line)
        except ValidationError as error:
            self.say(self.t.error(error), error=True)
            return
        self._render_line(index)
        self._show_totals()
        if needs_price:
            self.say(self.t(ScreenText.CART_NEEDS_PRICE, sku=line.sku), error=True)
            if not self._editing and len(self.cart) > before:
                self.edit_line(index)
        else:
            self.say("")

    def _unlisted(self, code: str, quantity: int) -> tuple[CartLine, bool]:
        """An item missing from the offline catalog: the price typed earlier this sale, or none yet."""
        sku = code.strip()
        name = self.t(ScreenText.CART_UNKNOWN_ITEM, sku=sku)
        if sku in self.manual:
            price, kind = self.manual[sku]
            return CartLine(sku, name, quantity, price, kind), False
        self.unpriced.add(sku)
        return CartLine(sku, name, quantity, 0, ProductType.REGULAR), True

    # -- line actions --------------------------------------------------------------------------
    def _selected(self) -> int | None:
        index = self.highlighted(len(self.cart.lines))
        if index is None:
            self.say(self.t(ScreenText.CART_NO_LINE), error=True)
        return index

    def action_edit(self) -> None:
        index = self._selected()
        if index is not None:
            self.edit_line(index)

    def edit_line(self, index: int) -> None:
        line = self.cart.lines[index]
        self._editing = True

        def done(result: CartLine | None) -> None:
            self._editing = False
            if result is None:
                return
            self.apply_edit(index, line, result)

        unlisted = line.sku in self.unpriced or line.sku in self.manual
        self.app.push_screen(navigation.line_edit(line, unlisted=unlisted), done)

    def apply_edit(self, index: int, old: CartLine, edited: CartLine) -> None:
        if index >= len(self.cart.lines) or self.cart.lines[index].sku != old.sku:
            return  # the cart changed under the editor (a removal): nothing to apply
        self.cart.replace(index, edited)
        if old.sku in self.unpriced or old.sku in self.manual:
            self.unpriced.discard(old.sku)
            self.manual[old.sku] = (edited.unit_price, edited.product_type)
        self._render_all()
        self.query_one("#lines", DataTable).move_cursor(row=index, animate=False)
        self._show_totals()
        self._prompt_next_unpriced()

    def _prompt_next_unpriced(self) -> None:
        for index, line in enumerate(self.cart.lines):
            if line.sku in self.unpriced:
                self.edit_line(index)
                return
        self.say("")

    def action_remove(self) -> None:
        index = self._selected()
        if index is None:
            return
        removed = self.cart.remove(index)
        if not any(line.sku == removed.sku for line in self.cart.lines):
            self.unpriced.discard(removed.sku)
        self._render_all()
        self._show_totals()
        self.say(self.t(ScreenText.CART_REMOVED, name=removed.name))

    def action_clear_hint(self) -> None:
        self.next_quantity = 1
        self._show_totals()
        self.say("")

    # -- navigation ----------------------------------------------------------------------------
    def action_customer(self) -> None:
        self.app.push_screen(navigation.customer())

    def action_shift_close(self) -> None:
        self.app.push_screen(navigation.shift_close())

    def action_drawer(self) -> None:
        """F8: the drawer outside a sale, through the shared manager-PIN box (the Station checks and audits)."""
        staff, station = self.cashier.sale.staff, self.station
        if staff is None:
            return
        staff_id, reason = staff.id, self.t(ScreenText.DRAWER_REASON)
        self.app.push_screen(navigation.manager_pin(
            self.t(ScreenText.DRAWER_TITLE), self.t(ScreenText.DRAWER_WHY),
            lambda pin: station.open_drawer(staff_id, manager_pin=pin, reason=reason)), self._drawer_opened)

    def _drawer_opened(self, manager: StaffMember | None) -> None:
        if manager is not None:
            self.say(self.t(ScreenText.DRAWER_OPENED, manager=manager.name))

    def action_logout(self) -> None:
        self.cashier.logout()

    def action_checkout(self) -> None:
        if not self.cart.lines:
            self.say(self.t.error(ValidationError(CheckoutCode.CART_EMPTY)), error=True)
            return
        if self.unpriced:
            self.say(self.t(ScreenText.CART_UNPRICED_LEFT, count=len(self.unpriced)), error=True)
            self._prompt_next_unpriced()
            return
        self.app.push_screen(navigation.checkout(self.cart.lines))

    def new_sale(self) -> None:
        """After a completed sale: an empty cart for the next customer."""
        self.cart.clear()
        self.unpriced.clear()
        self.manual.clear()
        self.next_quantity = 1
        self.query_one("#lines", DataTable).clear()
        self._show_totals()
        self.say("")
        self.status_updated()

"""The order list: today's orders by default, newest first; search by order number, invoice number
or member; filter by status; PgDn/PgUp page by keyset (as fast on page 2,000 as on page 1). Scanning a
printed invoice's barcode opens the return (退貨) of its order at once; F9 opens it for the highlighted one.

The list opens with its first page already read (first_page, run by the screen that opens it): its first
frame is the filled list, so the terminal is sent one frame instead of an empty table and then the filled
one (half the bytes of opening it, over a slow SSH link too)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from core.store.orders import Cursor, OrderFilter, OrderPage, OrderRow, Totals
from tui import navigation
from tui.i18n.texts import ScreenText
from tui.invoice_scan import invoice_number_in_barcode
from tui.messages import StatusRefresh
from tui.screens.base import CashierScreen
from tui.widgets.scan_input import ScanInput

if TYPE_CHECKING:
    from core.clock import Clock
    from core.station import Station

PAGE = 50
STATUSES = (None, "completed", "voided")
# 76 cells with their padding: the table's 78 at 80x24 less the scrollbar's gutter, kept from the first frame
# (tui/cashier.tcss), so a list longer than the screen neither cuts the last column nor repaints every row
# when its scrollbar comes; an order number, time, invoice number and phone number fit whole.
COLUMNS = ((ScreenText.ORDERS_COL_NO, 11), (ScreenText.ORDERS_COL_TIME, 11), (ScreenText.ORDERS_COL_INVOICE, 10),
           (ScreenText.ORDERS_COL_CUSTOMER, 10), (ScreenText.ORDERS_COL_TOTAL, 7), (ScreenText.ORDERS_COL_STATUS, 6),
           (ScreenText.ORDERS_COL_UPLOAD, 7))
Shown = tuple[OrderPage, Totals]  # a page of the list and today's totals beside it


def list_filter(now: datetime, *, today_only: bool = True, status_index: int = 0, search: str = "") -> OrderFilter:
    since = until = None
    if today_only and not search:
        since = now.replace(hour=0, minute=0, second=0, microsecond=0)
        until = since + timedelta(days=1)
    return OrderFilter(since=since, until=until, status=STATUSES[status_index], search=search)


def read_page(station: Station, wanted: OrderFilter, older_than: Cursor | None = None,
              newer_than: Cursor | None = None) -> Shown:
    return station.orders(wanted, older_than=older_than, newer_than=newer_than, limit=PAGE), station.today()


def first_page(station: Station, clock: Clock) -> Callable[[], Shown]:
    """The read the list opens with (today's orders, every status, no search), for a worker to run."""
    return lambda: read_page(station, list_filter(clock.now()))


class OrdersScreen(CashierScreen):
    LIST_TABLE = "#orders"
    AUTO_FOCUS = "#orders-search"
    WRITE_ACTIONS = frozenset({"reprint", "void", "return_goods"})
    BINDINGS = [  # noqa: RUF012
        Binding("f2", "detail", ScreenText.KEY_DETAIL),
        Binding("f3", "scope", ScreenText.KEY_TODAY),
        Binding("f4", "status", ScreenText.KEY_FILTER),
        Binding("f8", "void", ScreenText.KEY_VOID),
        # Off the footer, which has no room left at 80 columns in English: F1 help and the detail's R say it.
        Binding("f9", "return_goods", ScreenText.KEY_RETURN, show=False),
        Binding("f11", "reprint", ScreenText.KEY_REPRINT),
        *CashierScreen.PAGED_LIST_BINDINGS,
    ]

    def __init__(self, first: Shown | None = None) -> None:
        super().__init__()
        self._first = first  # first_page's answer: shown as the screen mounts, before its first frame
        self._resumed = False
        self.today_only = True
        self.status_index = 0
        self.search = ""
        self.page = OrderPage((), False, False)
        self.page_number = 1
        self.loads = 0  # pages shown so far (tests and the benchmark wait on it)
        self.scanned_invoice = ""  # an invoice barcode was scanned: its order's return opens once found

    def compose(self) -> ComposeResult:
        yield ScanInput(id="orders-search", placeholder=self.t(ScreenText.ORDERS_SEARCH), restrict=None)
        yield Static(id="orders-summary")
        yield DataTable(id="orders", cursor_type="row")
        yield from self.chrome()

    def on_mount(self) -> None:
        table = self.query_one("#orders", DataTable)
        table.can_focus = False
        for key, width in COLUMNS:
            table.add_column(Text(self.t(key)), width=width)
        if self._first is not None:
            first, self._first = self._first, None
            self.show_page(*first)
        else:
            self.load()

    def on_screen_resume(self) -> None:
        # The first resume is the push itself (the list is read already); after it: back from a detail
        # or a void, show what changed.
        if self._resumed and self.is_mounted:
            self.load()
        self._resumed = True

    def order_filter(self) -> OrderFilter:
        return list_filter(self.cashier.clock.now(), today_only=self.today_only, status_index=self.status_index,
                           search=self.search)

    def load(self, *, older_than: Cursor | None = None, newer_than: Cursor | None = None) -> None:
        self.fetch(self.order_filter(), older_than, newer_than)

    def fetch(self, wanted: OrderFilter, older_than: Cursor | None, newer_than: Cursor | None) -> None:
        station = self.station
        self.station_call(lambda: read_page(station, wanted, older_than, newer_than),
                          lambda answer: self.show_page(*answer), group="orders", exclusive=True)

    def show_page(self, page: OrderPage, totals: Totals) -> None:
        self.page = page
        self.loads += 1
        scanned, self.scanned_invoice = self.scanned_invoice, ""
        table = self.query_one("#orders", DataTable)
        table.clear()
        for row in page.rows:
            # Plain Text, as DataTable makes of a str minus the markup parse: the cells are data (a "[" in a
            # member id shows as typed), and no page pays Rich's markup parser, whose first use loads its
            # emoji table (~2.5 MB resident).
            table.add_row(*(Text(cell, end="") for cell in self._cells(row)), key=row.id)
        t = self.t
        scope = t(ScreenText.ORDERS_SCOPE_TODAY if self.today_only and not self.search else ScreenText.ORDERS_SCOPE_ALL)
        status = STATUSES[self.status_index]
        summary = t(ScreenText.ORDERS_SUMMARY, scope=scope, status=t(ScreenText.of(f"orders.status.{status or 'all'}")),
                    page=self.page_number)
        if self.search:  # the field empties on Enter: the header keeps saying what the list is filtered by
            summary += t.glyph("　") + t(ScreenText.ORDERS_SEARCHING, term=self.search)
        summary += t.glyph("　") + t(ScreenText.ORDERS_TODAY, orders=totals.orders, amount=t.money(totals.amount),
                                     voided=totals.voided)
        if not page.rows:
            summary += "\n" + (t(ScreenText.ORDERS_RETURN_SCAN, number=scanned) if scanned
                                else t(ScreenText.ORDERS_NONE))
        self.query_one("#orders-summary", Static).update(summary)
        if scanned and len(page.rows) == 1 and not self.cashier.read_only:
            self.app.push_screen(navigation.return_goods(page.rows[0].id))

    def _cells(self, row: OrderRow) -> tuple[str, ...]:
        t = self.t
        return (row.order_no, row.created_at.strftime("%m-%d %H:%M"), row.invoice_number, row.customer or "-",
                f"{row.total:,}", t(ScreenText.of(f"orders.status.{row.status}")),
                t(ScreenText.of(f"upload.{row.upload_state or 'none'}")))

    def selected(self) -> OrderRow | None:
        index = self.highlighted(len(self.page.rows))
        return None if index is None else self.page.rows[index]

    # -- actions -------------------------------------------------------------------------------
    @on(ScanInput.Scanned, "#orders-search")
    def searched(self, message: ScanInput.Scanned) -> None:
        number = invoice_number_in_barcode(message.code)
        self.search = number or message.code
        self.scanned_invoice = number or ""
        self.page_number = 1
        self.load()

    @on(ScanInput.Blank)
    def blank_enter(self) -> None:
        """Enter on an empty field: clear the search if one is active, else open the highlighted order."""
        if self.search:
            self.search = ""
            self.page_number = 1
            self.load()
        else:
            self.action_detail()

    def action_scope(self) -> None:
        """F3 今日: today's orders; during a search it ends the search (back to today), else it toggles
        today / all days."""
        if self.search:
            self.search, self.today_only = "", True
        else:
            self.today_only = not self.today_only
        self.page_number = 1
        self.load()

    def _screenful(self) -> int:
        return max(1, self.query_one("#orders", DataTable).scrollable_content_region.height - 1)

    def action_status(self) -> None:
        self.status_index = (self.status_index + 1) % len(STATUSES)
        self.page_number = 1
        self.load()

    def action_older(self) -> None:
        """PgDn: the next (older) page; on the last page, a screenful down the rows it holds (a short list
        still moves, rather than PgDn doing nothing)."""
        if self.page.has_older and self.page.rows:
            self.page_number += 1
            self.load(older_than=self.page.rows[-1].cursor)
        else:
            self.action_move(self._screenful())

    def action_newer(self) -> None:
        """PgUp: the previous (newer) page; on the first page, a screenful up."""
        if self.page.has_newer and self.page.rows:
            self.page_number = max(1, self.page_number - 1)
            self.load(newer_than=self.page.rows[0].cursor)
        else:
            self.action_move(-self._screenful())

    def action_detail(self) -> None:
        row = self.selected()
        if row is not None:
            self.app.push_screen(navigation.order_detail(row.id))

    def action_void(self) -> None:
        """作廢 the highlighted order, as from its detail (F1 help and the footer promise it here)."""
        row = self.selected()
        if row is None:
            return
        if row.status == "voided":
            self.show_error(self.t(ScreenText.VOID_CANNOT))
            return

        def voided(manager: object) -> None:
            if manager is not None:
                self.notify(self.t(ScreenText.VOID_DONE, order_no=row.order_no, manager=getattr(manager, "name", "")))
                self.post_message(StatusRefresh())

        self.app.push_screen(navigation.void(row.id, row.order_no), voided)

    def action_return_goods(self) -> None:
        """退貨 of the highlighted order, as from its detail."""
        row = self.selected()
        if row is not None:
            self.app.push_screen(navigation.return_goods(row.id))

    def action_reprint(self) -> None:
        row = self.selected()
        if row is not None and row.status == "voided":  # 作廢: never printed again (the Station refuses too)
            self.show_error(self.t(ScreenText.RECEIPT_VOIDED, number=row.invoice_number))
        elif row is not None:
            self.app.push_screen(navigation.receipt(order_id=row.id))

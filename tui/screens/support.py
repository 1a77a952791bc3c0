"""The read-only support mode's home (a second `cashier` while the station sells): who is
selling, the station's figures as the selling instance writes them, and keys to the orders, upload
records, devices and the log. Nothing here can sell, print or take a number: the screens reached from
here hide those keys, and the Station opened read-only refuses them."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from core.errors import CashierError
from core.messages import StoreCode
from tui import navigation
from tui.i18n.texts import ScreenText
from tui.screens.base import CashierScreen, RecordScreens


class SupportScreen(RecordScreens, CashierScreen):
    BINDINGS = [  # noqa: RUF012
        Binding("f2", "refresh", ScreenText.KEY_REFRESH),
        Binding("f5", "orders", ScreenText.KEY_ORDERS),
        Binding("f6", "uploads", ScreenText.KEY_UPLOADS),
        Binding("f7", "devices", ScreenText.KEY_DEVICES),
        Binding("f9", "logs", ScreenText.KEY_LOGS),
        Binding("f12", "app.quit", ScreenText.KEY_QUIT),
    ]

    def compose(self) -> ComposeResult:
        seller = self.cashier.support.seller if self.cashier.support else None
        banner = CashierError(StoreCode.STATION_SUPPORT_MODE, pid=seller.pid if seller else "?",
                              host=seller.host if seller else "?", started=seller.started if seller else "?")
        yield Static(self.t.error(banner), id="support-banner")
        yield Static(self.t(ScreenText.SUPPORT_OPENING), id="support-figures")
        yield from self.chrome()

    def on_mount(self) -> None:
        self.cashier.station_opened.subscribe(self, lambda _: self.station_ready(), immediate=True)
        if self.cashier.station_ready:
            self.load()

    def station_ready(self) -> None:
        """From the app: the read-only Station is open."""
        self.load()

    def status_updated(self) -> None:
        # The app re-reads the counts on its interval; the selling instance keeps changing them.
        if self.cashier.station_ready and self.is_current:
            self.load()

    def on_screen_resume(self) -> None:
        if self.cashier.station_ready:
            self.load()

    def action_refresh(self) -> None:
        if self.cashier.station_ready:
            self.load()

    def action_logs(self) -> None:
        self.app.push_screen(navigation.logs())

    def load(self) -> None:
        def read() -> tuple[Any, Any, Any]:
            station = self.station
            return station.numbers_left(), station.upload_summary(), station.today()

        self.station_call(read, self.show, group="support", exclusive=True)

    def show(self, figures: tuple[Any, Any, Any]) -> None:
        self.query_one("#support-figures", Static).update(self._figures(*figures))

    def _figures(self, left: Any, uploads: Any, today: Any) -> Table:
        t = self.t
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column()
        grid.add_row(t(ScreenText.SUPPORT_NUMBERS), t(ScreenText.SUPPORT_NUMBERS_VALUE, current=left.current,
                                             period=left.current_period.label, next=left.next,
                                             next_period=left.next_period.label))
        waiting = uploads.pending + uploads.voids_pending
        attention = uploads.attention + uploads.voids_attention
        line = Text(t(ScreenText.SUPPORT_UPLOADS_VALUE, waiting=waiting, attention=attention),
                    style="bold red" if attention else "yellow" if waiting else "green")
        grid.add_row(t(ScreenText.SUPPORT_UPLOADS), line)
        grid.add_row(t(ScreenText.SUPPORT_TODAY), t(ScreenText.SUPPORT_TODAY_VALUE, orders=today.orders,
                                                    amount=today.amount, voided=today.voided))
        grid.add_row(t(ScreenText.SUPPORT_READ_AT), self.cashier.clock.now().strftime("%Y-%m-%d %H:%M:%S"))
        return grid

"""The cashier app and its factory.

create_app() receives everything the app needs — the Station, the clock, the language, the printer
settings, the sync service — so tests build it with a ManualClock and a temporary database, and
`cashier` / `cashier demo` build it from the config or the demo set-up. Nothing here touches SQL,
ports or HTTP: the Station does, in thread workers, and background services report by messages.

Start-up: `cashier` passes a StationOpener instead of an open Station. The login screen is built and
painted first (Textual only), with the staff list in it: tui.launch.build_station reads the list with the
stdlib before the app starts (core.store.staff_light: under a millisecond, read-only, a short busy
timeout), as it reads the config; if that read cannot answer, a thread worker retries it (the opener's
`staff_preview`) while the screen is built. PINs are checked on that list. Once the first frame and the
list are on screen, the Station — the engine imports (SQLAlchemy, SQLModel, pydantic) and the database —
opens in a worker, and a login confirmed meanwhile completes when it is open. Without a list (first run:
no database yet) the login screen waits for the Station. Keys typed meanwhile go to the PIN field; Enter
waits. The printer and sync start once the Station is open.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import work
from textual._compositor import CompositorUpdate
from textual.app import App
from textual.binding import Binding
from textual.reactive import Initialize, Reactive
from textual.screen import Screen
from textual.signal import Signal

from core.errors import CashierError
from tui import navigation
from tui.i18n import Translator
from tui.i18n.texts import ScreenText
from tui.messages import (
    LinkChanged,
    PaperPrinted,
    PrinterStatusChanged,
    PrintJobChanged,
    Pulled,
    SaleCompleted,
    StaffPreviewed,
    StationFailed,
    StationOpened,
    StatusRefresh,
    UploadsChanged,
)
from tui.options import AppOptions, StationOpener
from tui.scroll_region import TerminalRows
from tui.status import StatusInfo
from tui.widgets.scan_input import FIELD_ORDER_BINDINGS

if TYPE_CHECKING:
    from rich.console import RenderableType

    from core.invoice_printing import InvoicePrinting
    from core.printer.service import JobEvent
    from core.printer.status import PrinterStatus
    from core.station import Station
    from core.store.people import Member, StaffMember
    from core.store.upload_records import OutboxSummary

DEMO_NETWORK_KEY = "ctrl+n"  # `cashier demo` only: cut / restore the link to its in-process HQ
BACKUP_TICK_SECONDS = 30.0  # how often the till asks its backup schedule whether a backup is due
# What a shutdown, `kill` or a dropped SSH link sends: each ends the app the way Ctrl+Q does (print service
# drained, sync stopped, terminal restored; then tui.launch closes the Station and releases the lock).
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
log = logging.getLogger(__name__)


@dataclass
class Sale:
    """Who is at the till for the sale being rung up."""

    staff: StaffMember | None = None
    member: Member | None = None
    phone: str | None = None  # a number not in the cache: kept and linked by HQ at upload
    carrier: str | None = None  # a mobile carrier scanned before checkout
    notes: list[str] = field(default_factory=list)

    def clear_customer(self) -> None:
        self.member, self.phone, self.carrier = None, None, None


class CashierApp(App[None]):
    CSS_PATH = "cashier.tcss"
    ENABLE_COMMAND_PALETTE = False
    ALLOW_SELECT = False
    BINDINGS = [  # noqa: RUF012 - Textual's declared class attribute
        Binding("ctrl+q", "quit", ScreenText.KEY_QUIT, show=False, priority=True),
        *FIELD_ORDER_BINDINGS,
        # The demo's network switch: a key no screen binds (F8 is 作廢 on an order, unlock at the login;
        # tests/tui/test_key_shadowing.py walks every screen). Two bindings on the one key so the footer
        # says what pressing it does now: 斷網 while the link is up, 恢復網路 while it is cut.
        Binding(DEMO_NETWORK_KEY, "network(1)", ScreenText.KEY_NETWORK, priority=True),
        Binding(DEMO_NETWORK_KEY, "network(0)", ScreenText.KEY_NETWORK_RESTORE, priority=True),
    ]
    # The theme is decided before App.__init__ reads it (the theme's variables go into the stylesheet there):
    # set in on_mount, it made Textual re-parse every stylesheet (the app's, every widget's) at start-up.
    theme: Reactive[str] = Reactive(Initialize(lambda app: cast("CashierApp", app).initial_theme))
    # The status bar's figures, one frozen value replaced whole; the bars and the screens watch it. Every
    # assignment tells them (always_update): a screen's header shows the sale's customer, set beside it.
    # Nothing of the app itself repaints for it.
    status: Reactive[StatusInfo] = Reactive(StatusInfo(), repaint=False, always_update=True)

    def __init__(self, station: Station | StationOpener, options: AppOptions) -> None:
        display, support = options.display, options.support
        # Determinism and low bandwidth: ANSI colours, so a 16-colour console shows the terminal's own
        # palette instead of truecolor squashed into it. Read by `theme` in App.__init__, hence set first.
        self.initial_theme: str = "ansi-dark" if options.ansi or display == "compact" else "textual-dark"
        super().__init__()
        self.support = support
        self._opener = station if isinstance(station, StationOpener) else None
        self._station: Station | None = None if isinstance(station, StationOpener) else station
        self.open_error: BaseException | None = None  # why the Station could not be opened (the app exits)
        # The light read's staff list (see StationOpener), until the Station is open.
        self.staff_preview: list[Any] | None = None if self._opener is None else self._opener.staff
        self._previewed = self.staff_preview is not None  # the light read answered (or failed)
        self._first_frame = False  # Textual's Ready: the first frame is on the terminal
        self._services_lock = threading.Lock()  # services started by a worker vs. the app shutting down
        self._closing = False
        self._signals_caught = False  # SIGTERM/SIGHUP handled by the loop (see _catch_stop_signals)
        self.options = options
        self.clock = options.clock
        self.compact = display == "compact"  # ASCII chrome, 16 colours, fewer repaints: see on_mount
        self.terminal_rows = TerminalRows()  # a table scrolling moves the terminal's rows: see _display
        self.t = Translator(options.language, ascii=self.compact)
        self.language = options.language
        self.printer_config = options.printer_config
        self.emulator = options.emulator
        self.sync = options.sync
        self.demo = options.demo
        self.store_name = options.store_name
        printer = "none" if options.printer_config is None else "seller" if support else "unknown"
        self.status = StatusInfo(printer=printer, hq=options.sync is not None, read_only=support is not None)
        # News from the background services for the screens that show it; each screen subscribes as it
        # mounts, and a screen that went is dropped (textual.signal).
        self.print_events: Signal[JobEvent] = Signal(self, "print-events")
        self.printer_statuses: Signal[PrinterStatus] = Signal(self, "printer-statuses")
        self.paper_saved: Signal[str] = Signal(self, "paper-saved")  # the virtual printer's PNG
        self.data_pulled: Signal[None] = Signal(self, "data-pulled")  # HQ's staff/products/customers arrived
        self.staff_previewed: Signal[list[Any]] = Signal(self, "staff-previewed")  # the light read's list
        self.station_opened: Signal[None] = Signal(self, "station-opened")
        self.sale = Sale()
        self._status_interval = options.status_interval
        self._backup_problem: str | None = None  # the last backup failure said at the till

    # -- the station -------------------------------------------------------------------------
    @property
    def station(self) -> Station:
        """The open Station. Only the login screen can be up before it is; everything else needs a login."""
        if self._station is None:
            raise RuntimeError("the station is still opening")
        return self._station

    @property
    def printing(self) -> InvoicePrinting | None:
        """The Station's print service, while it runs (the Station starts and stops it)."""
        return self._station.printing if self._station is not None else None

    @property
    def read_only(self) -> bool:
        return self.support is not None

    @property
    def station_ready(self) -> bool:
        return self._station is not None

    @property
    def seller_name(self) -> str:
        return self._station.seller.name if self._station is not None else self._opener.seller_name  # type: ignore[union-attr]

    @property
    def station_id(self) -> str:
        return self._station.seller.station_id if self._station is not None else self._opener.station_id  # type: ignore[union-attr]

    # -- life cycle ----------------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        return navigation.support() if self.support is not None else navigation.login()

    def on_mount(self) -> None:
        # Determinism and low bandwidth: no animation (the theme is set before the start: see `theme`).
        self.animation_level = "none"
        if self.compact:
            self._apply_compact()
        self.app_suspend_signal.subscribe(self, lambda _app: self.terminal_rows.forget())
        if self.emulator is not None and self.emulator.on_piece is None:
            self.emulator.on_piece = self._paper_cut
        if (self._opener is not None and self._station is None and not self._previewed
                and self._opener.staff_preview is not None):
            self._preview_staff(self._opener)  # the list was not read before the start: read it now
        if self._station is not None:  # opened by the caller (tests, the demo): start everything now
            self._start_printing()
            if self.sync is not None:
                self.sync.start(self, self._station)
            self.refresh_status()
        self.set_interval(self._status_interval, self.refresh_status)
        # Backups every few minutes while selling (the Station's schedule decides whether one is due).
        self.set_interval(BACKUP_TICK_SECONDS, self._backup_tick)
        self._catch_stop_signals()

    def _paper_cut(self, _piece: object, path: Path | None) -> None:
        """On the virtual printer's thread: only post (thread-safe)."""
        self.post_message(PaperPrinted(str(path or "")))

    @work(thread=True, group="backup", exclusive=True, exit_on_error=False)
    def _backup_tick(self) -> None:
        """Off the event loop: a backup reads the whole database. A failure (the stick pulled out, full) is
        recorded for F7 and the doctor, and said once at the till until it changes."""
        if self._station is None or self.read_only or self._closing or self._station.backups is None:
            return
        from core.errors import BackupError

        outcome = self._station.backup_tick()
        if isinstance(outcome, BackupError):
            if outcome.code != self._backup_problem:
                self._backup_problem = outcome.code
                self.call_from_thread(self.notify, self.t.error(outcome), severity="warning", timeout=10)
        elif outcome is not None:
            self._backup_problem = None

    def _catch_stop_signals(self) -> None:
        """SIGTERM/SIGHUP as Ctrl+Q, through the event loop (a handler may only run on the main thread,
        where the app's loop is; elsewhere, e.g. an app in a worker thread, the defaults stay)."""
        if threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for stop in STOP_SIGNALS:
            loop.add_signal_handler(stop, self._stop_on_signal, stop)
        self._signals_caught = True

    def _release_stop_signals(self) -> None:
        if self._signals_caught:
            loop = asyncio.get_running_loop()
            for stop in STOP_SIGNALS:
                loop.remove_signal_handler(stop)
            self._signals_caught = False

    def _stop_on_signal(self, received: signal.Signals) -> None:
        log.warning("stopping on %s, as if Ctrl+Q was pressed", received.name)
        self.exit()

    def _apply_compact(self) -> None:
        """The compact display: the `-compact` rules of cashier.tcss (ASCII borders, no scrollbars) and
        the 16 standard colours whatever the terminal claims. Textual reads TEXTUAL_COLOR_SYSTEM once, at
        import, into its Console (auto: COLORTERM / TERM), so the Console's colour system is set here;
        every colour is then written as SGR 30-37/90-97 (40-47/100-107), never 38;5 / 38;2."""
        from rich.color import ColorSystem

        self.add_class("-compact")
        self.console._color_system = ColorSystem.STANDARD  # Rich has no public setter

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        # Every frame written goes through the model of the terminal's rows (tui/scroll_region.py), which
        # turns a repaint of rows the terminal already shows a few lines lower into a scroll. A frame
        # Textual drops (a batch) is not written, so not applied; a headless app's is (nothing reads it).
        if (isinstance(renderable, CompositorUpdate) and not self._batch_count and self._running
                and not self._closed and self._driver is not None and not self._driver.is_inline):
            renderable = self.terminal_rows.send(renderable, self.console)
        super()._display(screen, renderable)

    def run(self, *args: Any, mouse: bool = True, **kwargs: Any) -> Any:
        # Compact: no mouse reporting, so no hover repaints and no mouse traffic on a slow link.
        return super().run(*args, mouse=mouse and not self.compact, **kwargs)

    def on_ready(self) -> None:
        # The first frame is on the terminal: import the engine and open the database, off the loop — once
        # the staff list (if the opener can preview it) is there too (see on_staff_previewed).
        self._first_frame = True
        if self._opener is not None and self._station is None:
            if self._opener.staff_preview is None:
                self._open_station(self._opener)
            elif self._previewed and not self._closing:
                self.call_after_refresh(self._open_station, self._opener)

    @work(thread=True, group="preview", exit_on_error=False)
    def _preview_staff(self, opener: StationOpener) -> None:
        try:
            staff = opener.staff_preview()  # type: ignore[misc]
        except Exception:  # missing, not migrated, unreadable: the Station will say what is wrong
            staff = None
        self.post_message(StaffPreviewed(staff))

    def on_staff_previewed(self, message: StaffPreviewed) -> None:
        self._previewed = True
        if message.staff is not None and self._station is None:
            self.staff_preview = message.staff  # a login screen mounted later lists it as it mounts
            self.staff_previewed.publish(message.staff)
        if self._first_frame and self._station is None and self._opener is not None and not self._closing:
            # Start the engine's imports once the list is painted, not while it is being painted (before
            # the first frame, on_ready starts them).
            self.call_after_refresh(self._open_station, self._opener)

    @work(thread=True, group="station", exit_on_error=False)
    def _open_station(self, opener: StationOpener) -> None:
        try:
            station = opener.open()
        except Exception as error:
            self.post_message(StationFailed(error))
            return
        with self._services_lock:
            if self._closing:  # the cashier quit while it was opening
                station.close()
                return
        self.post_message(StationOpened(station))

    def on_station_opened(self, message: StationOpened) -> None:
        if self._closing:
            message.station.close()
            return
        self._station = message.station
        self.staff_preview = None
        self.station_opened.publish(None)  # the login screen lists the staff first...
        self.status_changed()
        self._start_services()  # ...then the printer and sync (their imports) start beside it

    def on_station_failed(self, message: StationFailed) -> None:
        self.open_error = message.error
        self.exit(return_code=1)

    @work(thread=True, group="station")  # a failure ends the app, as it did when this ran in on_mount
    def _start_services(self) -> None:
        """Printer and sync, started off the loop once the Station opened lazily (both import a lot)."""
        with self._services_lock:
            if self._closing:
                return
            self._start_printing()
            if self.sync is not None:
                self.sync.start(self, self.station)
        self.post_message(StatusRefresh())

    def _start_printing(self) -> None:
        if self.printer_config is not None and not self.read_only:  # the port is the selling instance's
            self.station.start_printing(self.printer_config, emulator=self.emulator, on_job=self._job_changed)
            self.request_printer_status()

    def on_unmount(self) -> None:
        self._release_stop_signals()
        with self._services_lock:
            self._closing = True
            if self._station is not None:
                self._station.stop_sync()
                self._station.stop_printing()

    # -- status --------------------------------------------------------------------------------
    def request_printer_status(self) -> None:
        """Ask the print service (the port's only owner) for the printer's status; it answers by message."""
        if self._station is not None:
            self._station.request_printer_status(self._printer_answered)

    def _job_changed(self, event: JobEvent) -> None:
        """On the print service's thread: only post (thread-safe)."""
        self.post_message(PrintJobChanged(event))

    def _printer_answered(self, status: PrinterStatus) -> None:
        """On the print service's thread: only post (thread-safe)."""
        self.post_message(PrinterStatusChanged(status))

    @work(thread=True, group="status", exclusive=True, exit_on_error=False)
    def refresh_status(self) -> None:
        if self._station is None:
            return
        left = self.station.numbers_left().current
        summary = self.station.upload_summary()
        pending = not self.read_only and self.station.numbering_pending() is not None
        self.call_from_thread(self._apply_counts, left, summary, pending)

    def _apply_counts(self, left: int, summary: OutboxSummary, pending: bool = False) -> None:
        # Voids travel to HQ too: the backlog is everything not yet there, orders and voids alike.
        self.status_changed(numbers_left=left, numbers_pending=pending,
                            backlog=summary.pending + summary.voids_pending,
                            attention=summary.attention + summary.voids_attention)

    def status_changed(self, **changes: Any) -> None:
        """A new status value (with `changes`, and who is at the till now); its watchers — every status bar
        and every screen (status_updated) — follow at once. With no changes: the sale changed (its
        customer), which the screens show beside the status."""
        self.status = replace(self.status, staff=self.sale.staff.name if self.sale.staff else "", **changes)

    def on_pulled(self, _: Pulled) -> None:
        self.data_pulled.publish(None)

    def on_status_refresh(self, _: StatusRefresh) -> None:
        self.refresh_status()

    def on_link_changed(self, message: LinkChanged) -> None:
        self.status_changed(online=message.online)

    def on_uploads_changed(self, message: UploadsChanged) -> None:
        self.status_changed(backlog=message.pending, attention=message.attention)

    def on_print_job_changed(self, message: PrintJobChanged) -> None:
        from core.printer.documents import DrawerKick

        event = message.event
        state = event.state.value
        if isinstance(event.document, DrawerKick) and state != "failed":
            self.print_events.publish(event)  # puts no paper through: the status bar's printing is paper's
            return
        if state in ("queued", "printing"):
            self.status_changed(printer="printing", printer_detail="")
        elif state == "printed":
            self.status_changed(printer="ready", printer_detail="")
        else:
            detail = event.reason.text(self.language) if event.reason else ""
            self.status_changed(printer="error", printer_detail=detail)
        self.print_events.publish(event)

    def on_printer_status_changed(self, message: PrinterStatusChanged) -> None:
        status = message.status
        if not status.replied or not status.can_print:
            self.status_changed(printer="error", printer_detail=status.words(self.language))
        elif self.status.printer != "printing":
            self.status_changed(printer="ready", printer_detail="")
        else:
            self.status_changed()
        self.printer_statuses.publish(status)

    def on_paper_printed(self, message: PaperPrinted) -> None:
        if message.path:
            self.paper_saved.publish(message.path)

    def on_sale_completed(self, message: SaleCompleted) -> None:
        from tui.screens.cart import CartScreen
        from tui.screens.checkout import CheckoutScreen

        if isinstance(self.screen, CheckoutScreen):
            self.pop_screen()
        for screen in self.screen_stack:
            if isinstance(screen, CartScreen):
                screen.new_sale()
        self.sale.clear_customer()
        self.refresh_status()
        self.push_screen(navigation.receipt(message.sale))

    # -- session -------------------------------------------------------------------------------
    def logged_in(self, staff: StaffMember) -> None:
        self.sale = Sale(staff=staff)
        self.status_changed()
        self.push_screen(navigation.cart())
        self.push_screen(navigation.customer())

    def logout(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.sale = Sale()
        self.status_changed()

    def get_key_display(self, binding: Binding) -> str:
        display = super().get_key_display(binding)
        if display[:1] == "f" and display[1:].isdigit():
            return display.upper()
        if display[:1] == "^" and len(display) == 2:  # ^N, as nano's footer spells Ctrl+N (80 columns)
            return display.upper()
        return {"esc": "Esc", "escape": "Esc", "enter": "Enter"}.get(display, display)

    def set_language(self, language: str) -> None:
        """Speak `language` from now on: screens composed after this use it (the login screen recomposes)."""
        self.t = Translator(language, ascii=self.compact)
        self.language = language
        if self.sync is not None:
            self.sync.language = language
        self.status_changed()

    def error_text(self, error: CashierError) -> str:
        return error.text(self.language)

    # -- actions -------------------------------------------------------------------------------
    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(navigation.help_screen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "network":  # network(1) cuts, network(0) restores: only the one that applies now
            return self.demo is not None and bool(parameters and parameters[0]) != self.demo.cut
        return True

    def action_network(self, cut: int) -> None:
        if self.demo is None or bool(cut) == self.demo.cut:
            return
        now_cut = self.demo.toggle_network()
        self.notify(self.t(ScreenText.DEMO_NETWORK_CUT if now_cut else ScreenText.DEMO_NETWORK_BACK))
        self.refresh_bindings()  # the footer: 斷網 <-> 恢復網路
        if self._station is not None:
            self._station.sync_now()


def create_app(station: Station | StationOpener, options: AppOptions) -> CashierApp:
    """The one way to build the app: the CLI, the demo, the tests and the benchmarks all come here.
    `station` is an open Station, or a StationOpener to open it in a worker after the first frame."""
    return CashierApp(station, options)


STYLESHEET = Path(__file__).with_name("cashier.tcss")

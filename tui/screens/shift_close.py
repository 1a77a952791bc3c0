"""Shift close (交班), reached from the cart with F9: the open shift's figures (an X report, nothing
closed), then F10 and the cashier's own PIN close it — the Z report is stored, numbered and printed.
F11 reprints it (補印). Orders still waiting for upload are a warning on screen and in the PIN box:
closing is allowed, the report records them. The cashier stays logged in afterwards."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from core.clock import to_taipei
from core.errors import CashierError
from core.payment_kind import PaymentKind
from tui.i18n.texts import ScreenText
from tui.screens.base import CashierModal, CashierScreen
from tui.widgets.panel import Message
from tui.widgets.scan_input import MaskedInput

if TYPE_CHECKING:
    from datetime import datetime

    from core.printer.service import JobEvent
    from core.shift.model import ShiftReport
    from tui.i18n import Translator

JOB_STYLES = {"printed": "bold green", "failed": "bold red"}
# A rule under the table's header only, in ASCII: a plain Linux console font has no box-drawing glyphs.
HEAD_RULE = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


def _when(moment: datetime) -> str:
    return f"{to_taipei(moment):%Y-%m-%d %H:%M}"


def upload_warning(t: Translator, report: ShiftReport) -> str:
    """The 48-hour rule, with the counts: shown on the screen and again in the PIN box."""
    return t(ScreenText.SHIFT_WARNING, pending=report.pending_uploads, attention=report.attention_uploads)


def report_lines(t: Translator, report: ShiftReport) -> list[Any]:
    """The report's figures as renderables, top to bottom (the screen stacks them in its scroll box)."""
    lines: list[Any] = [
        t(ScreenText.SHIFT_PERIOD, opened=_when(report.opened_at), closed=_when(report.closed_at)),
        Text(t(ScreenText.SHIFT_SALES, orders=report.orders, total=t.money(report.total)), style="bold"),
    ]
    table = Table(box=HEAD_RULE, show_edge=False, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column(t(ScreenText.SHIFT_COL_KIND))
    table.add_column(t(ScreenText.SHIFT_COL_COUNT), justify="right")
    table.add_column(t(ScreenText.SHIFT_COL_AMOUNT), justify="right")
    table.add_column(t(ScreenText.SHIFT_COL_CHANGE), justify="right")
    for payment in report.payments:
        known = PaymentKind.known(payment.kind)
        table.add_row(t.payment(payment.kind), str(payment.count), t.money(payment.amount),
                      t.money(payment.change) if known and known.gives_change else "")
    if not report.payments:
        table.add_row(t(ScreenText.SHIFT_NO_PAYMENTS), "", "", "")
    lines.append(table)
    lines.append(t(ScreenText.SHIFT_INVOICES, issued=report.invoices_issued, e=report.e_invoices,
                   first=report.first_number or "-", last=report.last_number or "-"))
    if report.manual_invoices:
        lines.append(t(ScreenText.SHIFT_MANUAL, count=report.manual_invoices, numbers=" ".join(report.manual_numbers)))
    lines.append(t(ScreenText.SHIFT_VOIDED, count=report.voided, amount=t.money(report.voided_amount)))
    if report.voided_numbers:
        lines.append(t(ScreenText.SHIFT_VOIDED_NUMBERS, numbers=" ".join(report.voided_numbers)))
    lines.extend(_returns(t, report))
    lines.append(Text(t(ScreenText.SHIFT_EXPECTED_CASH, amount=t.money(report.expected_cash)), style="bold"))
    if report.booklets:
        for booklet in report.booklets:
            lines.append(t(ScreenText.SHIFT_BOOKLET, first=booklet.next_number, last=booklet.last_number,
                           left=booklet.left))
    else:
        lines.append(Text(t(ScreenText.SHIFT_NO_NUMBERS), style="bold red"))
    return lines


def _returns(t: Translator, report: ShiftReport) -> list[str]:
    """Returns and refunds by tender, shown once the shift has any (as on the Z report's paper)."""
    if not (report.returns or report.reissued or report.refunds or report.allowances_cancelled):
        return []
    lines = [t(ScreenText.SHIFT_RETURNS, count=report.returns, amount=t.money(report.returned_amount),
               in_period=report.in_period_returns, allowances=report.allowances, reissued=report.reissued)]
    lines += [t(ScreenText.SHIFT_REFUND, kind=t.payment(refund.kind), count=refund.count, amount=t.money(refund.amount))
              for refund in report.refunds]
    if report.allowances_cancelled:
        lines.append(t(ScreenText.SHIFT_CANCELLED, count=report.allowances_cancelled,
                       amount=t.money(report.cancelled_amount)))
    return lines


class ShiftCloseScreen(CashierScreen):
    BINDINGS = [  # noqa: RUF012
        Binding("f10", "close_shift", ScreenText.KEY_CLOSE),
        Binding("f10", "done", ScreenText.KEY_DONE),  # once closed: back to the cart (check_action picks one)
        Binding("f11", "reprint", ScreenText.KEY_REPRINT),
        Binding("up", "scroll(-1)", show=False),
        Binding("down", "scroll(1)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: ShiftReport | None = None  # the X report until closed, then the stored Z report
        self.closed = False
        self.closing = False
        self.job_id: str | None = None
        self.job_state = ""
        self.loads = 0  # previews shown so far (tests wait on it)

    def compose(self) -> ComposeResult:
        yield Static(id="shift-header")
        with VerticalScroll(id="shift-body"):
            yield Static(self.t(ScreenText.SHIFT_LOADING), id="shift-figures")
        yield Static(id="shift-warning")
        yield Message(id="shift-state")
        yield from self.chrome()

    def on_mount(self) -> None:
        self.cashier.print_events.subscribe(self, self.print_event, immediate=True)
        self.query_one("#shift-body").can_focus = True  # the keyboard's place: up/down scroll the figures
        self.query_one("#shift-body").focus()
        self.query_one("#shift-warning").display = False
        self._header()
        self.query_one("#shift-state", Message).say(self.t(ScreenText.SHIFT_HINT))
        self.load()

    @property
    def staff_id(self) -> str | None:
        staff = self.cashier.sale.staff
        return staff.id if staff is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_shift":
            return not self.closed
        if action in ("done", "reprint"):
            return self.closed
        return True

    def action_done(self) -> None:
        """The shift is closed: the till goes back to the login screen for whoever works next."""
        self.cashier.logout()

    def action_back(self) -> None:
        if self.closed:  # Esc after the close ends the session too: the closed shift's cashier is done
            self.cashier.logout()
        else:
            self.app.pop_screen()

    # -- the X report (preview) ----------------------------------------------------------------------
    def status_updated(self) -> None:
        # The backlog moved (an upload finished, a sale elsewhere): the open shift's figures follow.
        if self.is_mounted and not self.closed and not self.closing and self.report is not None:
            self.load()

    def load(self) -> None:
        if self.staff_id is not None:
            self.preview(self.staff_id)

    def preview(self, staff_id: str) -> None:
        self.station_call(lambda: self.station.shift_preview(staff_id), self._previewed, group="shift-preview",
                          exclusive=True)

    def _previewed(self, report: ShiftReport) -> None:
        if not self.closed and not self.closing:
            self.loads += 1
            self.show(report)

    def _header(self) -> None:
        staff = self.cashier.sale.staff
        name = staff.name if staff is not None else ""
        if self.closed and self.report is not None:
            text = self.t(ScreenText.SHIFT_HEADER_CLOSED, number=f"Z{self.report.number or 0:06d}", staff=name)
        else:
            text = self.t(ScreenText.SHIFT_HEADER, staff=name)
        self.query_one("#shift-header", Static).update(Text(text, style="bold"))

    def show(self, report: ShiftReport) -> None:
        self.report = report
        figures = self.query_one("#shift-figures", Static)
        figures.update(Group(*report_lines(self.t, report)))
        warning = self.query_one("#shift-warning", Static)
        warning.display = report.upload_warning
        if report.upload_warning:
            warning.update(Text(upload_warning(self.t, report), style="bold red"))
        self._header()

    # -- F10: the cashier's own PIN, then the close ----------------------------------------------------
    def action_close_shift(self) -> None:
        staff = self.cashier.sale.staff
        if staff is None or self.report is None or self.closing or self.closed:
            return

        def confirmed(ok: Any) -> None:
            if ok:
                self.closing = True
                self.query_one("#shift-state", Message).say(self.t(ScreenText.SHIFT_CLOSING))
                self.close_worker(staff.id)

        self.app.push_screen(ShiftPinScreen(staff.id, staff.name, self.report), confirmed)

    def close_worker(self, staff_id: str) -> None:
        def close() -> None:
            report = self.station.close_shift(staff_id)
            # Shown (and its number known) before the job is queued: its print events find the screen ready.
            self.app.call_from_thread(self._shift_closed, report)
            self._print(report, reprint=False)

        self.station_call(close, failed=self._shift_close_failed, group="shift-close")

    def _shift_close_failed(self, error: CashierError) -> None:
        self.closing = False
        self.query_one("#shift-state", Message).say(self.t.error(error), error=True)

    def _shift_closed(self, report: ShiftReport) -> None:
        self.closing = False
        self.closed = True
        self.show(report)
        self.refresh_bindings()
        self._say_job()

    def _print(self, report: ShiftReport, *, reprint: bool) -> None:
        """On the worker's thread."""
        try:
            job = self.station.print_z_report(report, store_name=self.cashier.store_name, reprint=reprint)
        except CashierError as error:
            self.later(partial(self.refused, error))
            return
        self.later(partial(self._job_queued, job))

    def _job_queued(self, job_id: str | None) -> None:
        if job_id is None and self.station.printer_running:
            # The print service refused the job id: the same copy was queued this very second (a double F11).
            self.query_one("#shift-state", Message).say(self.t(ScreenText.SHIFT_PRINT_AGAIN_LATER))
            return
        if job_id is None:
            self.job_state = "none"
        elif job_id != self.job_id:  # else its first events came first and already said more
            self.job_id, self.job_state = job_id, "queued"
        self._say_job()

    def print_event(self, event: JobEvent) -> None:
        """Every print job's event, from the app (on the UI loop): this screen follows its Z report's."""
        if self.report is None or self.report.number is None:
            return
        if not event.job_id.startswith(f"z-{self.report.number:06d}-"):
            return
        self.job_id = event.job_id
        self.job_state = event.state.value
        self._say_job(event)

    def _say_job(self, event: JobEvent | None = None) -> None:
        if self.report is None or not self.closed:
            return
        t = self.t
        text = Text(t(ScreenText.SHIFT_STORED, number=f"Z{self.report.number or 0:06d}"), style="bold")
        text.append("　" if t.language == "zh_TW" else "  ")
        if self.job_state == "none":
            text.append(t(ScreenText.SHIFT_NO_PRINTER), style="yellow")
        elif self.job_state:
            text.append(t(ScreenText.SHIFT_PRINT, state=t(ScreenText.of(f"receipt.job.{self.job_state}"))),
                        style=JOB_STYLES.get(self.job_state, "cyan"))
            if event is not None and getattr(event.document, "reprint", False):
                text.append(f"（{t(ScreenText.KEY_REPRINT)}）")
            if event is not None and event.reason is not None:
                text.append(" " + t.error(event.reason), style="red")
        self.query_one("#shift-state", Message).update(text)

    def action_reprint(self) -> None:
        if self.closed and self.report is not None:
            self.reprint(self.report)

    def reprint(self, report: ShiftReport) -> None:
        self.station_call(lambda: self._print(report, reprint=True), group="shift-print")

    def action_scroll(self, step: int) -> None:
        self.query_one("#shift-body", VerticalScroll).scroll_relative(y=step, animate=False)


class ShiftPinScreen(CashierModal):
    """The cashier's own PIN again before a close: whoever is logged in is who closes the shift."""

    AUTO_FOCUS = "#shift-pin"
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", ScreenText.KEY_CANCEL),
        Binding("f10", "confirm", ScreenText.KEY_CLOSE, priority=True),
    ]

    def __init__(self, staff_id: str, staff_name: str, report: ShiftReport) -> None:
        super().__init__()
        self.staff_id = staff_id
        self.staff_name = staff_name
        self.report = report
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical(id="shift-pin-box") as frame:
            frame.border_title = self.t(ScreenText.SHIFT_CONFIRM_TITLE)
            frame.border_subtitle = self.keys_text()
            yield Label(self.t(ScreenText.SHIFT_CONFIRM, orders=self.report.orders,
                               total=self.t.money(self.report.total)))
            if self.report.upload_warning:
                yield Static(Text(upload_warning(self.t, self.report), style="bold red"), id="shift-pin-warning")
            yield Label(self.t(ScreenText.SHIFT_PIN, staff=self.staff_name))
            yield MaskedInput(id="shift-pin", password=True, restrict=r"[0-9]*", max_length=12, compact=True)
            yield Message(id="shift-pin-message")

    def on_mount(self) -> None:
        self.query_one("#shift-pin", Input).cursor_blink = False

    @on(Input.Submitted, "#shift-pin")
    def action_confirm(self) -> None:
        if self.checking:
            return
        pin_input = self.query_one("#shift-pin", Input)
        pin, pin_input.value = pin_input.value, ""
        if not pin:
            self.query_one("#shift-pin-message", Message).say(self.t(ScreenText.LOGIN_PIN_EMPTY), error=True)
            return
        self.checking = True
        self.query_one("#shift-pin-message", Message).say(self.t(ScreenText.LOGIN_CHECKING))
        self.check(pin)

    def check(self, pin: str) -> None:
        self.station_call(lambda: self.station.login(self.staff_id, pin),  # this cashier's own PIN, not anyone's
                          lambda _staff: self.dismiss(True), group="shift-pin", exclusive=True)

    def refused(self, error: CashierError) -> None:
        self.checking = False
        self.query_one("#shift-pin-message", Message).say(self.t.error(error), error=True)
        self.query_one("#shift-pin", Input).focus()

"""After a sale: the preview of exactly what prints, the live print status, a failed job's reason in
words with what to do about it, and 補印 (reprint). Also reached from an order's detail to reprint.

What prints is core's decision (Station.paper): the proof copy; for a sale on a carrier or donated, a
交易明細 slip and the reason no proof copy printed; for a voided invoice nothing (作廢, F11 hidden). F11
prints the next copy: a 補印 of the proof copy (the second and later ask a manager's PIN first) or of
the slip."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from core.errors import CashierError
from core.messages import InvoiceCode
from tui import navigation
from tui.i18n.texts import ScreenText
from tui.screens.base import CashierScreen
from tui.widgets.panel import Message
from tui.widgets.receipt_preview import ReceiptPreview, piece_for, render_piece

if TYPE_CHECKING:
    from core.checkout import Sale
    from core.printer.service import JobEvent
    from core.store.paper import Paper

LOW_NUMBERS = 50


class ReceiptScreen(CashierScreen):
    BINDINGS = [  # noqa: RUF012
        Binding("f11", "reprint", ScreenText.KEY_REPRINT),
        Binding("f7", "devices", ScreenText.KEY_DEVICES),
        Binding("f10,enter", "next_sale", ScreenText.KEY_NEXT_SALE, priority=True),
        Binding("escape", "next_sale", show=False),
    ]

    def __init__(self, sale: Sale | None = None, *, order_id: str | None = None, print_now: bool = True) -> None:
        super().__init__()
        self.sale = sale
        self.order_id = sale.order_id if sale is not None else order_id
        self.print_now = print_now
        self.job_id: str | None = None
        self.job_state = ""
        self.saved_path = ""
        self.paper: Paper | None = None  # what the order may get on paper (core.store.paper), once read

    def compose(self) -> ComposeResult:
        with Horizontal(id="receipt-body"):
            with VerticalScroll(id="preview-box") as box:
                box.border_title = self.t(ScreenText.RECEIPT_PREVIEW)
                yield ReceiptPreview(self.t(ScreenText.RECEIPT_RENDERING), id="preview")
            with Vertical(id="receipt-info"):
                yield Static(id="sale-summary")
                yield Static(id="job-state")
                yield Message(id="job-reason")
                yield Static(id="job-guidance")
                yield Static(id="paper-saved")
        yield from self.chrome()

    def on_mount(self) -> None:
        self.cashier.print_events.subscribe(self, self.print_event, immediate=True)
        self.cashier.paper_saved.subscribe(self, self.paper_saved, immediate=True)
        self.query_one("#preview-box").can_focus = True  # up/down/pgup scroll the preview
        self._summary()
        self.prepare()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reprint":  # nothing more to print: a voided or hand-written invoice (core refuses too)
            paper = self.paper
            if paper is not None and (paper.voided or paper.document is None):
                return False
        return super().check_action(action, parameters)

    def _summary(self) -> None:
        t = self.t
        sale = self.sale
        lines = []
        if sale is not None:
            lines = [t(ScreenText.RECEIPT_ORDER, order_no=sale.order_no),
                     t(ScreenText.RECEIPT_INVOICE, number=sale.invoice_number),
                     t(ScreenText.RECEIPT_TOTAL, total=t.money(sale.total), change=t.money(sale.change))]
        paper = self.paper
        if paper is not None and paper.voided:
            lines.append(t(ScreenText.RECEIPT_VOIDED, number=paper.number))
        elif paper is not None and paper.no_proof is not None:
            why = t(ScreenText.of(f"receipt.why.{paper.no_proof.value}"))
            lines.append(t(ScreenText.RECEIPT_NO_PAPER, why=why) if paper.document is None
                         else t(ScreenText.RECEIPT_SLIP, why=why))
        if sale is not None and sale.numbers_left < LOW_NUMBERS:
            lines.append(t(ScreenText.RECEIPT_NUMBERS_LOW, count=sale.numbers_left))
        self.query_one("#sale-summary", Static).update("\n".join(lines))

    def prepare(self) -> None:
        """Render the preview from the very document the printer gets (the proof copy, or the 交易明細 slip
        of a sale on a carrier or donated), then print it (the sale is on disk)."""

        def run() -> None:
            paper = self.station.paper(self.order_id) if self.order_id else None
            self.later(partial(self._paper_read, paper))
            if self._preview(paper) and self.print_now:
                self._print()

        self.station_call(run, group="receipt")

    def _preview(self, paper: Paper | None) -> bool:
        """Post the preview of what the next print of `paper` puts on paper (on a worker thread): a 補印 says
        補印, as the paper will. False when nothing may print."""
        document = paper.document if paper is not None else None
        if document is None:
            if paper is not None and paper.voided:
                text = self.t(ScreenText.RECEIPT_VOIDED, number=paper.number)
            elif paper is not None and paper.no_proof is not None and paper.no_proof.value == "manual":
                text = self.t(ScreenText.RECEIPT_MANUAL_PREVIEW, number=paper.number)
            else:
                text = self.t(ScreenText.RECEIPT_NOTHING)
            self.later(partial(self._show_preview, [Text(text)]))
            return False
        config = self.cashier.printer_config
        from core.printer.layout.paper import LayoutOptions

        options = config.layout() if config is not None else LayoutOptions()
        qr_note = self.t(ScreenText.RECEIPT_QR_NOTE) if self.cashier.compact else None  # half blocks are not ASCII
        try:
            pictures = render_piece(piece_for(document, options), qr_note=qr_note)
        except CashierError as error:  # cannot print on this printer's settings: the print says so too
            pictures = [Text(self.t.error(error))]
        self.later(partial(self._show_preview, pictures))
        return True

    def _print(self) -> None:
        staff = self.cashier.sale.staff
        if not self.station.printer_running or staff is None or self.order_id is None:
            self.later(self._no_printer)
            return
        try:
            job = self.station.print_owed(self.order_id, staff.id)
        except CashierError as error:  # voided, or a 2nd+ 補印 that a manager must approve: nothing printed
            needs_manager = error.code == InvoiceCode.PRINT_REPRINT_NEEDS_MANAGER
            self.later(self._ask_manager if needs_manager else partial(self.refused, error))
            return
        self.later(partial(self._job_queued, job))

    def _paper_read(self, paper: Paper | None) -> None:
        self.paper = paper
        self._summary()
        self.refresh_bindings()

    def _show_preview(self, pictures: list[Text]) -> None:
        self.query_one("#preview", ReceiptPreview).show(pictures)

    def _job_queued(self, job: str | None) -> None:
        if job is None:
            self.query_one("#job-reason", Message).say(self.t(ScreenText.RECEIPT_REPRINT_BUSY))
        else:
            self.job_id = job

    def _no_printer(self) -> None:
        self.query_one("#job-state", Static).update(self.t(ScreenText.RECEIPT_NO_PRINTER))

    def print_event(self, event: JobEvent) -> None:
        """Called by the app for every print job event (already on the UI loop)."""
        from core.invoice_printing import order_of

        if order_of(event.job_id) != self.order_id:
            return
        self.job_id = event.job_id
        self.job_state = event.state.value
        state = self.query_one("#job-state", Static)
        text = Text(self.t(ScreenText.of(f"receipt.job.{event.state.value}")),
                    style={"printed": "bold green", "failed": "bold red"}.get(event.state.value, "cyan"))
        if event.document is not None and getattr(event.document, "reprint", False):
            text.append(f"（{self.t(ScreenText.KEY_REPRINT)}）")
        state.update(text)
        reason = self.query_one("#job-reason", Message)
        guidance = self.query_one("#job-guidance", Static)
        if event.reason is not None:
            from core.printer.diagnostics import guidance_for

            reason.say(self.t.error(event.reason), error=True)
            config = self.cashier.printer_config
            steps = [self.t.error(step) for step in guidance_for(event.reason, config.model if config else "generic",
                                                                   config.url if config else "")]
            arrow = self.t.glyph("→")
            lines = [self.t(ScreenText.RECEIPT_GUIDANCE), *(f"{arrow} {step}" for step in steps)]
            guidance.update("\n".join(lines) if steps else "")
        else:
            reason.say("")
            guidance.update("")
        for warning in event.warnings:
            reason.say(self.t.error(warning))

    def paper_saved(self, path: str) -> None:
        self.saved_path = path
        self.query_one("#paper-saved", Static).update(self.t(ScreenText.RECEIPT_SAVED, path=path))

    def _ask_manager(self) -> None:
        """A 2nd+ 補印: the shared manager-PIN box, whose PIN the print service checks before printing."""
        paper, staff, station = self.paper, self.cashier.sale.staff, self.station
        if self.order_id is None or paper is None or not station.printer_running or staff is None:
            return
        order_id, staff_id = self.order_id, staff.id
        self.query_one("#job-reason", Message).say(self.t(ScreenText.REPRINT_NEEDS_MANAGER))
        self.app.push_screen(navigation.manager_pin(
            self.t(ScreenText.REPRINT_TITLE, number=paper.number),
            self.t(ScreenText.REPRINT_WHY, reprints=paper.reprints),
            lambda pin: station.print_owed(order_id, staff_id, manager_pin=pin)), self._approved)

    def _approved(self, job: str | None) -> None:
        if job is not None:
            self.job_id = job
            self.query_one("#job-reason", Message).say("")

    def action_reprint(self) -> None:
        if self.order_id is not None:
            self.reprint()

    def reprint(self) -> None:
        """F11: the next copy, read fresh from the store (the first print may have landed meanwhile)."""

        def run() -> None:
            paper = self.station.paper(self.order_id) if self.order_id else None
            self.later(partial(self._paper_read, paper))  # voided meanwhile: the summary says so, F11 goes
            if not self._preview(paper) or paper is None:  # the copy F11 prints now: a 補印 shows 補印
                return
            if paper.needs_manager:
                self.later(self._ask_manager)
                return
            self._print()

        self.station_call(run, group="receipt")

    def action_devices(self) -> None:
        self.app.push_screen(navigation.devices())

    def action_next_sale(self) -> None:
        self.app.pop_screen()
        if self.sale is not None:
            self.app.push_screen(navigation.customer())

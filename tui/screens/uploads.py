"""Upload records (上傳紀錄): every order's upload state — 等待中, 成功, failed with the reason, needs
attention — newest first, and for a voided order its void's own upload (作廢：等待中 / 成功 / 需處理 with
HQ's reason). The summary line counts voids and allowances (折讓) not yet at HQ on their own; 詳情 shows
HQ's reconciliation; F9 queues failed and refused orders again (allowances too).
The list refreshes itself as the sync service reports batches."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from core.errors import CashierError
from core.messages import SyncCode
from core.store.upload_records import OutboxSummary, UploadRecord
from tui import navigation
from tui.i18n.texts import ScreenText
from tui.screens.base import CashierScreen
from tui.void_status import void_text
from tui.widgets.scan_input import ScanInput

PAGE = 50
COLUMNS = ((ScreenText.UPLOADS_COL_NO, 11), (ScreenText.UPLOADS_COL_TIME, 11), (ScreenText.UPLOADS_COL_TOTAL, 8),
           (ScreenText.UPLOADS_COL_STATE, 8), (ScreenText.UPLOADS_COL_REASON, 36))
class UploadsScreen(CashierScreen):
    LIST_TABLE = "#uploads"
    AUTO_FOCUS = "#uploads-keys"
    WRITE_ACTIONS = frozenset({"retry"})
    BINDINGS = [  # noqa: RUF012
        Binding("f2", "detail", ScreenText.KEY_DETAIL),
        Binding("f9", "retry", ScreenText.KEY_RETRY),
        Binding("f5", "refresh", ScreenText.KEY_REFRESH),
        *CashierScreen.PAGED_LIST_BINDINGS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page_offset = 0
        self.records: list[UploadRecord] = []

    def compose(self) -> ComposeResult:
        # A scan field here too: Enter opens the highlighted record, and a scanned order number finds it.
        yield ScanInput(id="uploads-keys", placeholder=self.t(ScreenText.ORDERS_SEARCH), restrict=None)
        yield Static(id="uploads-summary")
        yield DataTable(id="uploads", cursor_type="row")
        yield from self.chrome()

    def on_mount(self) -> None:
        table = self.query_one("#uploads", DataTable)
        table.can_focus = False
        for key, width in COLUMNS:
            table.add_column(self.t(key), width=width)
        self.load()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.load()

    def status_updated(self) -> None:
        if self.is_mounted:
            self.load()

    def load(self) -> None:
        def read() -> tuple[OutboxSummary, list[UploadRecord]]:
            return self.station.upload_summary(), self.station.upload_records(limit=PAGE, offset=self.page_offset)

        self.station_call(read, lambda answer: self.show(*answer), group="uploads", exclusive=True)

    def retried(self, count: int) -> None:
        self.notify(self.t(ScreenText.UPLOADS_RETRIED, count=count))
        self.load()

    def show(self, summary: OutboxSummary, records: list[UploadRecord]) -> None:
        self.records = records
        table = self.query_one("#uploads", DataTable)
        row = table.cursor_row
        table.clear()
        language = self.cashier.language
        for record in records:
            reason = Text(record.reason.text(language) if record.reason is not None
                          and record.state.value != "success" else "")
            if record.void is not None:  # a voided order: its void's own upload, first (the column is narrow)
                reason = Text(" ").join([part for part in (void_text(self.t, language, record.void), reason) if part])
            table.add_row(record.order_no, record.created_at.strftime("%m-%d %H:%M"), f"{record.total:,}",
                          self.t(ScreenText.of(f"upload.{record.state.value}")), reason, key=record.order_id)
        if records:
            table.move_cursor(row=min(row, len(records) - 1), animate=False)
        counts = summary.counts
        text = self.t(ScreenText.UPLOADS_SUMMARY, waiting=counts.get("waiting", 0) + counts.get("uploading", 0),
                      success=counts.get("success", 0), failed=counts.get("failed", 0),
                      attention=counts.get("attention", 0))
        if summary.voids_pending or summary.voids_attention:
            text += "  " + self.t(ScreenText.UPLOADS_VOID_SUMMARY, waiting=summary.voids_pending,
                                 attention=summary.voids_attention)
        if summary.allowances_pending or summary.allowances_attention:
            text += "  " + self.t(ScreenText.UPLOADS_ALLOWANCE_SUMMARY, waiting=summary.allowances_pending,
                                 attention=summary.allowances_attention)
        if not records:
            text += "\n" + self.t(ScreenText.UPLOADS_NONE)
        self.query_one("#uploads-summary", Static).update(text)

    def selected(self) -> UploadRecord | None:
        index = self.highlighted(len(self.records))
        return None if index is None else self.records[index]

    @on(ScanInput.Blank)
    def action_detail(self) -> None:
        record = self.selected()
        if record is not None:
            self.app.push_screen(navigation.order_detail(record.order_id))

    @on(ScanInput.Scanned, "#uploads-keys")
    def find(self, message: ScanInput.Scanned) -> None:
        for index, record in enumerate(self.records):
            if message.code in (record.order_no, record.invoice_number) or record.order_no.endswith(message.code):
                self.query_one("#uploads", DataTable).move_cursor(row=index, animate=False)
                return

    def action_refresh(self) -> None:
        self.load()

    def action_older(self) -> None:
        if len(self.records) == PAGE:
            self.page_offset += PAGE
            self.load()

    def action_newer(self) -> None:
        if self.page_offset:
            self.page_offset = max(0, self.page_offset - PAGE)
            self.load()

    def action_retry(self) -> None:
        self.retry()

    def retry(self) -> None:
        def queue_again() -> int:
            if not self.station.sync_running:
                raise CashierError(SyncCode.UNREACHABLE, detail=self.t(ScreenText.UPLOADS_NO_SYNC))
            return self.station.retry_uploads(None)

        self.station_call(queue_again, self.retried, group="uploads-retry")

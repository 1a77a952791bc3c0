"""One order (詳情): lines, payments, invoice, print count, upload state and HQ's reconciliation —
name fixes by SKU and 店長改價 flags — with 補印 (F11), void with a manager PIN (F8), 退貨 (R) and retry (F9)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from core.errors import CashierError
from core.messages import SyncCode
from tui import navigation
from tui.i18n.texts import ScreenText
from tui.messages import StatusRefresh
from tui.screens.base import CashierScreen
from tui.void_status import allowance_upload_text, void_text


class OrderDetailScreen(CashierScreen):
    WRITE_ACTIONS = frozenset({"reprint", "void", "retry", "return_goods"})
    BINDINGS = [  # noqa: RUF012
        Binding("f11", "reprint", ScreenText.KEY_REPRINT),
        Binding("f8", "void", ScreenText.KEY_VOID, priority=True),
        Binding("r", "return_goods", ScreenText.KEY_RETURN, key_display="R"),
        Binding("f9", "retry", ScreenText.KEY_RETRY),
    ]

    def __init__(self, order_id: str) -> None:
        super().__init__()
        self.order_id = order_id
        self.detail: Any = None
        self.upload: Any = None
        self.allowances: Any = ()  # returns issued against the order as allowances (折讓)
        self.allowance_uploads: dict[str, Any] = {}  # allowance id -> its upload rows (issue, then cancel)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-scroll"):
            yield Static(id="detail-body")
        yield from self.chrome()

    def on_mount(self) -> None:
        self.query_one("#detail-scroll").can_focus = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reprint" and not self._printable():
            return False  # 作廢 (or hand-written): no 補印 offered; the Station refuses it too
        if action == "return_goods" and self.detail is not None and not self._returnable():
            return False  # nothing a return could take back; the Station refuses it too
        return super().check_action(action, parameters)

    def _returnable(self) -> bool:
        invoice = self.detail.invoice
        return not (self.detail.order.status == "voided" or invoice.voided or invoice.manual)

    def _printable(self) -> bool:
        if self.detail is None:
            return True  # not read yet: the receipt screen asks the Station anyway
        invoice = self.detail.invoice
        return not (self.detail.order.status == "voided" or invoice.voided or invoice.manual)

    def on_screen_resume(self) -> None:
        self.load()  # first show, and back from a reprint or a void

    def load(self) -> None:
        def read() -> tuple[Any, Any, Any, Any]:
            station = self.station
            allowances = station.allowances(self.order_id)
            return (station.order(self.order_id), station.upload_detail(self.order_id), allowances,
                    {a.id: station.allowance_uploads(a.id) for a in allowances})

        self.station_call(read, lambda answer: self.show(*answer), group="detail", exclusive=True)

    def show(self, detail: Any, upload: Any, allowances: Any = (), allowance_uploads: Any = None) -> None:
        self.detail, self.upload, self.allowances = detail, upload, tuple(allowances)
        self.allowance_uploads = allowance_uploads or {}
        self.query_one("#detail-body", Static).update(self.render_detail())
        self.refresh_bindings()

    def retried(self, count: int) -> None:
        self.notify(self.t(ScreenText.UPLOADS_RETRIED, count=count))
        self.load()

    def render_detail(self) -> Table:
        t = self.t
        d = self.detail
        order, invoice = d.order, d.invoice
        grid = Table.grid(padding=(0, 1))
        grid.add_column()
        title = Text(t(ScreenText.DETAIL_TITLE, order_no=order.order_no), style="bold")
        if order.status == "voided":
            title.append("  " + t(ScreenText.DETAIL_VOIDED, reason=invoice.void_reason or ""), style="bold red")
        grid.add_row(title)
        grid.add_row(t(ScreenText.DETAIL_TIME, time=order.created_at.strftime("%Y-%m-%d %H:%M:%S"),
                       staff=order.staff_id))
        customer = order.customer_phone or order.customer_id or t(ScreenText.CUSTOMER_GUEST)
        grid.add_row(t(ScreenText.DETAIL_CUSTOMER, customer=customer))
        kind = self._invoice_kind(invoice)
        grid.add_row(t(ScreenText.DETAIL_INVOICE, number=invoice.number, kind=kind))
        if order.status == "voided" or invoice.voided:
            grid.add_row(Text(t(ScreenText.RECEIPT_VOIDED, number=invoice.number), style="bold red"))
        if invoice.print_mark:
            grid.add_row(t(ScreenText.DETAIL_PRINTED, count=invoice.print_count) if invoice.printed_at
                         else t(ScreenText.DETAIL_NOT_PRINTED))
        elif not invoice.manual:
            from core.store.paper import no_proof_reason

            reason = no_proof_reason(invoice)
            if reason is not None:
                grid.add_row(t(ScreenText.DETAIL_SLIP, why=t(ScreenText.of(f"receipt.why.{reason.value}")),
                               count=invoice.slip_count))
        lines = Table(box=None, padding=(0, 1), show_edge=False)
        for key in (ScreenText.CART_COL_NAME, ScreenText.CART_COL_TYPE, ScreenText.CART_COL_QTY,
                    ScreenText.CART_COL_PRICE, ScreenText.CART_COL_AMOUNT):
            left = key in (ScreenText.CART_COL_NAME, ScreenText.CART_COL_TYPE)
            lines.add_column(t(key), justify="left" if left else "right")
        for line in d.lines:
            lines.add_row(line.name, t(ScreenText.of(f"type.{line.product_type}")), str(line.quantity),
                          f"{line.unit_price:,}", f"{line.amount:,}")
        grid.add_row(lines)
        grid.add_row("  ".join(t(ScreenText.DETAIL_PAYMENT, kind=t.payment(p.kind), amount=t.money(p.amount))
                               for p in d.payments) + "   " + t(ScreenText.CART_TOTALS, lines=len(d.lines),
                                                                 items=sum(ln.quantity for ln in d.lines),
                                                                 total=t.money(order.total)))
        for allowance in self.allowances:
            line = Text(t(ScreenText.DETAIL_ALLOWANCE, number=allowance.number,
                          time=allowance.issued_at.strftime("%m-%d %H:%M"),
                          items=sum(ln.quantity for ln in allowance.lines), amount=t.money(allowance.total)))
            if allowance.cancelled:
                line.append("  " + t(ScreenText.DETAIL_ALLOWANCE_CANCELLED), style="red")
            for upload in self.allowance_uploads.get(allowance.id, ()):  # the allowance's, then its cancel's
                line.append("  ").append(allowance_upload_text(t, self.cashier.language, upload))
            grid.add_row(line)
        grid.add_row(self._upload_section())
        return grid

    def _invoice_kind(self, invoice: Any) -> str:
        t = self.t
        if invoice.manual:
            return t(ScreenText.CHECKOUT_KIND_MANUAL)
        if invoice.buyer_ban:
            return f"{t(ScreenText.CHECKOUT_KIND_B2B)} {invoice.buyer_ban}"
        if invoice.carrier_type:
            return f"{t(ScreenText.of('checkout.kind.' + invoice.carrier_type))} {invoice.carrier_id}"
        if invoice.donation_code:
            return f"{t(ScreenText.CHECKOUT_KIND_DONATION)} {invoice.donation_code}"
        return t(ScreenText.CHECKOUT_KIND_PRINT)

    def _upload_section(self) -> Text:
        t = self.t
        upload = self.upload
        text = Text()
        if upload is None:
            return text
        record = upload.record
        text.append(t(ScreenText.DETAIL_UPLOAD, state=t(ScreenText.of(f"upload.{record.state.value}"))), style="bold")
        if record.reason is not None:
            text.append("  " + record.reason.text(self.cashier.language), style="red")
        if upload.platform is not None:  # what the MOF platform said (HQ files; see hq/mof)
            p = upload.platform
            text.append("\n" + t(ScreenText.DETAIL_PLATFORM, kind=p.kind,
                                  state=t(ScreenText.of(f"mof.state.{p.state}"))),
                        style="bold" if p.state == "accepted" else "bold red" if p.state in ("rejected", "held")
                        else "bold")
            if p.error_code:
                text.append(f"  {p.error_code} {p.error_text or ''}".rstrip(), style="red")
        if record.void is not None:  # the void goes to HQ on its own, once HQ has the order
            text.append("\n")
            text.append_text(void_text(t, self.cashier.language, record.void, label=ScreenText.DETAIL_VOID_UPLOAD))
        text.append("\n" + t(ScreenText.DETAIL_RECONCILE) + ": ", style="bold")
        if upload.reconciled_at is None:
            text.append(t(ScreenText.DETAIL_NO_RECONCILE))
            return text
        fixes = []
        for line in upload.lines:
            if line.name_fixed:
                fixes.append(t(ScreenText.DETAIL_NAME_FIX, sold=line.name, hq=line.hq_name))
            if line.price_override:
                fixes.append(t(ScreenText.DETAIL_PRICE_FIX, sold=t.money(line.unit_price),
                               hq=t.money(line.hq_catalog_price) if line.hq_catalog_price is not None else "-"))
            if line.unknown_sku:
                fixes.append(t(ScreenText.DETAIL_UNKNOWN_SKU, sku=line.sku))
        if upload.hq_customer_id:
            fixes.append(t(ScreenText.DETAIL_LINKED, customer=upload.hq_customer_id))
        text.append(upload.reconciled_at.strftime("%H:%M:%S"))
        for fix in fixes:
            text.append(f"\n  {t.glyph('•')} " + fix, style="yellow")
        return text

    # -- actions -------------------------------------------------------------------------------
    def action_reprint(self) -> None:
        if not self._printable():
            self.show_error(self.t(ScreenText.RECEIPT_VOIDED, number=self.detail.invoice.number))
            return
        self.app.push_screen(navigation.receipt(order_id=self.order_id))

    def action_void(self) -> None:
        if self.detail is None or self.detail.order.status == "voided":
            self.show_error(self.t(ScreenText.VOID_CANNOT))
            return
        self.app.push_screen(navigation.void(self.order_id, self.detail.order.order_no), self._voided)

    def _voided(self, manager: object) -> None:
        if manager is not None:
            self.notify(self.t(ScreenText.VOID_DONE, order_no=self.detail.order.order_no,
                               manager=getattr(manager, "name", "")))
            self.post_message(StatusRefresh())
            self.load()

    def action_return_goods(self) -> None:
        self.app.push_screen(navigation.return_goods(self.order_id))

    def action_retry(self) -> None:
        self.retry()

    def retry(self) -> None:
        def queue_again() -> int:
            if not self.station.sync_running:
                raise CashierError(SyncCode.UNREACHABLE, detail=self.t(ScreenText.UPLOADS_NO_SYNC))
            return self.station.retry_uploads([self.order_id])

        self.station_call(queue_again, self.retried, group="detail")

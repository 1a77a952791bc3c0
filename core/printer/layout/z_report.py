"""The shift-close Z report (交班報表): totals by payment type, invoices issued, voided and reissued,
returns and refunds by tender, the net by tender and the cash the drawer should hold, the numbers left,
and a warning when orders still wait for upload. Text only, cut as its own piece."""

from __future__ import annotations

from core.einvoice import format_invoice_number
from core.payment_kind import paper_label
from core.printer.encoder import Align, Encoder
from core.printer.layout.paper import LayoutOptions
from core.shift.model import ZReport

TITLE = "交班報表 Z"
REPRINT_MARK = "補印"
UPLOAD_WARNING = "！尚有 {count} 筆訂單未上傳總部"
ATTENTION_WARNING = "！{count} 筆訂單需要處理"
_MAX_LISTED = 10  # long void/manual lists are in the stored report; the paper shows the first ones


def _number(value: str | None) -> str:
    return format_invoice_number(value) if value else "-"


def _returns(encoder: Encoder, document: ZReport, options: LayoutOptions) -> None:
    """Returns and refunds, then what each tender brought in net and the cash the drawer should hold."""
    report = document.report
    encoder.line(options.spread("重開發票", str(report.reissued)))
    encoder.line(options.rule())
    encoder.line(options.spread(f"退貨 ({report.returns})", str(report.returned_amount)))
    encoder.line(options.spread(f"  期內作廢重開 ({report.in_period_returns})", str(report.in_period_amount)))
    encoder.line(options.spread(f"  折讓 ({report.allowances})", str(report.allowance_amount)))
    for refund in report.refunds:
        encoder.line(options.spread(f"  退款 {paper_label(refund.kind)} ({refund.count})", str(refund.amount)))
    encoder.line(options.spread(f"作廢折讓 ({report.allowances_cancelled})", str(report.cancelled_amount)))
    for refund in report.cancelled_refunds:
        encoder.line(options.spread(f"  退回 {paper_label(refund.kind)} ({refund.count})", str(refund.amount)))
    encoder.line(options.rule())
    for kind in report.kinds:
        encoder.line(options.spread(f"淨額 {paper_label(kind)}", str(report.net(kind))))
    encoder.bold().line(options.spread("應有現金", str(report.expected_cash))).bold(False)


def encode(encoder: Encoder, document: ZReport, options: LayoutOptions) -> None:
    report = document.report
    title = TITLE + REPRINT_MARK if document.reprint else TITLE
    encoder.line_spacing(options.line_spacing).align(Align.CENTER).bold()
    if document.store_name:
        encoder.line(document.store_name)
    encoder.size(options.largest_size(title, limit=2), 2).line(title).size(1, 1).bold(False).align(Align.LEFT)
    if report.number is not None:
        encoder.line(f"序號 Z{report.number:06d}")
    encoder.line(f"機台 {report.station_id}  交班 {report.closed_by}")
    encoder.line(f"起 {report.opened_at:%Y-%m-%d %H:%M:%S}")
    encoder.line(f"迄 {report.closed_at:%Y-%m-%d %H:%M:%S}")
    encoder.line(options.rule())
    encoder.line(options.spread("交易筆數", str(report.orders)))
    encoder.bold().line(options.spread("銷售總額", str(report.total))).bold(False)
    for payment in report.payments:
        name = paper_label(payment.kind)
        encoder.line(options.spread(f"{name} ({payment.count})", str(payment.amount)))
        if payment.change:
            encoder.line(options.spread("  找零", str(payment.change)))
    encoder.line(options.rule())
    encoder.line(options.spread("開立發票", str(report.invoices_issued)))
    encoder.line(options.spread("  電子發票", str(report.e_invoices)))
    encoder.line(f"  起 {_number(report.first_number)}")
    encoder.line(f"  迄 {_number(report.last_number)}")
    encoder.line(options.spread("  手開發票", str(report.manual_invoices)))
    for number in report.manual_numbers[:_MAX_LISTED]:
        encoder.line(f"    {_number(number)}")
    encoder.line(options.spread("作廢發票", str(report.voided)))
    encoder.line(options.spread("  作廢金額", str(report.voided_amount)))
    for number in report.voided_numbers[:_MAX_LISTED]:
        encoder.line(f"    {_number(number)}")
    _returns(encoder, document, options)
    encoder.line(options.rule())
    encoder.line(options.spread("剩餘號碼", str(report.numbers_left)))
    for booklet in report.booklets:
        encoder.line(options.spread(f"  {_number(booklet.next_number)}~{booklet.last_number[-2:]}", str(booklet.left)))
    if report.upload_warning:
        encoder.line(options.rule("="))
        encoder.bold()
        if report.pending_uploads:
            encoder.line(UPLOAD_WARNING.format(count=report.pending_uploads))
        if report.attention_uploads:
            encoder.line(ATTENTION_WARNING.format(count=report.attention_uploads))
        encoder.bold(False)
    encoder.cut()

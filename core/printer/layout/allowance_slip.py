"""The 折讓證明單 (營業人銷貨退回、進貨退出或折讓證明單) on the roll: who sold and bought, the allowance's number
and date, the original invoice's number and date, each returned line with its untaxed amount and tax, the
totals, the reason, and the line where the buyer signs or stamps. Text only, cut as its own piece.

The fields follow the paper form of 統一發票使用辦法 §20 as 電子發票實施作業要點 附件一 貳 prints it for an
e-invoice seller: the columns 數量, 單價, 金額 (untaxed) and 營業稅額 per line, then the sums."""

from __future__ import annotations

from core.einvoice import format_invoice_number
from core.printer import big5
from core.printer.documents import AllowanceSlip
from core.printer.encoder import Align, Encoder
from core.printer.layout.paper import LayoutOptions

TITLE = ("營業人銷貨退回、進貨退出", "或折讓證明單")
REPRINT_MARK = "補印"
CONSUMER = "非營業人"
STATEMENT = ("本證明單所列銷貨退回或折讓，", "確屬事實，特此證明。")  # broken where 58 mm paper needs it
_COLUMNS = (("數量", 5), ("單價", 7), ("金額", 8), ("稅額", 6))  # right-aligned, after the indent


def encode(encoder: Encoder, slip: AllowanceSlip, options: LayoutOptions) -> None:
    encoder.line_spacing(options.line_spacing).align(Align.CENTER).bold()
    encoder.line(big5.fit(slip.seller_name, options.cells))
    last = TITLE[-1] + REPRINT_MARK if slip.reprint else TITLE[-1]
    for text in (*TITLE[:-1], last):
        encoder.line(text)
    encoder.bold(False).align(Align.LEFT)
    encoder.line(f"折讓單號 {slip.number}")
    encoder.line(f"折讓日期 {slip.issued.strftime('%Y-%m-%d %H:%M:%S')}")
    if slip.station_id:
        encoder.line(f"機台 {slip.station_id}")
    encoder.line(f"賣方統編 {slip.seller_ban}")
    encoder.line(f"買方統編 {slip.buyer_ban}" if slip.buyer_ban else f"買方 {CONSUMER}")
    encoder.line(f"原發票號碼 {format_invoice_number(slip.original_number)}")
    encoder.line(f"原發票日期 {slip.original_date}")
    _lines(encoder, slip, options)
    encoder.line(options.spread("金額(不含稅)", str(slip.amount)))
    encoder.line(options.spread("營業稅額", str(slip.tax)))
    encoder.bold().line(options.spread("合計", str(slip.total))).bold(False)
    encoder.line(f"課稅別 {slip.tax_type}")
    for text in wrap(f"原因 {slip.reason}", options.cells):
        encoder.line(text)
    encoder.line(options.rule("="))
    for part in STATEMENT:
        for text in wrap(part, options.cells):
            encoder.line(text)
    encoder.line(f"{slip.signature_label}：")
    encoder.feed(3)  # room for the signature or the stamp
    encoder.line("_" * options.cells)
    encoder.cut()


def _lines(encoder: Encoder, slip: AllowanceSlip, options: LayoutOptions) -> None:
    indent = max(0, options.cells - sum(width for _, width in _COLUMNS))  # 6 cells on 58 mm paper
    encoder.line(options.rule())
    heading = "品名"
    encoder.line(heading + " " * max(0, indent - big5.cells(heading))
                 + "".join(_right(label, width) for label, width in _COLUMNS))
    for line in slip.lines:
        encoder.track(line.name)
        for text in wrap(line.name, options.cells):
            encoder.line(text)
        values = (line.quantity, line.unit_price, line.amount, line.tax)
        encoder.line(" " * indent + "".join(_right(str(value), width) for value, (_, width)
                                            in zip(values, _COLUMNS, strict=True)))
    encoder.line(options.rule())


def _right(text: str, width: int) -> str:
    return " " * max(0, width - big5.cells(text)) + text


def wrap(text: str, width: int) -> list[str]:
    """`text` (as the printer shows it) cut into lines of at most `width` cells, never inside a character."""
    rest = big5.printable(text)
    out: list[str] = []
    while big5.cells(rest) > width:
        head = big5.fit(rest, width)
        out.append(head)
        rest = rest[len(head):]
    if rest or not out:
        out.append(rest)
    return out

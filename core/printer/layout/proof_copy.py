"""The proof copy (證明聯) laid out as einvoice.md draws it, fitted to the paper's dots per line."""

from __future__ import annotations

from core.einvoice import ProofCopy, qr_bytes
from core.errors import CashierError
from core.messages import PrinterCode
from core.printer import big5
from core.printer.codes import code39_bitmap, code39_width, native_qr_pair, plan_qr_pair, qr_pair_bitmap
from core.printer.encoder import Align, Encoder
from core.printer.layout.paper import LayoutOptions

TEST_MARK = "** 測試 TEST 非發票 **"


def encode(encoder: Encoder, proof: ProofCopy, options: LayoutOptions) -> None:
    encoder.line_spacing(options.line_spacing).align(Align.CENTER)
    if proof.test:
        encoder.bold().line(TEST_MARK).bold(False)
    encoder.bold().line(proof.seller_name)
    title_size = options.largest_size(proof.title, limit=2)
    encoder.size(title_size, 2).line(proof.title)
    big = options.largest_size(proof.period.label, proof.printed_number)
    encoder.size(big, big).line(proof.period.label).line(proof.printed_number)
    encoder.size(1, 1).bold(False).align(Align.LEFT)
    encoder.line(proof.date_line)
    encoder.line(_pair(f"隨機碼 {proof.random_code}", f"總計 {proof.total}", options))
    seller = f"賣方 {proof.seller_ban}"
    encoder.line(_pair(seller, f"買方 {proof.buyer_ban}", options) if proof.is_b2b else seller)
    encoder.feed_dots(8)
    _barcode(encoder, proof.barcode, options)
    encoder.feed_dots(12)
    _qr_pair(encoder, proof, options)
    encoder.feed_dots(12).align(Align.LEFT)
    if proof.test:
        encoder.align(Align.CENTER).bold().line(TEST_MARK).bold(False).align(Align.LEFT)
    if proof.is_b2b:
        _details(encoder, proof, options)
    encoder.cut()


def _pair(left: str, right: str, options: LayoutOptions) -> str:
    """Two fields on one line, the second starting at the middle when there is room."""
    half = options.cells // 2
    if big5.cells(left) < half:
        left += " " * (half - big5.cells(left))
    else:
        left += "  "
    return big5.fit(left + right, options.cells)


def _barcode(encoder: Encoder, data: str, options: LayoutOptions) -> None:
    if code39_width(data) > options.dots_per_line:
        raise ValueError(f"the Code 39 barcode needs {code39_width(data)} dots; the paper has "
                         f"{options.dots_per_line}")
    encoder.align(Align.CENTER)
    if options.barcode_mode == "native":
        encoder.code39(data, module=1, height=options.barcode_height)
    else:
        encoder.raster(code39_bitmap(data, options.barcode_height))


def qr_payload_bytes(proof: ProofCopy) -> tuple[bytes, bytes]:
    return qr_bytes(proof.qr_left, proof.qr_encoding), qr_bytes(proof.qr_right, proof.qr_encoding)


def _qr_pair(encoder: Encoder, proof: ProofCopy, options: LayoutOptions) -> None:
    left, right = qr_payload_bytes(proof)
    native = native_qr_pair(left, right, options.dots_per_line) if options.qr_mode == "page" else None
    if native is None:
        if not options.allow_raster:  # an XON/XOFF link: an image would read as flow control
            raise CashierError(PrinterCode.QR_NATIVE_UNEQUAL)
        plan = plan_qr_pair(left, right, options.dots_per_line)
        encoder.align(Align.CENTER).raster(qr_pair_bitmap(left, right, plan, options.qr_mask))
        return
    # Page mode: an area as wide as the pair, centred; each symbol is placed by its lower-left corner
    # on the baseline (GS $ y = symbol height), so equal heights make the tops line up. The data is
    # exactly the payload; each code's level (fn 169) is what makes the printer pick the plan's version.
    plan = native.plan
    origin = (options.dots_per_line - plan.width) // 2
    encoder.page_begin(width=origin + plan.width, height=plan.size)
    for x, data, level in ((origin + plan.left_x, left, native.left_level),
                           (origin + plan.right_x, right, native.right_level)):
        encoder.page_position(x=x, y=plan.size).qr(data, module=plan.module, ecc=level)
    encoder.page_print()


def _details(encoder: Encoder, proof: ProofCopy, options: LayoutOptions) -> None:
    """The B2B detail block: unlimited length, below the codes."""
    cells = options.cells
    widths = (cells - 20, 5, 7, 8)  # name, quantity, unit price, amount
    name_w = widths[0]
    encoder.line(options.rule())
    encoder.line(_row(("品名", "數量", "單價", "金額"), widths))
    for item in proof.lines:
        encoder.track(item.name)
        name = big5.printable(item.name)
        if big5.cells(name) > name_w:
            encoder.line(name)
            name = ""
        encoder.line(_row((name, str(item.quantity), str(item.unit_price), str(item.amount)), widths))
    encoder.line(options.rule())
    sales, tax = proof.sales_and_tax
    for label, value in (("銷售額", sales), ("稅額", tax), ("總計", proof.total)):
        encoder.line(options.spread(label, str(value)))
    encoder.line(options.spread("課稅別", proof.tax_type))
    encoder.line(f"備註 {proof.note}".rstrip())


def _row(values: tuple[str, str, str, str], widths: tuple[int, int, int, int]) -> str:
    name = big5.fit(values[0], widths[0])
    padded = name + " " * (widths[0] - big5.cells(name))
    return padded + "".join(_right(value, width) for value, width in zip(values[1:], widths[1:], strict=True))


def _right(text: str, width: int) -> str:
    return " " * max(0, width - big5.cells(text)) + text

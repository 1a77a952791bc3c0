"""The transaction-details slip (交易明細): items, payments and change, cut as its own piece."""

from __future__ import annotations

from core.einvoice import format_invoice_number
from core.printer import big5
from core.printer.documents import NOT_A_PROOF_COPY, WHY_NO_PROOF, NoProofCopy, TransactionDetails
from core.printer.encoder import Align, Encoder
from core.printer.layout.paper import LayoutOptions

TITLE = "交易明細"
REPRINT_MARK = "補印"


def encode(encoder: Encoder, slip: TransactionDetails, options: LayoutOptions) -> None:
    title = TITLE + REPRINT_MARK if slip.reprint else TITLE
    encoder.line_spacing(options.line_spacing).align(Align.CENTER).bold()
    encoder.line(slip.store_name)
    size = options.largest_size(title, limit=2)
    encoder.size(size, 2).line(title).size(1, 1).bold(False).align(Align.LEFT)
    encoder.line(f"單號 {slip.order_ref}")
    encoder.line(f"時間 {slip.issued.strftime('%Y-%m-%d %H:%M:%S')}")
    if slip.station_id:
        encoder.line(f"機台 {slip.station_id}")
    if slip.invoice_number:
        encoder.line(f"發票 {format_invoice_number(slip.invoice_number)}")
    if slip.no_proof is not None:  # never mistaken for the invoice: no codes, and it says so in words
        encoder.bold().line(NOT_A_PROOF_COPY).bold(False)
        why = WHY_NO_PROOF.get(NoProofCopy(slip.no_proof))
        if why:
            encoder.line(why)
        if slip.donation_code:
            encoder.line(f"愛心碼 {slip.donation_code}")
    encoder.line(options.rule())
    for item in slip.lines:
        encoder.track(item.name).line(big5.fit(item.name, options.cells))
        encoder.line(options.spread(f"  {item.quantity} x {item.unit_price}", str(item.amount)))
    encoder.line(options.rule())
    encoder.bold().line(options.spread("總計", str(slip.total))).bold(False)
    for label, amount in slip.payments:
        encoder.line(options.spread(label, str(amount)))
    if slip.change:
        encoder.line(options.spread("找零", str(slip.change)))
    encoder.cut()

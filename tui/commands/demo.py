"""`cashier demo`: the station with zero set-up.

Until the cashier screens land (issue 5) this runs the real engine headless: a temporary station
database with demo data, a few sales of each invoice kind, and what each would print.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

TEXT = {
    "zh_TW": {
        "db": "示範資料庫：{path}", "sale": "── {kind} ──",
        "order": "訂單 {no}  發票 {number}  總計 {total} 元  找零 {change} 元",
        "paper": "列印證明聯：{title}（{period}）", "nopaper": "不列印證明聯（{why}）",
        "left": "本期剩餘發票號碼 {cur} 張，下期 {nxt} 張",
        "printed": "一般發票（列印）", "b2b": "打統編（B2B 格式25）", "mobile": "手機條碼載具",
        "manual": "自行開立（手開發票）", "carrier": "存入載具", "handwritten": "手開發票",
        "barcode": "一維條碼", "qr": "QR 左／右",
    },
    "en": {
        "db": "Demo database: {path}", "sale": "── {kind} ──",
        "order": "Order {no}  invoice {number}  total NT${total}  change NT${change}",
        "paper": "Proof copy to print: {title} ({period})", "nopaper": "No proof copy ({why})",
        "left": "Invoice numbers left: {cur} this period, {nxt} next period",
        "printed": "Printed B2C invoice", "b2b": "Business buyer (B2B, 格式25)", "mobile": "Mobile carrier",
        "manual": "Manual invoice (自行開立)", "carrier": "stored in the carrier", "handwritten": "hand-written",
        "barcode": "Barcode", "qr": "QR left/right",
    },
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help="run the station with demo data, no set-up needed")
    parser.add_argument("--data-dir", type=Path, help="keep the demo database here (default: a temporary dir)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from core.checkout import CheckoutRequest, InvoiceRequest, Tender
    from core.clock import SystemClock
    from core.demo.station import open_demo_station

    text = TEXT["en" if args.lang == "en" else "zh_TW"]
    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="cashier-demo-"))
    station = open_demo_station(folder / "station.db", SystemClock())
    print(text["db"].format(path=station.db.path))
    basket = [line for code in ("4710000000011", "4710000000028", "4710000000035")
              if (line := station.scan(code)) is not None]
    sales = [
        ("printed", InvoiceRequest.printed()),
        ("b2b", InvoiceRequest.b2b("24634102")),
        ("mobile", InvoiceRequest.mobile("/ABC+123")),
        ("manual", InvoiceRequest.manual("XY-87654321")),
    ]
    for kind, invoice in sales:
        total = sum(line.amount for line in basket)
        sale = station.checkout(CheckoutRequest(lines=basket, tenders=[Tender("cash", total + 100 - total % 100)],
                                                invoice=invoice, staff_id="E001"))
        print(text["sale"].format(kind=text[kind]))
        print(text["order"].format(no=sale.order_no, number=sale.invoice_number, total=sale.total, change=sale.change))
        if sale.proof_copy is not None:
            proof = sale.proof_copy
            print(text["paper"].format(title=proof.title, period=proof.period.label))
            print(f"  {proof.printed_number}  {proof.date_line}")
            print(f"  隨機碼 {proof.random_code}   總計 {proof.total}")
            print(f"  {text['barcode']}: {proof.barcode}")
            print(f"  {text['qr']}: {proof.qr_left}")
            print(f"  {' ' * len(text['qr'])}  {proof.qr_right}")
        else:
            print(text["nopaper"].format(why=text["handwritten" if sale.manual else "carrier"]))
    left = station.numbers_left()
    print(text["left"].format(cur=left.current, nxt=left.next))
    station.close()
    return 0

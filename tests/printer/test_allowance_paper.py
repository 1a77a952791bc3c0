"""A return prints its 折讓證明單 once it is committed: every field read back from the virtual printer's
paper; a failed print never undoes the return and leaves the slip owed; a torn copy makes the next one a
補印; a cancelled allowance never prints again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import col, select

from core.checkout import CartLine, CheckoutRequest, InvoiceRequest, PaymentKind, Tender
from core.clock import TAIPEI, ManualClock
from core.errors import CashierError
from core.invoice_printing import InvoicePrinting
from core.printer.config import PrinterConfig
from core.printer.documents import AllowanceSlip, AllowanceSlipLine
from core.printer.layout import LayoutOptions, encode_document
from core.printer.layout.paper import DOTS_PER_LINE_CHOICES
from core.printer.service import JobState
from core.printer.virtual.machine import TextRun
from core.printer.virtual.printer import VirtualPrinter
from core.printer.virtual.renderer import to_text
from core.station import Station
from core.store.allowances import Allowance, Refund
from core.store.tables import AllowanceRow, AuditEntry
from tests.factories import MANAGER_PIN, simple_sale
from tests.printer.printing import Recorder

NEXT_PERIOD = datetime(2027, 1, 5, 10, 0, 0, tzinfo=TAIPEI)  # 116年01-02月: the invoice can no longer be voided
BUYER = "24634102"


@pytest.fixture
def printer(tmp_path: Path) -> VirtualPrinter:
    return VirtualPrinter(disconnect_after=300, out_dir=tmp_path / "paper")


@pytest.fixture
def printing(station: Station, printer: VirtualPrinter) -> Iterator[tuple[InvoicePrinting, Recorder]]:
    recorder = Recorder()
    printing = station.start_printing(PrinterConfig(url="emulator", status_timeout=0.1), emulator=printer,
                                      on_job=recorder)
    yield printing, recorder


def _return(station: Station, order_id: str, lines: list[tuple[int, int]], *,
            refunds: list[Refund] | None = None) -> Allowance:
    return station.return_lines(order_id, lines, reason="商品瑕疵 客人退貨", refunds=refunds, staff_id="E001",
                                manager_pin=MANAGER_PIN)


def _job(allowance: Allowance, attempt: int = 1) -> str:
    return f"allowance:{allowance.id}/{attempt}"


def _paper_audits(station: Station, allowance: Allowance) -> list[tuple[str, str, dict[str, object]]]:
    with station.db.read() as session:
        rows = session.exec(select(AuditEntry).where(col(AuditEntry.action).startswith("allowance_"))
                            .order_by(col(AuditEntry.id))).all()
    return [(row.action, row.staff_id, json.loads(row.detail)) for row in rows
            if json.loads(row.detail).get("allowance_id") == allowance.id and row.action != "allowance"]


def test_a_return_prints_its_allowance_slip_with_every_field(
        station: Station, clock: ManualClock, printer: VirtualPrinter,
        printing: tuple[InvoicePrinting, Recorder]) -> None:
    _service, recorder = printing
    sale = station.checkout(simple_sale(InvoiceRequest.b2b(BUYER)))  # 乾電池 1 x 105, 口罩 2 x 105
    assert recorder.final(station.print_owed(sale.order_id, "E001") or "").state is JobState.PRINTED
    clock.set(NEXT_PERIOD)
    allowance = _return(station, sale.order_id, [(1, 1), (2, 1)])
    assert recorder.final(_job(allowance)).state is JobState.PRINTED

    assert len(printer.pieces) == 2 and printer.pieces[1].cut
    lines = to_text(printer.pieces[1]).splitlines()
    assert lines[:4] == ["示範商店股份有限公司", "營業人銷貨退回、進貨退出", "或折讓證明單", "折讓單號 S01A000001"]
    for expected in ("折讓日期 2027-01-05 10:00:00", "機台 S01", "賣方統編 12345675", f"買方統編 {BUYER}",
                     f"原發票號碼 AB-{sale.invoice_number[2:]}", "原發票日期 2026-11-22", "課稅別 應稅",
                     "原因 商品瑕疵 客人退貨", "本證明單所列銷貨退回或折讓，", "確屬事實，特此證明。",
                     "買受人蓋統一發票專用章："):
        assert expected in lines, expected
    # Each returned line: its name, then quantity, unit price, untaxed amount and tax in columns.
    battery, mask = lines.index("乾電池"), lines.index("口罩")
    assert lines[battery + 1].split() == ["1", "105", "100", "5"]
    assert lines[mask + 1].split() == ["1", "105", "100", "5"]
    assert lines[battery - 1].split() == ["品名", "數量", "單價", "金額", "稅額"]

    def total(label: str) -> str:
        [line] = [line for line in lines if line.startswith(label)]
        return line.split()[-1]

    assert (total("金額(不含稅)"), total("營業稅額"), total("合計")) == ("200", "10", "210")
    assert lines[-1] == "_" * 32  # the line the buyer stamps above
    assert "補印" not in "".join(lines)

    assert station.unprinted_allowances() == []
    [(action, staff, detail)] = _paper_audits(station, allowance)
    assert (action, staff, detail["copy"], detail["complete"]) == ("allowance_paper", "E001", 1, True)
    assert (printer.out_dir / "job-0002.png").exists()  # the virtual printer's render of the slip


def test_a_consumer_signs_and_has_no_business_number_on_the_slip(
        station: Station, clock: ManualClock, printer: VirtualPrinter,
        printing: tuple[InvoicePrinting, Recorder]) -> None:
    _service, recorder = printing
    sale = station.checkout(simple_sale(InvoiceRequest.mobile("/ABC+123")))  # no proof copy owed
    allowance = _return(station, sale.order_id, [(2, 2)])  # within the period: the store may still allow
    assert recorder.final(_job(allowance)).state is JobState.PRINTED
    lines = to_text(printer.pieces[-1]).splitlines()
    assert "買方 非營業人" in lines and "買受人簽名：" in lines
    assert not any(line.startswith("買方統編") for line in lines)
    assert "/ABC+123" not in "".join(lines)
    mask = lines.index("口罩")
    assert lines[mask + 1].split() == ["2", "105", "200", "10"]


def test_a_failed_print_keeps_the_return_and_the_slip_owed_until_it_prints(
        station: Station, clock: ManualClock, printer: VirtualPrinter,
        printing: tuple[InvoicePrinting, Recorder]) -> None:
    _service, recorder = printing
    sale = station.checkout(simple_sale())
    clock.set(NEXT_PERIOD)
    printer.set_fault("paper-end")
    allowance = _return(station, sale.order_id, [(2, 1)])
    failed = recorder.final(_job(allowance))
    assert failed.state is JobState.FAILED and not failed.sent
    assert station.allowances(sale.order_id) == [allowance]  # the return stands
    assert station.unprinted_allowances() == [allowance.id]
    assert _paper_audits(station, allowance) == []

    printer.set_fault(None)
    retry = station.print_allowance(allowance.id, "E001")
    assert retry == _job(allowance, 2) and recorder.final(retry).state is JobState.PRINTED
    text = to_text(printer.pieces[-1])
    assert "或折讓證明單" in text and "補印" not in text  # nothing reached paper before: the original
    assert station.unprinted_allowances() == []


def test_a_torn_slip_makes_the_next_copy_a_reprint_audited_with_who_asked(
        station: Station, clock: ManualClock, printer: VirtualPrinter,
        printing: tuple[InvoicePrinting, Recorder]) -> None:
    _service, recorder = printing
    sale = station.checkout(simple_sale(InvoiceRequest.mobile("/ABC+123")))
    clock.set(NEXT_PERIOD)
    printer.set_fault("disconnect")
    allowance = _return(station, sale.order_id, [(1, 1)])
    torn = recorder.final(_job(allowance))
    assert torn.state is JobState.FAILED and torn.sent
    assert station.unprinted_allowances() == [allowance.id]  # owed: no complete copy yet

    printer.set_fault(None)
    reprint = station.print_allowance(allowance.id, "M001")
    assert reprint is not None
    assert station.print_allowance(allowance.id, "M001") is None  # a second key press while it prints
    assert recorder.final(reprint).state is JobState.PRINTED
    complete = [piece for piece in printer.pieces if piece.cut]
    assert len(complete) == 1 and "或折讓證明單補印" in to_text(complete[0]).splitlines()
    audits = [(action, staff, detail["copy"], detail.get("complete")) for action, staff, detail
              in _paper_audits(station, allowance)]
    assert audits == [("allowance_paper", "E001", 1, False), ("allowance_reprint", "M001", 2, None),
                      ("allowance_paper", "M001", 2, True)]
    assert station.unprinted_allowances() == []


def test_a_cancelled_allowance_never_prints_again(
        station: Station, clock: ManualClock, printer: VirtualPrinter,
        printing: tuple[InvoicePrinting, Recorder]) -> None:
    service, recorder = printing
    sale = station.checkout(simple_sale(InvoiceRequest.mobile("/ABC+123")))
    clock.set(NEXT_PERIOD)
    allowance = _return(station, sale.order_id, [(1, 1)])
    assert recorder.final(_job(allowance)).state is JobState.PRINTED
    station.cancel_allowance(allowance.id, staff_id="E001", manager_pin=MANAGER_PIN, reason="開錯折讓單")
    pieces = len(printer.pieces)
    with pytest.raises(CashierError) as refused:
        station.print_allowance(allowance.id, "E001")
    assert refused.value.code == "allowance.print_cancelled"
    assert "S01A000001" in refused.value.text("zh_TW") and "cancelled" in refused.value.text("en")
    assert service.service.wait_idle(5.0) and len(printer.pieces) == pieces
    with station.db.read() as session:
        assert session.exec(select(AllowanceRow)).one().cancelled


def test_a_cash_refund_opens_the_drawer_after_its_slip_and_a_card_refund_does_not(
        station: Station, clock: ManualClock, printer: VirtualPrinter) -> None:
    recorder = Recorder()
    station.start_printing(PrinterConfig(url="emulator", status_timeout=0.1, drawer=True), emulator=printer,
                           on_job=recorder)
    sale = station.checkout(CheckoutRequest(
        lines=[CartLine("4710000000017", "乾電池", 2, 105, catalog_price=105)],
        tenders=[Tender("card", 210, reference="123456")], invoice=InvoiceRequest.mobile("/ABC+123"),
        staff_id="E001"))
    assert station.printing is not None and station.printing.service.wait_idle(5.0)
    kicks = len(printer.kicks)
    clock.set(NEXT_PERIOD)
    card = _return(station, sale.order_id, [(1, 1)], refunds=[Refund(PaymentKind.CARD, 105, "654321")])
    assert station.printing.service.wait_idle(5.0) and len(printer.kicks) == kicks
    cash = _return(station, sale.order_id, [(1, 1)])
    assert station.printing.service.wait_idle(5.0) and len(printer.kicks) == kicks + 1
    assert recorder.states(_job(card))[-1] == recorder.states(_job(cash))[-1] == JobState.PRINTED.value


def _slip(name: str, buyer_ban: str | None) -> AllowanceSlip:
    return AllowanceSlip(
        seller_name="示範商店股份有限公司", seller_ban="12345675", number="S01A000123",
        issued=NEXT_PERIOD, original_number="AB12345678", original_date="2026-11-22",
        lines=(AllowanceSlipLine(name, 12, 1999, 22_838, 1_142), AllowanceSlipLine("口罩", 1, 105, 100, 5)),
        reason="客人退貨：尺寸不合，更換未成，原因說明很長很長很長很長很長很長", buyer_ban=buyer_ban,
        station_id="S01")


@pytest.mark.parametrize("dots", DOTS_PER_LINE_CHOICES)
@pytest.mark.parametrize("buyer_ban", [None, BUYER])
def test_the_slip_fits_every_paper_width_and_wraps_long_text_without_losing_it(dots: int,
                                                                               buyer_ban: str | None) -> None:
    name = "超長的商品名稱：北海道產特選鮮奶油蛋糕禮盒（六吋）附贈蠟燭與刀叉組合"
    printer = VirtualPrinter(dots_per_line=dots)
    printer.receive(encode_document(_slip(name, buyer_ban), LayoutOptions(dots)).bytes())
    [piece] = printer.pieces
    assert piece.cut
    for element in piece.elements:
        assert isinstance(element, TextRun) and element.x >= 0 and element.x + element.width <= dots, element
    lines = to_text(piece).splitlines()
    cells = dots // 12
    at = end = next(i for i, line in enumerate(lines) if line.startswith("品名")) + 1
    joined = ""
    while joined != name and end < len(lines):
        joined, end = joined + lines[end], end + 1
    assert joined == name and end - at >= 2  # wrapped onto as many lines as it needs, nothing cut off
    assert lines[end].split() == ["12", "1999", "22838", "1142"] and len(lines[end]) <= cells
    reason_at = next(i for i, line in enumerate(lines) if line.startswith("原因"))
    assert "".join(lines[reason_at:lines.index("=" * cells)]) == "原因 " + _slip(name, None).reason
    assert (f"買方統編 {buyer_ban}" in lines) == (buyer_ban is not None)
    assert ("買受人蓋統一發票專用章：" if buyer_ban else "買受人簽名：") in lines
    assert next(line for line in lines if line.startswith("合計")).split()[-1] == str(22_838 + 1_142 + 105)

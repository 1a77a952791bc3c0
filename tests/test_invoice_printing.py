"""The station prints what each invoice is owed, and writes every job's outcome back to the store:
a failed copy leaves the invoice not printed and reprintable; a reprint takes no number and says 補印."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from core.checkout import InvoiceRequest
from core.einvoice import BOOKLET_SIZE
from core.errors import CashierError
from core.invoice_printing import InvoicePrinting
from core.printer.config import PrinterConfig
from core.printer.documents import NoProofCopy
from core.printer.service import JobState
from core.printer.virtual.printer import VirtualPrinter
from core.printer.virtual.renderer import to_text
from core.printer.virtual.server import VirtualPrinterServer
from core.station import Station
from core.store.outbox import load_orders
from core.store.tables import AuditEntry, Invoice
from core.sync.payload import order_dict
from tests.factories import MANAGER_PIN, WRONG_PIN, simple_sale, table_counts
from tests.printer.conftest import fast_config
from tests.printer.decoding import decode_png
from tests.printer.printing import Recorder


@pytest.fixture
def printer() -> VirtualPrinter:
    return VirtualPrinter(disconnect_after=300)


@pytest.fixture
def printing(station: Station, printer: VirtualPrinter) -> Iterator[tuple[InvoicePrinting, Recorder]]:
    printing = station.start_printing(PrinterConfig(url="emulator", status_timeout=0.1), emulator=printer)
    recorder = Recorder()
    printing.listen(recorder)
    yield printing, recorder


def _invoice(station: Station, order_id: str) -> Invoice:
    with station.db.read() as session:
        return session.exec(select(Invoice).where(Invoice.order_id == order_id)).one()


def test_a_printed_original_marks_the_invoice_printed(station: Station, printer: VirtualPrinter,
                                                      printing: tuple[InvoicePrinting, Recorder]) -> None:
    service, recorder = printing
    sale = station.checkout(simple_sale())
    job = service.print_owed(sale.order_id, "E001")
    assert job is not None and recorder.final(job).state is JobState.PRINTED

    invoice = _invoice(station, sale.order_id)
    assert (invoice.print_count, invoice.printed_at) == (1, station.clock.now())
    assert service.unprinted() == []
    text = to_text(printer.pieces[0])
    assert "電子發票證明聯" in text and "補印" not in text and "AB-12345600" in text


def test_paper_end_leaves_the_invoice_owed_and_the_retry_is_the_original(
        station: Station, printer: VirtualPrinter, printing: tuple[InvoicePrinting, Recorder]) -> None:
    service, recorder = printing
    printer.set_fault("paper-end")
    sale = station.checkout(simple_sale())
    failed = recorder.final(service.print_owed(sale.order_id, "E001") or "")
    assert failed.state is JobState.FAILED and failed.reason is not None
    assert "紙" in failed.reason.text("zh_TW") and "paper" in failed.reason.text("en")
    assert (_invoice(station, sale.order_id).print_count, service.unprinted()) == (0, [sale.order_id])

    printer.set_fault(None)
    retry = service.print_owed(sale.order_id, "E001")
    assert retry is not None and recorder.final(retry).state is JobState.PRINTED
    assert "補印" not in to_text(printer.pieces[-1])  # nothing reached paper before: this is the original
    assert len(printer.pieces) == 1 and service.unprinted() == []


def test_a_disconnect_mid_job_then_reprint_gives_exactly_one_reprint_copy(
        station: Station, printer: VirtualPrinter, printing: tuple[InvoicePrinting, Recorder]) -> None:
    service, recorder = printing
    printer.set_fault("disconnect")
    sale = station.checkout(simple_sale(InvoiceRequest.b2b("24634102")))
    torn = recorder.final(service.print_owed(sale.order_id, "E001") or "")
    assert torn.state is JobState.FAILED and torn.sent
    invoice = _invoice(station, sale.order_id)
    assert (invoice.print_count, invoice.printed_at) == (1, None)  # a part of the original is out there

    reprint = service.print_owed(sale.order_id, "M001")
    assert reprint is not None
    assert service.print_owed(sale.order_id, "M001") is None  # a second key press while it prints
    assert recorder.final(reprint).state is JobState.PRINTED

    complete = [piece for piece in printer.pieces if piece.cut]
    assert len(complete) == 1 and "電子發票證明聯補印" in to_text(complete[0])
    assert _invoice(station, sale.order_id).print_count == 2
    with station.db.read() as session:
        audit = session.exec(select(AuditEntry).where(AuditEntry.order_id == sale.order_id)).one()
    assert (audit.action, audit.staff_id, json.loads(audit.detail)) == (
        "reprint", "M001", {"copy": 2, "number": sale.invoice_number})
    assert station.numbers_left().current == BOOKLET_SIZE - 1


def test_a_manual_invoice_prints_nothing(station: Station, printing: tuple[InvoicePrinting, Recorder],
                                       printer: VirtualPrinter) -> None:
    service, _ = printing
    manual = station.checkout(simple_sale(InvoiceRequest.manual("XY87654321")))
    assert service.unprinted() == []  # the buyer holds the hand-written one
    assert service.print_owed(manual.order_id, "E001") is None and printer.pieces == []
    paper = station.paper(manual.order_id)
    assert (paper.document, paper.no_proof) == (None, NoProofCopy.MANUAL)


# -- lawful paper: a carrier or a donation gets a 交易明細 slip, never a proof copy -------------
NO_PROOF_SALES = [
    pytest.param(InvoiceRequest.mobile("/ABC+123"), NoProofCopy.MOBILE, "電子發票已存入手機條碼載具", id="mobile"),
    pytest.param(InvoiceRequest.citizen("AB12345678901234"), NoProofCopy.CITIZEN, "電子發票已存入自然人憑證載具",
                 id="citizen"),
    pytest.param(InvoiceRequest.donation("8585"), NoProofCopy.DONATION, "電子發票已捐贈", id="donation"),
]


@pytest.fixture
def socket_printing(station: Station, tmp_path: Path) -> Iterator[tuple[InvoicePrinting, Recorder, VirtualPrinter]]:
    """The station's printing to a virtual printer on a loopback TCP port, through pyserial's socket://."""
    printer = VirtualPrinter(out_dir=tmp_path / "paper")
    server = VirtualPrinterServer(printer, "127.0.0.1", 0).start()
    printing = station.start_printing(fast_config(server.url))
    recorder = Recorder()
    printing.listen(recorder)
    yield printing, recorder, printer
    printing.stop()
    server.stop()


@pytest.mark.parametrize(("request_", "reason", "why"), NO_PROOF_SALES)
def test_a_sale_on_a_carrier_or_donated_prints_a_details_slip_never_a_proof_copy(
        station: Station, socket_printing: tuple[InvoicePrinting, Recorder, VirtualPrinter],
        request_: InvoiceRequest, reason: NoProofCopy, why: str) -> None:
    service, recorder, printer = socket_printing
    sale = station.checkout(simple_sale(request_, cash=500))
    assert sale.proof_copy is None and station.proof_copy(sale.order_id) is None
    assert station.paper(sale.order_id).no_proof is reason

    job = service.print_owed(sale.order_id, "E001")
    assert job is not None and recorder.final(job).state is JobState.PRINTED
    assert len(printer.pieces) == 1
    piece = printer.pieces[0]
    text = to_text(piece)
    lines = text.splitlines()
    assert lines[1] == "交易明細" and "電子發票證明聯" not in text.replace("本明細非電子發票證明聯", "")
    assert "本明細非電子發票證明聯" in lines and why in lines
    assert f"發票 AB-{sale.invoice_number[2:]}" in lines
    assert any(line.startswith("乾電池") for line in lines) and any(line.startswith("口罩") for line in lines)
    assert any(line.startswith("總計") and line.endswith("315") for line in lines)
    assert any(line.startswith("現金") and line.endswith("500") for line in lines)
    assert any(line.startswith("找零") and line.endswith("185") for line in lines)
    assert ("愛心碼 8585" in lines) == (reason is NoProofCopy.DONATION)
    assert "/ABC+123" not in text and "AB12345678901234" not in text  # the carrier's code stays off paper
    # An independent decoder finds no code at all on the saved PNG: no barcode, no QR.
    png = printer.out_dir / "job-0001.png"
    assert png.exists() and decode_png(png) == []
    assert not [e for e in piece.elements if getattr(e, "kind", "") in ("qr", "barcode", "raster")]

    invoice = _invoice(station, sale.order_id)  # the slip is not the invoice: print mark N, nothing printed
    assert (invoice.print_mark, invoice.print_count, invoice.printed_at, invoice.slip_count) == (False, 0, None, 1)
    with station.db.read() as session:
        [bundle] = load_orders(session, [sale.order_id])
    uploaded = order_dict(bundle)["invoice"]
    assert uploaded["print_mark"] is False and not any("print" in key for key in uploaded if key != "print_mark")
    assert service.unprinted() == []


def test_f11_on_a_carrier_sale_prints_a_details_slip_reprint_audited(
        station: Station, socket_printing: tuple[InvoicePrinting, Recorder, VirtualPrinter]) -> None:
    service, recorder, printer = socket_printing
    sale = station.checkout(simple_sale(InvoiceRequest.mobile("/ABC+123")))
    for expected in ("交易明細", "交易明細補印", "交易明細補印"):  # slips need no manager: they are not invoices
        job = service.print_owed(sale.order_id, "E001")
        assert job is not None and recorder.final(job).state is JobState.PRINTED
        assert to_text(printer.pieces[-1]).splitlines()[1] == expected
    invoice = _invoice(station, sale.order_id)
    assert (invoice.print_count, invoice.printed_at, invoice.slip_count) == (0, None, 3)
    with station.db.read() as session:
        audit = session.exec(select(AuditEntry).where(AuditEntry.order_id == sale.order_id)
                             .order_by(AuditEntry.id)).all()
    assert [(a.action, a.staff_id, json.loads(a.detail)["copy"]) for a in audit] == [
        ("details_reprint", "E001", 2), ("details_reprint", "E001", 3)]


def test_a_voided_invoice_is_never_printed_again(station: Station, printer: VirtualPrinter,
                                                 printing: tuple[InvoicePrinting, Recorder]) -> None:
    service, recorder = printing
    printed = station.checkout(simple_sale())
    recorder.final(service.print_owed(printed.order_id, "E001") or "")
    unprinted = station.checkout(simple_sale())
    carrier = station.checkout(simple_sale(InvoiceRequest.mobile("/ABC+123")))
    for sale in (printed, unprinted, carrier):
        station.void(sale.order_id, staff_id="E001", manager_pin=MANAGER_PIN, reason="客人退貨")
    before = table_counts(station)
    for sale in (printed, unprinted, carrier):
        with pytest.raises(CashierError) as refused:
            service.print_owed(sale.order_id, "E001", manager_pin=MANAGER_PIN)
        assert refused.value.code == "print.voided"
        assert "作廢" in refused.value.text("zh_TW") and "void" in refused.value.text("en")
        with pytest.raises(CashierError, match="void"):
            station.proof_copy(sale.order_id)
        assert station.paper(sale.order_id).document is None
    assert len(printer.pieces) == 1 and table_counts(station) == before  # nothing printed, nothing written
    assert service.unprinted() == []


def test_the_second_reprint_needs_a_manager_pin_and_is_audited_with_the_approver(
        station: Station, printer: VirtualPrinter, printing: tuple[InvoicePrinting, Recorder]) -> None:
    service, recorder = printing
    sale = station.checkout(simple_sale())
    original = service.print_owed(sale.order_id, "E001")
    assert original is not None and recorder.final(original).state is JobState.PRINTED
    first = service.print_owed(sale.order_id, "E001")  # the first 補印: the cashier alone
    assert first is not None and recorder.final(first).state is JobState.PRINTED
    assert station.paper(sale.order_id).needs_manager

    before = table_counts(station)
    with pytest.raises(CashierError) as refused:
        service.print_owed(sale.order_id, "E001")
    assert refused.value.code == "print.reprint_needs_manager"
    assert "店長" in refused.value.text("zh_TW") and "manager" in refused.value.text("en")
    with pytest.raises(CashierError) as wrong:
        service.print_owed(sale.order_id, "E001", manager_pin=WRONG_PIN)
    assert wrong.value.code == "manager.pin_wrong"
    assert len(printer.pieces) == 2 and table_counts(station) == before  # refused: nothing printed or written

    second = service.print_owed(sale.order_id, "E001", manager_pin=MANAGER_PIN)
    assert second is not None and recorder.final(second).state is JobState.PRINTED
    assert len(printer.pieces) == 3 and "電子發票證明聯補印" in to_text(printer.pieces[-1])
    with station.db.read() as session:
        audit = session.exec(select(AuditEntry).where(AuditEntry.order_id == sale.order_id)
                             .order_by(AuditEntry.id)).all()
    assert [(a.action, a.staff_id, a.approved_by, json.loads(a.detail)["copy"]) for a in audit] == [
        ("reprint", "E001", None, 2), ("reprint", "E001", "M001", 3)]
    assert _invoice(station, sale.order_id).print_count == 3

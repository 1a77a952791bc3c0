"""The station prints what each invoice is owed, and writes every job's outcome back to the store:
a failed copy leaves the invoice not printed and reprintable; a reprint takes no number and says 補印."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlmodel import select

from core.checkout import InvoiceRequest
from core.einvoice import BOOKLET_SIZE
from core.invoice_printing import InvoicePrinting
from core.printer.config import PrinterConfig
from core.printer.service import JobState
from core.printer.virtual.printer import VirtualPrinter
from core.printer.virtual.renderer import to_text
from core.station import Station
from core.store.tables import AuditEntry, Invoice
from tests.factories import simple_sale
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


def test_nothing_to_print_for_a_carrier_is_still_printable_on_request_but_manual_is_not(
        station: Station, printing: tuple[InvoicePrinting, Recorder]) -> None:
    service, recorder = printing
    carrier = station.checkout(simple_sale(InvoiceRequest.mobile("/ABC+123")))
    manual = station.checkout(simple_sale(InvoiceRequest.manual("XY87654321")))
    assert service.unprinted() == []  # neither is owed on paper
    assert service.print_owed(manual.order_id, "E001") is None  # the buyer holds the hand-written one
    job = service.print_owed(carrier.order_id, "E001")
    assert job is not None and recorder.final(job).state is JobState.PRINTED

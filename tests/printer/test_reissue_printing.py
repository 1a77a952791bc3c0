"""A return within the period through the station and pyserial (socket://) to the virtual printer on
loopback: a cash refund kicks the drawer once, a card refund never; the kept lines' new invoice prints
like any sale, and its codes read back from the paper with an independent decoder carry the new number
and random code; the voided original never prints again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.checkout import CheckoutRequest, InvoiceRequest, PaymentKind, Tender
from core.errors import CashierError
from core.invoice_printing import InvoicePrinting
from core.printer.virtual.renderer import to_text
from core.printer.virtual.server import VirtualPrinterServer
from core.station import Station
from core.store.allowances import Refund
from tests.factories import MANAGER_PIN, simple_sale
from tests.printer.conftest import ServerFactory, fast_config
from tests.printer.decoding import barcodes, decode_png, qr_codes

IDLE = 15.0


@pytest.fixture
def server(printer_server: ServerFactory) -> VirtualPrinterServer:
    return printer_server()


@pytest.fixture
def printing(station: Station, server: VirtualPrinterServer) -> Iterator[InvoicePrinting]:
    yield station.start_printing(fast_config(server.url))
    station.stop_printing()


def _return(station: Station, order_id: str, lines: list[tuple[int, int]], refunds: list[Refund] | None = None):  # type: ignore[no-untyped-def]
    return station.return_in_period(order_id, lines, reason="客人退貨", refunds=refunds, staff_id="E001",
                                    manager_pin=MANAGER_PIN)


def test_a_cash_refund_kicks_the_drawer_and_the_new_invoice_reads_back_from_the_paper(
        station: Station, server: VirtualPrinterServer, printing: InvoicePrinting) -> None:
    printer = server.printer
    sale = station.checkout(simple_sale())
    printing.print_owed(sale.order_id, "E001")
    assert printing.service.wait_idle(IDLE)
    assert len(printer.pieces) == 1 and len(printer.kicks) == 1  # the sale's paper, then its drawer

    done = _return(station, sale.order_id, [(2, 1)])
    assert printing.service.wait_idle(IDLE)
    assert len(printer.kicks) == 2 and len(printer.pieces) == 1  # the refund's kick, no paper by itself
    assert station.return_plan(done.sale.order_id).printed_original is False

    new = done.sale
    assert new is not None and new.proof_copy is not None
    job = station.print_owed(new.order_id, "E001")
    assert job is not None and printing.service.wait_idle(IDLE)
    assert len(printer.pieces) == 2 and len(printer.kicks) == 2  # a reissue owes no sale's kick
    paper = printer.pieces[1]
    text = to_text(paper)
    assert "電子發票證明聯" in text and "補印" not in text and "AB-12345601" in text
    found = decode_png(paper)
    assert [b.text for b in barcodes(found)] == [new.proof_copy.barcode]
    assert new.proof_copy.barcode.endswith("AB12345601" + (new.random_code or ""))
    left, _right = qr_codes(found)
    assert left.text.startswith("AB12345601") and left.text[17:21] == new.random_code
    assert station.return_plan(new.order_id).printed_original

    with pytest.raises(CashierError) as refused:
        station.print_owed(sale.order_id, "E001")
    assert refused.value.code == "print.voided"


def test_a_card_refund_does_not_open_the_drawer(station: Station, server: VirtualPrinterServer,
                                                printing: InvoicePrinting) -> None:
    request = CheckoutRequest(lines=simple_sale().lines, tenders=[Tender("card", 315, "R-1")],
                              invoice=InvoiceRequest.printed(), staff_id="E001")
    sale = station.checkout(request)
    done = _return(station, sale.order_id, [(1, 1), (2, 2)], refunds=[Refund(PaymentKind.CARD, 315, "V-1")])
    assert done.sale is None and printing.service.wait_idle(IDLE)
    assert server.printer.kicks == []

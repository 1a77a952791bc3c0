"""The cash drawer through the station: pyserial (socket://) to the virtual printer on loopback counts one
kick per cash sale, right after its paper, and none for a card sale or a reprint; a manager's PIN opens it
outside a sale, audited; a wrong PIN writes and kicks nothing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from sqlmodel import select

from core.checkout import CartLine, CheckoutRequest, InvoiceRequest, Tender
from core.errors import CashierError
from core.invoice_printing import InvoicePrinting
from core.printer.drawer import DrawerState, KickReason, drawer_state
from core.printer.status import PrinterStatus
from core.printer.virtual.machine import Kick
from core.printer.virtual.server import VirtualPrinterServer
from core.station import Station
from core.store.tables import AuditEntry
from tests.factories import MANAGER_PIN, WRONG_PIN, simple_sale
from tests.printer.conftest import ServerFactory, fast_config
from tests.printer.printing import Recorder

IDLE = 15.0
LINES = [CartLine("4710000000017", "乾電池", 1, 105, catalog_price=105)]

Start = Callable[..., tuple[InvoicePrinting, Recorder]]


@pytest.fixture
def server(printer_server: ServerFactory) -> VirtualPrinterServer:
    return printer_server()


@pytest.fixture
def start(station: Station, server: VirtualPrinterServer) -> Iterator[Start]:
    def begin(**settings: object) -> tuple[InvoicePrinting, Recorder]:
        recorder = Recorder()
        printing = station.start_printing(fast_config(server.url, **settings), on_job=recorder)
        return printing, recorder

    yield begin
    station.stop_printing()


def _sale(tenders: list[Tender], invoice: InvoiceRequest | None = None) -> CheckoutRequest:
    return CheckoutRequest(lines=LINES, tenders=tenders, invoice=invoice or InvoiceRequest.printed(), staff_id="E001")


def _sell_and_print(station: Station, printing: InvoicePrinting, request: CheckoutRequest) -> str:
    sale = station.checkout(request)
    printing.print_owed(sale.order_id, "E001")
    assert printing.service.wait_idle(IDLE)
    return sale.order_id


def test_each_cash_sale_kicks_once_after_its_paper_and_a_card_sale_never(
        station: Station, server: VirtualPrinterServer, start: Start) -> None:
    printing, recorder = start(drawer_pin=5, drawer_pulse_ms=150)
    printer = server.printer
    _sell_and_print(station, printing, _sale([Tender("cash", 500)]))
    assert printer.kicks == [Kick(5, 150, 150)] and len(printer.pieces) == 1
    jobs = [e.job_id for e in recorder.events if e.state.value == "printed"]
    assert jobs[0].endswith("/1") and jobs[1].startswith("drawer-sale-")  # the paper first, then the drawer

    _sell_and_print(station, printing, _sale([Tender("card", 105, "1234")]))
    assert len(printer.kicks) == 1 and len(printer.pieces) == 2
    _sell_and_print(station, printing, _sale([Tender("card", 100, "5678"), Tender("cash", 5)]))
    _sell_and_print(station, printing, simple_sale())
    assert len(printer.kicks) == 3 and len(printer.pieces) == 4
    assert all(b"\x1bp" not in piece.raw for piece in printer.pieces)  # no kick is filed with the paper


def test_a_reprint_does_not_open_the_drawer_again(station: Station, server: VirtualPrinterServer,
                                                   start: Start) -> None:
    printing, _ = start()
    order_id = _sell_and_print(station, printing, simple_sale())
    printing.print_owed(order_id, "E001")  # the first 補印 needs no manager
    assert printing.service.wait_idle(IDLE)
    assert len(server.printer.pieces) == 2 and server.printer.kicks == [Kick(2, 100, 100)]


def test_a_cash_sale_that_owes_no_paper_opens_the_drawer_at_once(station: Station, server: VirtualPrinterServer,
                                                                  start: Start) -> None:
    printing, _ = start()
    station.checkout(_sale([Tender("cash", 200)], InvoiceRequest.manual("XY87654321")))
    assert printing.service.wait_idle(IDLE)
    assert server.printer.pieces == [] and len(server.printer.kicks) == 1


def test_drawer_false_sends_no_kick(station: Station, server: VirtualPrinterServer, start: Start) -> None:
    printing, _ = start(drawer=False)
    _sell_and_print(station, printing, simple_sale())
    assert len(server.printer.pieces) == 1 and server.printer.kicks == []
    assert station.kick_drawer(KickReason.REFUND) is None
    with pytest.raises(CashierError) as refused:
        station.open_drawer("E001", manager_pin=MANAGER_PIN, reason="no sale")
    assert refused.value.code == "drawer.unavailable"


def test_a_refund_can_kick_the_drawer_through_the_service(station: Station, server: VirtualPrinterServer,
                                                          start: Start) -> None:
    _, recorder = start()
    job = station.kick_drawer(KickReason.REFUND, "order-1")
    assert job is not None and recorder.final(job).state.value == "printed"
    assert server.printer.kicks == [Kick(2, 100, 100)]


def _drawer_audits(station: Station) -> list[AuditEntry]:
    with station.db.read() as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.action == "drawer_open")).all())


def test_open_drawer_needs_a_managers_pin_and_is_audited(station: Station, server: VirtualPrinterServer,
                                                          start: Start) -> None:
    printing, _ = start()
    with pytest.raises(CashierError) as wrong:
        station.open_drawer("E001", manager_pin=WRONG_PIN, reason="換零錢")
    assert wrong.value.code == "manager.pin_wrong"
    assert printing.service.wait_idle(IDLE)
    assert _drawer_audits(station) == [] and server.printer.kicks == []

    manager = station.open_drawer("E001", manager_pin=MANAGER_PIN, reason="換零錢")
    assert printing.service.wait_idle(IDLE)
    assert manager.id == "M001" and server.printer.kicks == [Kick(2, 100, 100)]
    [entry] = _drawer_audits(station)
    assert (entry.staff_id, entry.approved_by, entry.order_id) == ("E001", "M001", None)
    assert json.loads(entry.detail) == {"reason": "換零錢"} and entry.at == station.clock.now().replace(microsecond=0)


def test_the_service_reads_the_drawer_sensor(station: Station, server: VirtualPrinterServer, start: Start) -> None:
    printing, _ = start()
    seen: list[PrinterStatus] = []
    for opened in (True, False):
        server.printer.drawer_open = opened
        station.request_printer_status(seen.append)
        assert printing.service.wait_idle(IDLE)
    assert [drawer_state(s) for s in seen] == [DrawerState.OPEN, DrawerState.CLOSED]


def test_a_kick_the_stopped_printer_refused_comes_with_the_retried_paper(
        station: Station, server: VirtualPrinterServer, start: Start) -> None:
    printing, recorder = start()
    server.printer.set_fault("paper-end")
    order_id = _sell_and_print(station, printing, simple_sale())
    assert [e.state.value for e in recorder.events if e.finished] == ["failed", "failed"]
    assert server.printer.kicks == [] and server.printer.pieces == []

    server.printer.set_fault(None)
    printing.print_owed(order_id, "E001")
    assert printing.service.wait_idle(IDLE)
    assert len(server.printer.pieces) == 1 and server.printer.kicks == [Kick(2, 100, 100)]

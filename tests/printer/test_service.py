"""The print service: own thread, queue, states by callback, no double printing, in-process emulator."""

from __future__ import annotations

import threading
from datetime import datetime

from core.clock import TAIPEI
from core.einvoice import ProofLine
from core.printer.config import PrinterConfig
from core.printer.documents import TransactionDetails, sample_test_page
from core.printer.service import JobState, PrintService
from core.printer.transport import open_link
from core.printer.virtual.printer import VirtualPrinter
from core.printer.virtual.renderer import to_text
from tests.printer.conftest import NATIVE_PAIR_ITEMS, fast_config, make_proof
from tests.printer.decoding import barcodes, decode_png, qr_codes
from tests.printer.printing import Recorder


def test_states_in_order_on_the_service_thread_never_the_callers(printer_server, proof) -> None:
    server = printer_server()
    recorder = Recorder()
    with PrintService(fast_config(server.url), on_event=recorder) as service:
        assert service.submit("a", proof)
        assert service.submit("b", make_proof(number="AB12345679"))
        recorder.final("b")
    assert recorder.states("a") == ["queued", "printing", "printed"]
    assert recorder.states("b") == ["queued", "printing", "printed"]
    assert [e.job_id for e in recorder.events if e.state is JobState.PRINTED] == ["a", "b"]  # queue order
    assert recorder.threads == {"print-events"}
    assert threading.current_thread().name not in recorder.threads


def test_submit_never_blocks_the_caller_even_when_the_printer_hangs(proof) -> None:
    release = threading.Event()
    opened = threading.Event()
    printer = VirtualPrinter()

    def slow_link():  # a port whose open hangs (a USB device half-enumerated)
        opened.set()
        release.wait(10)
        return open_link(PrinterConfig(url="emulator"), emulator=printer)

    recorder = Recorder()
    service = PrintService(PrinterConfig(url="emulator", status_timeout=0.1), on_event=recorder,
                           link_factory=slow_link).start()
    try:
        assert service.submit("a", proof)
        assert opened.wait(5)
        assert service.submit("b", make_proof(number="AB12345679"))  # returns while the worker is stuck
        assert service.state_of("a") is JobState.PRINTING and service.state_of("b") is JobState.QUEUED
        release.set()
        assert recorder.final("b").state is JobState.PRINTED
    finally:
        release.set()
        service.stop()


def test_nothing_prints_twice_unless_asked(printer_server, proof) -> None:
    server = printer_server()
    recorder = Recorder()
    with PrintService(fast_config(server.url), on_event=recorder) as service:
        assert service.submit("order-1", proof)
        assert not service.submit("order-1", proof)  # the same job again: refused
        recorder.final("order-1")
        assert not service.submit("order-1", proof)  # still refused once printed
        assert service.reprint("unknown-job") is None
        reprint = service.reprint("order-1")  # asked: prints, marked 補印
        event = recorder.final(reprint)
    assert event.reprint_of == "order-1" and event.document.reprint and not proof.reprint
    texts = [to_text(p) for p in server.printer.pieces]
    assert len(texts) == 2
    assert "電子發票證明聯\n" in texts[0] and "補印" not in texts[0]
    assert "電子發票證明聯補印" in texts[1]
    assert texts[0].split("電子發票證明聯")[1].split("\n", 2)[2] == texts[1].split("電子發票證明聯補印")[1].split(
        "\n", 2)[2]  # everything below the title is identical: same number, date, codes


def test_reprint_after_restart_takes_the_document_from_the_caller(printer_server, proof) -> None:
    server = printer_server()
    recorder = Recorder()
    with PrintService(fast_config(server.url), on_event=recorder) as service:
        reprint = service.reprint("order-from-yesterday", proof)
        assert reprint is not None
        assert recorder.final(reprint).state is JobState.PRINTED
    piece = server.printer.pieces[0]
    assert "電子發票證明聯補印" in to_text(piece)
    found = decode_png(piece)
    assert [b.text for b in barcodes(found)] == [proof.barcode]
    assert len(qr_codes(found)) == 2


def test_in_process_emulator_transport_prints_without_a_tcp_port(tmp_path, proof) -> None:
    printer = VirtualPrinter(out_dir=tmp_path)
    recorder = Recorder()
    statuses = []
    config = PrinterConfig(url="emulator", status_timeout=0.1)
    with PrintService(config, on_event=recorder, on_status=statuses.append, emulator=printer) as service:
        service.submit("order-1", proof)
        assert recorder.final("order-1").state is JobState.PRINTED
        done = threading.Event()
        service.request_status(lambda status: (statuses.append(status), done.set()))
        assert done.wait(5)
    assert statuses and all(s.can_print for s in statuses)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["job-0001.bin", "job-0001.png", "job-0001.txt"]
    left, _ = qr_codes(decode_png(tmp_path / "job-0001.png"))
    assert left.text == proof.qr_left


def test_in_process_emulator_faults_and_disconnect(proof) -> None:
    printer = VirtualPrinter(fault="disconnect", disconnect_after=200)
    recorder = Recorder()
    with PrintService(PrinterConfig(url="emulator", status_timeout=0.1), on_event=recorder,
                      emulator=printer) as service:
        service.submit("order-1", proof)
        failed = recorder.final("order-1")
        assert failed.reason is not None and failed.reason.code == "printer.disconnected"
        assert recorder.final(service.reprint("order-1")).state is JobState.PRINTED
        printer.set_fault("cover-open")
        service.submit("order-2", make_proof(number="AB12345679"))
        event = recorder.final("order-2")
    assert event.state is JobState.FAILED and "cover open" in event.reason.text("en")
    assert [p.cut for p in printer.pieces] == [False, True]


def test_xonxoff_link_gets_no_raster_data(printer_server, proof) -> None:
    server = printer_server()
    config = fast_config(server.url, flow_control="xonxoff")
    recorder = Recorder()
    native = make_proof(lines=NATIVE_PAIR_ITEMS, number="AB12345679")
    page = sample_test_page(issued=datetime(2026, 11, 22, 9, 0, tzinfo=TAIPEI))
    with PrintService(config, on_event=recorder) as service:
        service.submit("order-1", native)
        service.submit("order-2", proof)
        service.submit("test", page)
        assert recorder.final("order-1").state is JobState.PRINTED
        # Codes no error-correction level brings to one size need the raster the link cannot carry:
        # refused, in words. (The official example's right code is 42 bytes: version 5 holds 44 even at H.)
        refused = recorder.final("order-2")
        assert refused.state is JobState.FAILED and not refused.sent
        assert refused.reason is not None and refused.reason.code == "printer.qr_native_unequal"
        assert "RTS/CTS" in refused.reason.text("en") and "RTS/CTS" in refused.reason.text("zh_TW")
        # The test page's three sample items are split so that a level per code makes the pair equal.
        assert recorder.final("test").state is JobState.PRINTED
    assert len(server.printer.pieces) == 2
    assert all(b"\x1dv0" not in piece.raw for piece in server.printer.pieces)
    for piece, proof_copy in zip(server.printer.pieces, (native, page.sample), strict=True):
        left, right = qr_codes(decode_png(piece))
        assert (left.data, right.data) == (proof_copy.qr_left.encode(), proof_copy.qr_right.encode())


def test_details_slip_prints_items_payments_and_change(printer_server) -> None:
    slip = TransactionDetails(
        store_name="示範門市", order_ref="S01-000123", issued=datetime(2026, 11, 22, 14, 5, 9, tzinfo=TAIPEI),
        lines=(ProofLine("乾電池", 2, 105), ProofLine("牛奶", 1, 25)), payments=(("現金", 300),), change=65,
        invoice_number="AB12345678", station_id="S01")
    server = printer_server()
    recorder = Recorder()
    with PrintService(fast_config(server.url), on_event=recorder) as service:
        service.submit("slip-1", slip)
        assert recorder.final("slip-1").state is JobState.PRINTED
        recorder.final(service.reprint("slip-1"))
    first, again = (to_text(p).splitlines() for p in server.printer.pieces)
    assert first[:2] == ["示範門市", "交易明細"] and again[1] == "交易明細補印"
    assert "發票 AB-12345678" in first
    assert any(line.startswith("總計") and line.endswith("235") for line in first)
    assert any(line.startswith("找零") and line.endswith("65") for line in first)
    assert all(len(line.encode("cp950")) <= 32 for line in first)


def test_reset_connection_reopens_the_link(printer_server, proof) -> None:
    server = printer_server()
    recorder = Recorder()
    with PrintService(fast_config(server.url), on_event=recorder) as service:
        service.submit("a", proof)
        recorder.final("a")
        done = threading.Event()
        service.reset_connection(done.set)
        assert done.wait(5)
        service.submit("b", make_proof(number="AB12345679"))
        assert recorder.final("b").state is JobState.PRINTED
    assert server.connections == 2

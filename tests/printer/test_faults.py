"""Each fault of the printer gives the right state and message and leaves the invoice reprintable."""

from __future__ import annotations

import time

import pytest

from core.einvoice import qr_bytes
from core.printer.service import JobState, PrintService, check_printer
from core.printer.virtual.renderer import to_text
from core.printer.virtual.server import VirtualPrinterServer
from tests.printer.conftest import fast_config, make_proof
from tests.printer.decoding import decode_png, qr_codes
from tests.printer.printing import Recorder

FAULTS = [
    ("paper-end", "沒有紙了", "paper end", False),
    ("cover-open", "機蓋打開", "cover open", False),
    ("offline", "印表機沒有回應狀態查詢（離線或狀態不明）", "no reply to the status query (offline or unknown)", False),
    ("paper-near-end", "紙捲快用完", "paper near end", True),
]


@pytest.mark.parametrize("case", FAULTS, ids=[f[0] for f in FAULTS])
def test_fault_state_message_and_reprint(printer_server, proof, case) -> None:
    fault, zh, en, prints = case
    server = printer_server(fault=fault)
    config = fast_config(server.url)
    status = check_printer(config)
    assert zh in status.words("zh_TW") and en in status.words("en")
    assert status.can_print is prints

    recorder = Recorder()
    with PrintService(config, on_event=recorder) as service:
        service.submit("order-1", proof)
        event = recorder.final("order-1")
        if prints:
            assert event.state is JobState.PRINTED
            assert [w.text("en") for w in event.warnings] == ["paper near end"]
            assert len(server.printer.pieces) == 1
            return
        assert event.state is JobState.FAILED
        assert event.reason is not None and event.reason.code == "printer.cannot_print"
        assert zh in event.reason.text("zh_TW") and en in event.reason.text("en")
        assert not event.sent and server.printer.pieces == []  # not printed: the invoice stays reprintable
        assert service.state_of("order-1") is JobState.FAILED

        server.printer.set_fault(None)  # the cashier loads paper / closes the cover / powers it on
        reprint = service.reprint("order-1")
        assert reprint is not None
        assert recorder.final(reprint).state is JobState.PRINTED
    pieces = server.printer.pieces
    assert len(pieces) == 1
    assert "電子發票證明聯補印" in to_text(pieces[0])
    assert "AB-12345678" in to_text(pieces[0])  # the same number, never a new one


def test_disconnect_mid_job_then_reconnect_and_reprint_gives_exactly_one_reprint(printer_server, proof) -> None:
    server = printer_server(fault="disconnect")
    recorder = Recorder()
    with PrintService(fast_config(server.url), on_event=recorder) as service:
        service.submit("order-1", proof)
        failed = recorder.final("order-1")
        assert failed.state is JobState.FAILED and failed.sent
        assert failed.reason is not None and failed.reason.code == "printer.disconnected"
        reprint = service.reprint("order-1")
        assert recorder.final(reprint).state is JobState.PRINTED
        assert service.reprint("order-1") is not None  # asked twice: prints twice (below, only once asked)
        recorder.final("order-1~reprint-2")
    assert server.connections >= 2  # the service opened a new connection after the drop

    pieces = server.printer.pieces
    texts = [to_text(p) for p in pieces]
    torn = [p for p in pieces if not p.cut]
    assert len(torn) == 1 and "補印" not in to_text(torn[0])  # the half-printed original, torn off
    reprints = [p for p, t in zip(pieces, texts, strict=True) if "電子發票證明聯補印" in t]
    assert len(reprints) == 2  # one per request, never one more
    left, right = qr_codes(decode_png(reprints[0]))
    assert left.data == qr_bytes(proof.qr_left) and right.data == qr_bytes(proof.qr_right)


def test_exactly_one_reprint_after_disconnect(printer_server, proof) -> None:
    server = printer_server(fault="disconnect")
    recorder = Recorder()
    with PrintService(fast_config(server.url), on_event=recorder) as service:
        service.submit("order-1", proof)
        assert recorder.final("order-1").state is JobState.FAILED
        reprint = service.reprint("order-1")
        assert service.reprint("order-1") is None  # a second press while the first is queued: ignored
        assert recorder.final(reprint).state is JobState.PRINTED
    copies = [p for p in server.printer.pieces if "補印" in to_text(p)]
    assert len(copies) == 1 and copies[0].cut


def test_printer_unplugged_then_replugged_on_the_same_port(printer_server, proof, tmp_path) -> None:
    server = printer_server()
    port = server.port
    recorder = Recorder()
    with PrintService(fast_config(server.url), on_event=recorder) as service:
        service.submit("order-1", proof)
        assert recorder.final("order-1").state is JobState.PRINTED
        server.stop()  # unplugged
        service.submit("order-2", make_proof(number="AB12345679"))
        event = recorder.final("order-2")
        assert event.state is JobState.FAILED
        assert event.reason is not None and event.reason.code in ("printer.disconnected", "printer.unreachable")
        replugged = VirtualPrinterServer(server.printer, "127.0.0.1", port).start()
        try:
            reprint = service.reprint("order-2")
            assert recorder.final(reprint).state is JobState.PRINTED
        finally:
            replugged.stop()
    assert ["AB-12345678" in to_text(p) for p in server.printer.pieces] == [True, False]
    assert "AB-12345679" in to_text(server.printer.pieces[1])


def test_slow_link_takes_the_wire_time_and_still_prints(printer_server, proof) -> None:
    baud = 115200
    server = printer_server(baud=baud)
    config = fast_config(server.url, baudrate=baud)
    recorder = Recorder()
    with PrintService(config, on_event=recorder) as service:
        started = time.monotonic()
        service.submit("order-1", proof)
        assert recorder.final("order-1").state is JobState.PRINTED
        elapsed = time.monotonic() - started
    wire = len(server.printer.pieces[0].raw) * 10 / baud
    assert elapsed >= wire * 0.9, (elapsed, wire)
    assert qr_codes(decode_png(server.printer.pieces[0]))[0].data == qr_bytes(proof.qr_left)


def test_write_timeout_when_the_line_cannot_carry_the_job_in_time(proof) -> None:
    """pyserial's loop:// paces writes at the baud rate; a job too long for write_timeout must fail, not hang."""
    from core.errors import CashierError
    from core.printer.layout import encode_document
    from core.printer.transport import open_link

    data = encode_document(proof, fast_config("loop://").layout()).bytes()
    link = open_link(fast_config("loop://", baudrate=9600, write_timeout=0.2))
    try:
        started = time.monotonic()
        with pytest.raises(CashierError) as failure:
            link.write(data)
        assert failure.value.code == "printer.write_timeout"
        assert time.monotonic() - started < 2  # bounded by write_timeout, not by the 7 s of wire time
    finally:
        link.close()

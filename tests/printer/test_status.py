"""DLE EOT 1-4 decoded into words; no reply is never 'ready'."""

from __future__ import annotations

import pytest

from core.printer.config import PrinterConfig
from core.printer.status import NO_REPLY, PrinterStatus, query_status
from core.printer.transport import open_link
from core.printer.virtual.inprocess import InProcessLink
from core.printer.virtual.printer import VirtualPrinter


@pytest.mark.parametrize(("replies", "zh", "en", "can_print"), [
    ((0x12, 0x12, 0x12, 0x12), "印表機正常，可以列印", "ready to print", True),
    ((0x16, 0x12, 0x12, 0x12), "印表機正常，可以列印", "ready to print", True),  # drawer pin high only
    ((0x1A, 0x32, 0x12, 0x7E), "沒有紙了", "paper end", False),
    ((0x1A, 0x16, 0x12, 0x12), "機蓋打開", "cover open", False),
    ((0x12, 0x12, 0x12, 0x1E), "紙捲快用完", "paper near end", True),
    ((0x1A, 0x52, 0x1A, 0x12), "切刀錯誤", "cutter error", False),
    ((0x1A, 0x52, 0x32, 0x12), "無法自動恢復的錯誤", "unrecoverable error", False),
    ((0x1A, 0x52, 0x52, 0x12), "可自動恢復的錯誤（例如印字頭過熱）",
     "auto-recoverable error (e.g. print head too hot)", False),
    # Offline with no other cause said is its own problem (and sends the cashier to the power switch).
    ((0x1E, 0x12, 0x12, 0x12), "印表機離線", "offline", False),
    ((None, None, None, None), "印表機沒有回應狀態查詢（離線或狀態不明）",
     "no reply to the status query (offline or unknown)", False),
    ((0x12, None, 0x12, 0x12), "印表機狀態回應不完整（狀態不明）", "incomplete status reply (unknown)", False),
])
def test_status_bytes_in_words(replies, zh, en, can_print) -> None:
    status = PrinterStatus(replies)
    assert status.words("zh_TW") == zh
    assert status.words("en") == en
    assert status.can_print is can_print
    assert (status.problem() is None) is can_print


@pytest.mark.parametrize(("attribute", "word"), [
    ("cutter_error", "cutter error"), ("unrecoverable", "unrecoverable error"),
    ("auto_recoverable", "auto-recoverable error (e.g. print head too hot)"),
])
def test_virtual_printer_error_states_decode(attribute, word) -> None:
    printer = VirtualPrinter()
    setattr(printer, attribute, True)
    status = query_status(InProcessLink(printer), timeout=0.1, retries=1)
    assert status.words("en") == word  # the offline bit it implies is not a second problem
    assert not status.can_print


def test_loop_echo_is_never_taken_for_a_status() -> None:
    """loop:// sends our own query back: 10 04 01 are no status bytes, so the answer is 'no reply'."""
    link = open_link(PrinterConfig(url="loop://", status_timeout=0.05, status_retries=2))
    try:
        assert query_status(link, timeout=0.05, retries=2) == NO_REPLY
    finally:
        link.close()


def test_stale_input_is_flushed_before_each_query() -> None:
    printer = VirtualPrinter(fault="paper-near-end")
    link = InProcessLink(printer)
    link._push(b"\x7e\x7e\x1a")  # leftovers from an earlier exchange that must not be read as answers
    status = query_status(link, timeout=0.1, retries=1)
    assert status.replies == (0x12, 0x12, 0x12, 0x1E)


def test_no_reply_costs_only_the_first_query() -> None:
    printer = VirtualPrinter(fault="offline")
    assert query_status(InProcessLink(printer), timeout=0.05, retries=2) == NO_REPLY
    assert printer.status_queries == 2  # two tries of DLE EOT 1, nothing more

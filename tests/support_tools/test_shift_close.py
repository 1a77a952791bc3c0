"""Shift close (交班): the Z report's figures from real sales, a void and a manual invoice; stored, numbered,
and printed (decoded back from the virtual printer's paper)."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest

from core.checkout import InvoiceRequest, Tender
from core.clock import ManualClock
from core.printer.layout import LayoutOptions, encode_document
from core.printer.virtual.printer import VirtualPrinter
from core.printer.virtual.renderer import to_text
from core.station import Station
from core.station_lock import acquire
from tests.factories import NOON, SELLER, simple_sale
from tests.support_tools.conftest import Site
from tui.cli import main

MANUAL = "XY87654321"


def _sell(station: Station, clock: ManualClock) -> list[str]:
    """Four sales of 315: cash, card, split cash+card, and a hand-written invoice; then the first is voided."""
    sales = []
    for tenders, invoice in (([Tender("cash", 1000)], None), ([Tender("card", 315)], None),
                             ([Tender("card", 100), Tender("cash", 300)], None),
                             ([Tender("cash", 315)], InvoiceRequest.manual(MANUAL))):
        clock.set(clock.now() + timedelta(minutes=1))
        request = simple_sale(invoice)
        sales.append(station.checkout(type(request)(request.lines, tenders, request.invoice, request.staff_id)))
    clock.set(clock.now() + timedelta(minutes=1))
    station.void(sales[0].order_id, staff_id="E001", manager_pin="1234", reason="客人退貨")
    return [sale.invoice_number for sale in sales]


def test_the_z_report_adds_up_sales_payments_voids_and_numbers(station: Station, clock: ManualClock) -> None:
    numbers = _sell(station, clock)
    assert numbers == ["AB12345600", "AB12345601", "AB12345602", MANUAL]
    clock.set(clock.now() + timedelta(minutes=1))
    report = station.close_shift("M001")
    assert report.number == 1 and report.closed_by == "M001" and report.station_id == "S01"
    assert (report.opened_at, report.closed_at) == (NOON + timedelta(minutes=1), NOON + timedelta(minutes=6))
    assert (report.orders, report.total) == (3, 945)  # the voided cash sale is out
    by_kind = {p.kind: (p.count, p.amount, p.change) for p in report.payments}
    assert by_kind == {"card": (2, 415, 0), "cash": (2, 530, 85)}  # 215 + 315 cash; 400 - 315 change
    assert sum(p.amount for p in report.payments) == report.total
    assert (report.invoices_issued, report.e_invoices, report.manual_invoices) == (4, 3, 1)
    assert (report.first_number, report.last_number, report.manual_numbers) == ("AB12345600", "AB12345602", (MANUAL,))
    assert (report.voided, report.voided_amount, report.voided_numbers) == (1, 315, ("AB12345600",))
    assert report.numbers_left == 47 and report.booklets[0].next_number == "AB12345603"
    assert report.pending_uploads == 4 and report.upload_warning  # nothing reached HQ in this test
    assert station.shift_reports() == [report]  # stored as closed, identical when read back


def test_the_next_shift_starts_where_the_last_closed(station: Station, clock: ManualClock) -> None:
    _sell(station, clock)
    # Times are stored to the second and a shift is [opened, closed): the void at this very second
    # belongs to the next shift. Never lost nor counted twice; the close runs in a write transaction.
    first = station.close_shift("M001")
    assert first.voided == 0
    clock.set(clock.now() + timedelta(minutes=5))
    sale = station.checkout(simple_sale())
    clock.set(clock.now() + timedelta(minutes=5))
    preview = station.shift_preview("M001")
    assert preview.number is None and station.shift_reports() == [first]  # a preview stores nothing
    second = station.close_shift("M001")
    assert second.number == 2 and second.opened_at == first.closed_at
    assert (second.orders, second.total, second.voided) == (1, 315, 1)
    assert (second.first_number, second.last_number) == (sale.invoice_number, sale.invoice_number)
    assert [r.number for r in station.shift_reports()] == [2, 1]


def test_a_void_in_a_later_shift_counts_in_that_shift(station: Station, clock: ManualClock) -> None:
    sale = station.checkout(simple_sale())
    clock.set(clock.now() + timedelta(minutes=1))
    first = station.close_shift("E001")
    clock.set(clock.now() + timedelta(minutes=1))
    station.void(sale.order_id, staff_id="E001", manager_pin="1234", reason="打錯")
    clock.set(clock.now() + timedelta(minutes=1))
    second = station.close_shift("E001")
    assert (first.orders, first.voided) == (1, 0)
    assert (second.orders, second.total, second.invoices_issued, second.voided) == (0, 0, 0, 1)
    assert second.voided_numbers == (sale.invoice_number,)


def test_the_printed_z_report_shows_the_figures_and_the_upload_warning(station: Station, clock: ManualClock) -> None:
    _sell(station, clock)
    report = station.close_shift("M001")
    printer = VirtualPrinter(dots_per_line=384)
    printer.receive(encode_document(station.z_report(report, store_name="示範門市"), LayoutOptions(384)).bytes())
    assert len(printer.pieces) == 1 and printer.pieces[0].cut
    text = to_text(printer.pieces[0])
    for expected in ("示範門市", "交班報表 Z", "序號 Z000001", "機台 S01  交班 M001", "AB-12345600", "AB-12345602",
                     "XY-87654321", "！尚有 4 筆訂單未上傳總部"):
        assert expected in text, expected
    lines = text.splitlines()
    assert any(line.startswith("銷售總額") and line.endswith("945") for line in lines)
    assert any(line.startswith("剩餘號碼") and line.endswith("47") for line in lines)
    reprint = VirtualPrinter(dots_per_line=384)
    reprint.receive(encode_document(station.z_report(report).as_reprint(), LayoutOptions(384)).bytes())
    assert "交班報表 Z補印" in to_text(reprint.pieces[0])


def test_cashier_shift_close_checks_the_pin_and_prints_the_report(
        site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # The CLI takes the system clock; the site's sales were made at NOON.
    monkeypatch.setattr("core.clock.SystemClock", lambda: ManualClock(NOON + timedelta(hours=1)))
    monkeypatch.setattr("sys.stdin", io.StringIO("9999\n"))
    assert main(["--config", str(site.config), "--lang", "en", "shift", "close", "--staff", "M001",
                 "--pin-stdin"]) == 1
    assert "Wrong staff member or PIN" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    args = ["--config", str(site.config), "shift", "close", "--staff", "M001", "--pin-stdin", "--json", "--print"]
    assert main(args) == 0
    out = capsys.readouterr().out
    report = json.loads(out)
    assert (report["number"], report["orders"], report["total"], report["pending_uploads"]) == (1, 2, 630, 2)
    from core.backup.rotation import list_backups

    assert len(list_backups(site.config.parent / "usb")) == 2  # the site's first, and the one 交班 made
    assert site.printer.printer.wait_for_pieces(1, 10)
    assert "交班報表 Z" in to_text(site.printer.printer.pieces[-1])


def test_shift_close_print_is_refused_while_the_till_owns_the_printer(
        site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    args = ["--config", str(site.config), "--lang", "en", "shift", "close", "--staff", "M001", "--pin-stdin", "--print"]
    with acquire(site.data_dir, now=NOON):  # a selling `cashier` holds the station
        assert main(args) == 1
    assert "owns the printer" in capsys.readouterr().err
    station = Station.open(site.db, SELLER, ManualClock(NOON))
    try:
        assert station.shift_reports() == []  # nothing was closed
    finally:
        station.close()
    assert site.printer.printer.pieces == []

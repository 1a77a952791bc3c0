"""The read-only support mode: a second `cashier` beside the selling one shows the orders, upload
records, devices and the log, and offers no key that sells, prints, voids or uploads — and the keys a
cashier would press anyway do nothing. The selling station writes while the support app reads."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from core.clock import ManualClock
from core.printer.config import PrinterConfig
from core.printer.seen import SeenPrinter, state_path
from core.printer.status import PrinterStatus
from core.printer.virtual.printer import VirtualPrinter
from core.private_files import replace_private
from core.station import Station
from core.station_lock import LockOwner, acquire
from tests.factories import NOON, SELLER, simple_sale
from tests.tui.helpers import screen_name, screen_text, until
from tui.app import CashierApp, create_app
from tui.options import AppOptions, SupportSession

pytestmark = pytest.mark.anyio

SELLER_PROCESS = LockOwner(4242, "till-01", "2026-11-22T09:00:00+08:00")


@pytest.fixture
def support_station(shop: Station, clock: ManualClock) -> Iterator[Station]:
    station = Station.open(shop.db.path, SELLER, clock, read_only=True)
    yield station
    station.close()


def _log_line(message: str) -> str:
    return json.dumps({"time": "2026-11-22T12:00:00+08:00", "level": "INFO", "logger": "cashier.station",
                       "message": message}, ensure_ascii=False)


def support_app(station: Station, clock: ManualClock, log_file: Path, language: str = "zh_TW") -> CashierApp:
    return create_app(station, AppOptions(clock=clock, language=language, printer_config=PrinterConfig(url="emulator"),
                                          support=SupportSession(SELLER_PROCESS, log_file)))


def footer_keys(app: CashierApp) -> set[str]:
    return {binding.key for (_node, binding, enabled, _tip) in app.screen.active_bindings.values()
            if binding.show and enabled}


async def test_support_home_names_the_seller_and_shows_the_live_figures(
        shop: Station, support_station: Station, clock: ManualClock, tmp_path: Path) -> None:
    shop.checkout(simple_sale())
    app = support_app(support_station, clock, tmp_path / "cashier.log", language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert screen_name(app) == "SupportScreen" and app.read_only
        await until(pilot, lambda: "1 sale(s), NT$315" in screen_text(app))
        text = screen_text(app)
        assert "Read-only support mode" in text and "pid 4242 on till-01" in text
        assert "SUPPORT read-only" in text and "logged out" not in text  # the status bar, on every screen
        left = shop.numbers_left()
        assert f"{left.current} left for {left.current_period.label}" in text
        assert "1 waiting" in text  # the sale waits for the selling instance's uploader
        assert app.printing is None and app.sync is None  # the port and the outbox are the seller's

        shop.checkout(simple_sale())  # the till sells on while support looks
        await pilot.press("f2")
        await until(pilot, lambda: "2 sale(s), NT$630" in screen_text(app))
        assert "escape" not in footer_keys(app) and "f12" in footer_keys(app)  # nothing to go back to
        await pilot.press("escape")
        assert screen_name(app) == "SupportScreen"
        await pilot.press("f12")
        await until(pilot, lambda: not app.is_running)


async def test_records_screens_offer_no_key_that_writes_and_ignore_those_keys(
        shop: Station, support_station: Station, clock: ManualClock, tmp_path: Path) -> None:
    sale = shop.checkout(simple_sale())
    app = support_app(support_station, clock, tmp_path / "cashier.log")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen" and sale.order_no in screen_text(app))
        assert "f11" not in footer_keys(app) and "補印" not in screen_text(app)
        await pilot.press("f11")
        await pilot.pause()
        assert screen_name(app) == "OrdersScreen"  # no receipt screen, no print job

        await pilot.press("f2")
        await until(pilot, lambda: screen_name(app) == "OrderDetailScreen" and sale.invoice_number in screen_text(app))
        assert not {"f8", "f9", "f11"} & footer_keys(app)
        for key in ("f8", "f9", "f11"):
            await pilot.press(key)
            await pilot.pause()
            assert screen_name(app) == "OrderDetailScreen", key  # no void modal, no reprint
        await pilot.press("escape", "escape")

        await pilot.press("f6")
        await until(pilot, lambda: screen_name(app) == "UploadsScreen" and sale.order_no in screen_text(app))
        assert "f9" not in footer_keys(app) and "重試" not in screen_text(app)

        await pilot.press("escape", "f7")
        await until(pilot, lambda: screen_name(app) == "DevicesScreen")
        assert not {"f9", "f11"} & footer_keys(app)
        assert "銷售端" in screen_text(app) and "銷售畫面使用中" in screen_text(app)  # the seller has the printer

    with support_station.db.read() as session:  # and nothing changed underneath
        from core.store.orders import order_detail

        detail = order_detail(session, sale.order_id)
    assert detail.order.status == "completed" and detail.invoice.print_count == 0


async def test_the_log_screen_shows_the_tail_then_follows_new_lines(
        support_station: Station, clock: ManualClock, tmp_path: Path) -> None:
    log_file = tmp_path / "cashier.log"
    log_file.write_text("".join(_log_line(f"earlier line {n}") + "\n" for n in range(300)), encoding="utf-8")
    app = support_app(support_station, clock, log_file, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        await until(pilot, lambda: screen_name(app) == "LogsScreen")
        entries = app.screen.entries
        await until(pilot, lambda: len(entries) == 200)  # the last 200 lines, readable
        assert entries[0].endswith("cashier.station: earlier line 100") and entries[-1].endswith("earlier line 299")
        assert "earlier line 299" in screen_text(app)  # scrolled to the end
        with log_file.open("a", encoding="utf-8") as handle:
            handle.write(_log_line("sale S01-000042 committed, and a line longer than the screen is wide") + "\n")
        await until(pilot, lambda: "sale S01-000042 committed" in screen_text(app))
        assert len(entries) == 201 and "is wide" in screen_text(app)  # wrapped, not cut at 80 columns
        await pilot.press("escape")
        assert screen_name(app) == "SupportScreen"


async def test_a_second_station_on_a_locked_data_dir_opens_in_support_mode(tmp_path: Path) -> None:
    from core.config import load_config
    from core.station_lock import peek
    from tests.factories import open_station, write_site_config
    from tui.launch import prepare_station

    data = tmp_path / "data"
    seller = open_station(data / "station.db", ManualClock(NOON))
    sale = seller.checkout(simple_sale())
    config = load_config(write_site_config(tmp_path / "config.toml", data, hq_url="http://127.0.0.1:9",
                                           token="t" * 24, printer_url="emulator"))
    with acquire(data, now=NOON) as selling:  # the selling instance holds the lock
        app, lock = prepare_station(config, "en", ManualClock(NOON))
        try:
            assert lock.read_only and not lock.held and app.read_only
            assert app.support is not None and app.support.seller == selling.owner
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: app.station_ready and "1 sale(s)" in screen_text(app))
                assert app.station.read_only and screen_name(app) == "SupportScreen"
                await pilot.press("f5")
                await until(pilot, lambda: sale.order_no in screen_text(app))
        finally:
            if app.station_ready:
                app.station.close()
            lock.release()
        assert peek(data).owner == selling.owner  # the support instance never touched the seller's lock
    seller.close()
    log = (data / "logs" / "cashier.log").read_text(encoding="utf-8")
    assert f"(pid {os.getpid()}, from " in log and "support-only" in log and "t" * 24 not in log


def test_support_home_at_80x24(shop: Station, support_station: Station, clock: ManualClock, tmp_path: Path,
                               snap_compare) -> None:
    shop.checkout(simple_sale())
    app = support_app(support_station, clock, tmp_path / "cashier.log")

    async def loaded(pilot: Pilot) -> None:
        await until(pilot, lambda: "1 筆" in screen_text(pilot.app))
        # Not workers.wait_for_complete(): a refresh created but not yet started makes it raise.
        await until(pilot, lambda: all(worker.is_finished for worker in pilot.app.workers))
        await pilot.pause()

    assert snap_compare(app, run_before=loaded, terminal_size=(80, 24))


def _seen_by(pid: int, fault: str | None, at: datetime) -> SeenPrinter:
    """A status record as the selling till's print service writes it, from a virtual printer with `fault`."""
    printer = VirtualPrinter(fault=fault)
    return SeenPrinter(PrinterStatus(tuple(printer.status_byte(n) for n in (1, 2, 3, 4))), at, pid,
                       "socket://127.0.0.1:9100")


async def test_the_devices_screen_shows_what_the_selling_till_last_saw(
        shop: Station, support_station: Station, clock: ManualClock, tmp_path: Path) -> None:
    data_dir = shop.db.path.parent
    replace_private(state_path(data_dir), _seen_by(SELLER_PROCESS.pid, "paper-end",
                                                   clock.now() - timedelta(seconds=12)).to_json().encode())
    app = support_app(support_station, clock, tmp_path / "cashier.log")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await until(pilot, lambda: screen_name(app) == "DevicesScreen" and "12 秒前由銷售中的收銀機看到" in
                    screen_text(app))
        text = screen_text(app)
        assert "沒有紙了" in text and f"PID {SELLER_PROCESS.pid}" in text
        issues = {problem.code: [guide.code for guide in guides] for problem, guides in app.screen._issues()}
        assert issues["printer.state.paper_end"] == ["printer.guide.load_paper"]  # with the FAQ's guidance
        await pilot.press("escape")
        # A record some earlier till left (another pid) is not the printer now: the screen says who owns it.
        replace_private(state_path(data_dir), _seen_by(SELLER_PROCESS.pid + 1, "paper-end", clock.now()
                                                       ).to_json().encode())
        await pilot.press("f7")
        await until(pilot, lambda: screen_name(app) == "DevicesScreen" and app.screen.seen_read)
        assert "銷售畫面使用中" in screen_text(app)
        assert "秒前由銷售中的收銀機看到" not in screen_text(app)

"""Start and stop cleanly. SIGTERM and SIGHUP end the station like Ctrl+Q: the print
service drained, the terminal restored, the Station closed and the lock released, so the next start sells at
once. A damaged database is refused before the first sale, in the doctor's words, without a traceback.

The real `cashier` runs in a pty (tests/ssh/session.py's Terminal, pyte reading the screen) against the
virtual printer over socket://; the signal goes to its pid, as `kill` or a dropped SSH link sends it."""

from __future__ import annotations

import os
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.printer.virtual.printer import VirtualPrinter
from core.printer.virtual.server import VirtualPrinterServer
from core.station_lock import lock_path
from tests.factories import write_site_config
from tests.pty_till import CASHIER, CTRL_Q, START, STEP, sell_one, stocked_station
from tests.ssh.session import Terminal
from tests.support.damage import claim_free_pages
from tests.tui.helpers import login, until
from tui.app import CashierApp

LEAVE_ALT_SCREEN = b"\x1b[?1049l"  # the terminal restored: Textual leaves the alternate screen


@pytest.fixture
def till_config(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    data = tmp_path / "data"
    stocked_station(data)
    printer = VirtualPrinterServer(VirtualPrinter(out_dir=tmp_path / "paper"), "127.0.0.1", 0).start()
    try:
        yield data, write_site_config(tmp_path / "config.toml", data, hq_url="http://127.0.0.1:9", token="t" * 24,
                                      printer_url=printer.url)
    finally:
        printer.stop()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_ends_a_selling_till_cleanly_and_the_next_start_sells_at_once(
        till_config: tuple[Path, Path], stop: signal.Signals) -> None:
    data, config = till_config
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASHIER_")}
    till = Terminal([str(CASHIER), "--config", str(config)], env=env)
    try:
        first = sell_one(till)
        os.kill(till.process.pid, stop)
        assert till.close(STEP) == 0  # a clean exit, as with Ctrl+Q, not death by the signal
    finally:
        if till.process.poll() is None:
            till.close(1)
    assert LEAVE_ALT_SCREEN in till.raw and b"Traceback" not in till.raw
    assert lock_path(data).read_text() == ""  # released cleanly: the next start recovers nothing
    log = (data / "logs" / "cashier.log").read_text(encoding="utf-8")
    assert f"stopping on {stop.name}" in log and "recovered the station lock" not in log

    again = Terminal([str(CASHIER), "--config", str(config)], env=env)
    try:
        second = sell_one(again)  # the selling mode at once, not the read-only support mode
        again.send(CTRL_Q)
        assert again.close(STEP) == 0
    finally:
        if again.process.poll() is None:
            again.close(1)
    assert "recovered the station lock" not in (data / "logs" / "cashier.log").read_text(encoding="utf-8")
    with sqlite3.connect(f"file:{data / 'station.db'}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT o.order_no, i.print_count FROM orders o JOIN invoices i ON i.order_id = o.id "
                          "ORDER BY o.order_no").fetchall()
    assert rows == [(first, 1), (second, 1)]  # both sold and printed once; nothing lost at the stop


@pytest.mark.anyio
async def test_sighup_in_process_quits_like_ctrl_q_and_gives_the_signals_back(make_app) -> None:
    app: CashierApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await until(pilot, lambda: app.printing is not None)
        service = app.printing.service
        assert signal.getsignal(signal.SIGHUP) not in (signal.SIG_DFL, signal.SIG_IGN)  # the loop handles it
        os.kill(os.getpid(), signal.SIGHUP)
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0
    assert not service._worker.is_alive()  # the print service was stopped, as on Ctrl+Q
    assert app.printing is None
    assert signal.getsignal(signal.SIGHUP) is signal.SIG_DFL and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_a_damaged_database_is_refused_before_the_first_sale(till_config: tuple[Path, Path]) -> None:
    data, config = till_config
    claim_free_pages(data / "station.db")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASHIER_")}
    till = Terminal([str(CASHIER), "--config", str(config)], env=env)
    try:
        assert till.close(START) == 1  # it ends by itself: no key pressed
    finally:
        if till.process.poll() is None:
            till.close(1)
    assert "資料庫檢查發現損毀" in till.text() and "Main freelist" in till.text()  # the doctor's words
    assert f"保留檔案 {data / 'station.db'}" in till.text().replace("\n", "")
    assert b"Traceback" not in till.raw and "掃描或輸入商品" not in till.text()  # never reached the cart
    with sqlite3.connect(f"file:{data / 'station.db'}?mode=ro", uri=True) as db:
        assert db.execute("SELECT count(*) FROM orders").fetchone() == (0,)
    assert lock_path(data).read_text() == ""  # the lock released on the way out

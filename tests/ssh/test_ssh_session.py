"""Remote support's terminal (DESIGN: "remote support connected over SSH"): the full cashier app over a
real SSH session. sshd runs as a child process on a loopback port, the `ssh` client asks for an 80x24
pty with TERM=xterm-256color, the remote side runs `cashier demo`, and a terminal emulator (pyte) reads
the screen while the test types the keys a cashier would: a sale from login to the printed receipt, then
the sale is checked in the station's database file. How the session is built: tests/ssh/session.py.

Needs Debian's openssh-server (.ci/run installs it). Without it the test fails and says so; it never skips.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from tests.factories import write_site_config
from tests.pty_till import (
    BARCODE,
    CASHIER,
    CTRL_Q,
    ENTER,
    F2,
    F5,
    F9,
    F10,
    HOME,
    START,
    STEP,
    sell_one,
    stocked_station,
)
from tests.ssh.session import Terminal, remote_command, ssh_server


def test_a_sale_over_a_real_ssh_session_from_login_to_printed_receipt(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with ssh_server(tmp_path / "sshd") as server:
        terminal = Terminal(server.ssh_command(remote_command(CASHIER, "demo", "--data-dir", data)),
                            columns=80, lines=24, term="xterm-256color")
        remote_pid = None
        try:
            terminal.until(lambda s: "E001  王小明" in s and "密碼" in s, START, "the login screen")
            shell = terminal.raw_match(rb"REMOTE pid=(\d+) size=(\d+ \d+) term=(\S+)")
            assert shell is not None, bytes(terminal.raw[:300])
            remote_pid = int(shell.group(1))
            # What sshd gave the remote program: the client's 80x24 pty and its TERM.
            assert (shell.group(2), shell.group(3)) == (b"24 80", b"xterm-256color")

            terminal.send("1234" + ENTER)  # E001 is the highlighted staff member; the PIN, then Enter
            terminal.until(lambda s: "會員登入" in s, STEP, "the customer screen after logging in")
            terminal.send(F2)  # a guest
            terminal.until(lambda s: "掃描或輸入商品" in s and "合計 NT$0" in s, STEP, "the empty cart")
            terminal.send(BARCODE + ENTER)  # what the scanner types
            terminal.until(lambda s: "乾電池 3號 4入" in s and "合計 NT$105" in s, STEP, "the scanned line")
            terminal.send(F10)
            terminal.until(lambda s: "應付 NT$105" in s and "列印證明聯" in s, STEP, "the checkout screen")
            terminal.send(F10)
            terminal.until(lambda s: "已印出" in s and "電子發票證明聯" in s and "訂單 S01-" in s, STEP,
                           "the receipt screen with the proof copy printed")
            screen = terminal.text()
            shown = re.search(r"發票 ([A-Z]{2}\d{8})", screen)
            order_no = re.search(r"訂單 (S01-\d{6})", screen)
            assert shown is not None and order_no is not None, screen

            with sqlite3.connect(f"file:{data / 'station.db'}?mode=ro", uri=True) as db:
                orders = db.execute("SELECT id, order_no, total FROM orders").fetchall()
                assert [(o[1], o[2]) for o in orders] == [(order_no.group(1), 105)]
                order_id = orders[0][0]
                assert db.execute("SELECT sku, quantity, amount FROM order_lines WHERE order_id = ?",
                                  (order_id,)).fetchall() == [("SKU00001", 1, 105)]
                assert db.execute("SELECT number, print_count FROM invoices WHERE order_id = ?",
                                  (order_id,)).fetchall() == [(shown.group(1), 1)]
                assert db.execute("SELECT count(*) FROM outbox WHERE order_id = ?", (order_id,)).fetchone() == (1,)
            assert (data / "paper" / "job-0001.png").exists()  # the virtual printer's paper

            terminal.send(CTRL_Q)  # quit the app: the remote command ends and so does the session
            assert terminal.close(STEP) == 0
            assert not _alive(remote_pid), f"the remote cashier (pid {remote_pid}) outlived its session"
        finally:
            if terminal.process.poll() is None:
                terminal.close(1)
            if remote_pid is not None and _alive(remote_pid):
                os.kill(remote_pid, 9)  # the program this test started remotely, by its pid


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_support_over_ssh_opens_read_only_beside_the_selling_till(tmp_path: Path) -> None:
    """The seed's support story: the till sells in its own terminal; support logs in over SSH, runs
    `cashier` with the same config and gets the read-only support mode, which sees the sale just made."""
    data = tmp_path / "data"
    stocked_station(data)
    config = write_site_config(tmp_path / "config.toml", data, hq_url="http://127.0.0.1:9", token="t" * 24,
                               printer_url="emulator")
    till = Terminal([str(CASHIER), "--config", str(config)], columns=80, lines=24, term="linux")
    try:
        order_no = sell_one(till)

        with ssh_server(tmp_path / "sshd") as server:
            support = Terminal(server.ssh_command(remote_command(CASHIER, "--config", config)),
                               columns=80, lines=24, term="xterm-256color")
            try:
                support.until(lambda s: "唯讀支援模式" in s and "1 筆，NT$105" in s, START, "the support mode")
                assert f"PID {till.process.pid}" in support.text()  # it names the selling process
                support.send(F5)
                support.until(lambda s: order_no in s and "AB" in s, STEP, "the order list")
                assert "補印" not in support.text()  # no reprint key offered
                support.send("\x1b")
                support.until(lambda s: "唯讀支援模式" in s, STEP, "back on the support home")
                support.send(F9)
                # The log opens at its newest line. The support session is on record there, with where it
                # came from (sshd's SSH_CONNECTION).
                via = re.compile(r"from\s+127\.0\.0\.1\)\s+is\s+support-only")
                support.until(lambda s: via.search(s) is not None, STEP, "the session's own line")
                assert "t" * 24 not in support.text()
                # The till's lines since it started fill more than the screen (the wrapped sale and print
                # lines); a frame showing the top before the log scrolled to its end is not always painted.
                support.send(HOME)
                started = re.compile(rf"station S01 started\s+\(pid\s+{till.process.pid}\)")  # wrapped anywhere
                support.until(lambda s: started.search(s) is not None, STEP, "the till's first log line")
                assert "t" * 24 not in support.text()
                support.send(CTRL_Q)
                assert support.close(STEP) == 0
            finally:
                if support.process.poll() is None:
                    support.close(1)

        till.send(F10)  # the till sells on after support has gone: the next sale
        till.until(lambda s: "會員登入" in s, STEP, "the till's next sale")
        till.send(F2)
        till.until(lambda s: "掃描或輸入商品" in s, STEP, "the next sale's empty cart")
        till.send(BARCODE + ENTER)
        till.until(lambda s: "合計 NT$105" in s, STEP, "a line in the next sale")
    finally:
        till.send(CTRL_Q)
        till.close(STEP)
    with sqlite3.connect(f"file:{data / 'station.db'}?mode=ro", uri=True) as db:
        assert db.execute("SELECT order_no FROM orders").fetchall() == [(order_no,)]

"""`cashier printer emulate|status|test` as real processes talking over a loopback TCP port."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.printer.decoding import barcodes, decode_png, qr_codes

ROOT = Path(__file__).resolve().parents[2]
CASHIER = str(Path(sys.executable).with_name("cashier"))


def _line(process: subprocess.Popen[str], timeout: float = 15) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    assert ready, "the emulator printed nothing in time"
    return process.stdout.readline().strip()


@contextmanager
def emulator(out: Path, *extra: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = subprocess.Popen([CASHIER, "printer", "emulate", "--listen", "127.0.0.1:0", "--out", str(out),
                                *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        first = _line(process)
        assert first.startswith("listening on socket://127.0.0.1:"), first
        yield process, first.split()[2]
    finally:
        process.terminate()
        process.wait(timeout=10)


def _cashier(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CASHIER, *args], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)


def test_emulate_status_and_test_page(tmp_path) -> None:
    out = tmp_path / "out"
    with emulator(out) as (process, url):
        status = _cashier("printer", "status", "--printer", url)
        assert status.returncode == 0, status.stdout + status.stderr
        assert "狀態：印表機正常，可以列印" in status.stdout and "status: ready to print" in status.stdout
        assert "registered devices 1, 0 issues to fix" in status.stdout

        test = _cashier("printer", "test", "--printer", url)
        assert test.returncode == 0, test.stdout + test.stderr
        assert "test page printed" in test.stdout
        assert _line(process).startswith("job-0001:")
    assert process.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["job-0001.bin", "job-0001.png", "job-0001.txt"]
    text = (out / "job-0001.txt").read_text(encoding="utf-8")
    assert "印表機測試頁 TEST PAGE" in text and "** 測試 TEST 非發票 **" in text
    found = decode_png(out / "job-0001.png")
    assert [b.text[5:15] for b in barcodes(found)] == ["AA00000000"]
    left, right = qr_codes(found)
    assert left.text.startswith("AA00000000") and right.text.startswith("**")
    assert (out / "job-0001.bin").read_bytes().startswith(b"\x1b@")


def test_status_with_paper_end_exits_non_zero_in_both_languages(tmp_path) -> None:
    with emulator(tmp_path / "out", "--fault", "paper-end") as (_, url):
        status = _cashier("printer", "status", "--printer", url)
        test = _cashier("printer", "test", "--printer", url)
    assert status.returncode != 0
    assert "狀態：沒有紙了" in status.stdout and "status: paper end" in status.stdout
    assert "裝入新的紙捲" in status.stdout and "Load a new paper roll" in status.stdout
    assert test.returncode != 0
    assert "The printer cannot print: paper end" in test.stderr and "印表機無法列印：沒有紙了" in test.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_status_without_a_printer_listening_explains_and_fails(tmp_path) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    status = _cashier("printer", "status", "--printer", f"socket://127.0.0.1:{port}")
    assert status.returncode != 0
    assert "Cannot reach the network printer" in status.stdout and "連不上網路印表機" in status.stdout


def test_status_follows_lang_and_gives_network_advice_for_a_lan_printer() -> None:
    import socket

    with socket.socket() as probe:  # a loopback port nobody listens on: a LAN printer switched off
        probe.bind(("127.0.0.1", 0))
        url = f"socket://127.0.0.1:{probe.getsockname()[1]}"
    english = _cashier("--lang", "en", "printer", "status", "--printer", url)
    assert english.returncode == 1
    assert "1 issue to fix" in english.stdout and "LAN cable" in english.stdout
    assert "USB" not in english.stdout.split("if you see:")[0]
    assert not any("\u4e00" <= char <= "\u9fff" for char in english.stdout), english.stdout  # no Chinese
    chinese = _cashier("--lang", "zh_TW", "printer", "status", "--printer", url)
    assert "網路線" in chinese.stdout and "LAN cable" not in chinese.stdout

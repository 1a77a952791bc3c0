"""Files are private: umask 077 at every entry point, and what the program owns is
tightened even where it already existed with looser modes. Modes are read with os.stat."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from core.clock import ManualClock
from core.config import load_config
from core.printer.config import PrinterConfig
from core.printer.service import JobState, PrintService
from core.printer.virtual.printer import VirtualPrinter
from core.private_files import private_umask, replace_private, tighten
from core.station import Station
from core.station_startup import start_station
from tests.factories import NOON, SELLER, open_station, simple_sale, write_site_config
from tests.printer.conftest import make_proof
from tests.printer.printing import Recorder
from tests.support.paths import ROOT


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_entry_point_sets_umask_077(tmp_path: Path) -> None:
    previous = private_umask()
    try:
        (tmp_path / "new").write_text("x", encoding="utf-8")
        (tmp_path / "folder").mkdir()
        assert (mode(tmp_path / "new"), mode(tmp_path / "folder")) == (0o600, 0o700)
    finally:
        os.umask(previous)


def test_the_station_tightens_its_data_dir_database_and_log_left_open(tmp_path: Path, clean_root_logger) -> None:
    data = tmp_path / "data"
    station = open_station(data / "station.db")
    station.checkout(simple_sale())
    station.close()
    (data / "logs").mkdir()
    (data / "logs" / "cashier.log").write_text("", encoding="utf-8")
    for path, loose in ((data, 0o755), (data / "logs", 0o755), (data / "logs" / "cashier.log", 0o644),
                        (data / "station.db", 0o644)):
        path.chmod(loose)
    config = load_config(write_site_config(tmp_path / "config.toml", data, hq_url="http://127.0.0.1:9",
                                           token="t" * 24, printer_url="emulator"), environ={})
    lock = start_station(config, NOON)
    try:
        reopened = Station.open(data / "station.db", SELLER, ManualClock(NOON))  # -wal/-shm exist while open
        try:
            reopened.staff()  # the first connection since the open: SQLite creates -wal/-shm now
            assert (data / "station.db-wal").exists() and (data / "station.db-shm").exists()
            assert {p.name: mode(p) for p in data.iterdir()} == {
                "station.db": 0o600, "station.db-wal": 0o600, "station.db-shm": 0o600, "station.lock": 0o600,
                "logs": 0o700}
        finally:
            reopened.close()
        assert mode(data) == 0o700 and mode(data / "logs" / "cashier.log") == 0o600
    finally:
        lock.release()


def test_the_printed_paper_is_owner_only(tmp_path: Path) -> None:
    printer = VirtualPrinter(out_dir=tmp_path / "paper")
    recorder = Recorder()
    with PrintService(PrinterConfig(url="emulator", status_timeout=0.2), on_event=recorder,
                      emulator=printer) as service:
        service.submit("order-1", make_proof())
        assert recorder.final("order-1").state is JobState.PRINTED
    assert mode(tmp_path / "paper") == 0o700
    files = sorted(p.name for p in (tmp_path / "paper").iterdir())
    assert files == ["job-0001.bin", "job-0001.png", "job-0001.txt"]
    assert {mode(tmp_path / "paper" / name) for name in files} == {0o600}


def test_tighten_and_replace_keep_owner_only(tmp_path: Path) -> None:
    loose = tmp_path / "loose"
    loose.write_text("x", encoding="utf-8")
    loose.chmod(0o664)
    tighten(loose)
    assert mode(loose) == 0o600
    replace_private(tmp_path / "state.json", b"{}")
    assert mode(tmp_path / "state.json") == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loose", "state.json"]  # no temp file left


def test_cashier_hq_serve_keeps_its_database_and_log_private(tmp_path: Path) -> None:
    """The real command in a child process started with umask 022: the entry point sets 077 itself, and the
    log file left world-readable by an older version is tightened."""
    (tmp_path / "logs").mkdir(mode=0o755)
    (tmp_path / "logs" / "hq.log").write_text("", encoding="utf-8")
    (tmp_path / "logs" / "hq.log").chmod(0o644)
    os.umask(0o022)  # the child inherits a loose umask (the autouse fixture restores ours)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASHIER_")}
    child = subprocess.Popen([sys.executable, "-m", "tui.cli", "hq", "serve", "--db", str(tmp_path / "hq.sqlite"),
                              "--port", "0"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout is not None
        for line in child.stdout:  # blocks until HQ says it listens (or exits)
            if "HQ listening" in line:
                break
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
        assert {p.name: mode(p) for p in tmp_path.iterdir() if p.name.startswith("hq.sqlite")} == {
            "hq.sqlite": 0o600, "hq.sqlite-wal": 0o600, "hq.sqlite-shm": 0o600}
        assert (mode(tmp_path / "logs"), mode(tmp_path / "logs" / "hq.log")) == (0o700, 0o600)
    finally:
        child.terminate()
        child.wait(20)

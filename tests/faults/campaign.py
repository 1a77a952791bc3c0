"""The fault campaign: a till selling, printing and uploading while everything around it fails.

Shared by tests/faults/test_fault_campaign.py (a short run with assertions) and bench/fault_campaign.py
(a longer run that prints the report as JSON). One campaign:

- HQ runs as its own process (tests/faults/hq_process.py) on a loopback port, SQLite, demo data; the
  station pulls its invoice booklets from it first.
- Then, over and over, a forked child process ("a till") opens the station database, starts the print
  service on an in-process virtual printer and the SyncService towards HQ, and checks out sales in a loop:
  each committed sale is reported to the parent, its proof copy printed, the outbox nudged. The parent
  SIGKILLs the child at a random moment (seeded RNG) and starts the next one.
- Faults along the way, each at a fixed point of the run: HQ SIGKILLed while a till is selling (the till
  must notice and keep selling offline), HQ restarted on the same port and database later (the backlog
  must start moving again); the printer's cable pulled mid-job (randomly, and for sure in some cycles);
  the database write-locked by another process (BEGIN IMMEDIATE in a separate sqlite3 connection) until the
  till's checkout has failed with database.locked, then released (the next checkout must succeed); and
  the disk filled up under a copy of the database (a private tmpfs, or RLIMIT_FSIZE where no tmpfs can be
  mounted) while a checkout runs.
- Finally HQ stays up and the backlog is drained, and the invariants are checked on both sides: every
  sale reported committed is in the store, whole, and at HQ exactly once; no invoice number is repeated,
  at the station or at HQ; every message a fault produced is a known, bilingual CashierError code.

Children report through a pipe, one JSON object per line (os.write of less than PIPE_BUF bytes is atomic,
so a kill never leaves half a record). The parent never sleeps to synchronise: it waits for records with
deadlines, and only "let it run for N ms" chooses the moment of a kill, which any moment must survive.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import multiprocessing
import os
import random
import resource
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from core.checkout import InvoiceRequest
from core.clock import Clock
from core.errors import MESSAGES, CashierError
from core.station import Station
from core.store import Database
from core.sync.events import LinkChanged, PullFinished, SyncProblem, UploadPaused, UploadProgress
from core.sync.service import SyncOptions
from core.sync.uploader import Backoff
from tests.factories import NOON, SELLER, open_station, simple_sale, table_counts
from tests.support.clocks import RunningClock
from tests.support.paths import ROOT

FORK = multiprocessing.get_context("fork")  # children inherit the imports: a restart costs milliseconds
STATION = SELLER.station_id
KINDS = (InvoiceRequest.printed(), InvoiceRequest.b2b("24634102"), InvoiceRequest.mobile("/ABC+123"))
TILL_SYNC = SyncOptions(probe_interval=0.2, probe_retry_interval=0.1, failures_to_offline=2, probe_timeout=0.5,
                        request_timeout=3.0, batch_size=50, pull_interval=2.0, min_invoice_numbers=100,
                        idle_check=0.2, backoff=Backoff(base=0.1, factor=2, cap=0.4))
# The messages every campaign must have met, each caused by one of its faults.
EXPECTED = {
    "database.locked": "the database write-locked by another process during a checkout",
    "database.disk_full": "a checkout with the disk full",
    "printer.disconnected": "the printer's cable pulled mid-job",
    "hq.unreachable": "HQ killed while a till was running",
}


@dataclass(frozen=True)
class CampaignOptions:
    checkouts: int = 200  # committed sales reported by the tills, at least
    kills: int = 100  # tills SIGKILLed, at least
    seed: int = 20261122
    busy_timeout_ms: int = 5_000  # the tills' SQLite busy timeout (the station's default)
    disconnect_rate: float = 0.15  # per printed sale: the printer's cable comes out during its job
    wait: float = 30.0  # the longest any single expected thing may take to happen
    disk_full: str = "auto"  # "tmpfs" | "rlimit" | "auto": a private tmpfs where one can be mounted, else rlimit


class CampaignError(AssertionError):
    """Something the campaign waited for did not happen; the message says what."""


# ------------------------------------------------------------------------------------------------ the child

class _Reporter:
    def __init__(self, fd: int) -> None:
        self._fd = fd

    def __call__(self, kind: str, **fields: Any) -> None:
        line = json.dumps({"kind": kind, **fields}, ensure_ascii=False).encode() + b"\n"
        if len(line) > 4000:  # one write of at most PIPE_BUF (4096) bytes is atomic: never half a record
            line = json.dumps({"kind": "raw", "where": "report", "type": "too long", "text": kind}).encode() + b"\n"
        with contextlib.suppress(OSError):  # the parent is gone: nothing to report to
            os.write(self._fd, line)


def _message(error: Any) -> dict[str, Any]:
    """A CashierError or a sync Reason as a record: the code and what the cashier would read in each language."""
    if error is None:
        return {}
    return {"code": error.code, "en": error.text("en")[:300], "zh": error.text("zh_TW")[:150],
            "known": error.code in MESSAGES}


def _raw(error: BaseException) -> dict[str, Any]:
    return {"type": f"{type(error).__module__}.{type(error).__qualname__}", "text": str(error)[:300]}


def _till(fd: int, *, path: Path, url: str, token: str, seed: int, clock: Clock, busy_timeout_ms: int,
          disconnect_rate: float, disconnect_first: bool) -> None:
    """A till that sells until it is killed. Runs in a forked child."""
    from core.einvoice import ProofCopy
    from core.invoice_printing import order_of
    from core.printer.config import PrinterConfig
    from core.printer.virtual.printer import VirtualPrinter

    logging.getLogger().addHandler(logging.NullHandler())  # warnings are reported as records, not on stderr
    say = _Reporter(fd)
    rng = random.Random(seed)
    station = Station(Database(path, busy_timeout_ms=busy_timeout_ms), SELLER, clock)

    def on_job(event: Any) -> None:
        if event.finished and isinstance(event.document, ProofCopy):
            say("job", order=order_of(event.job_id), state=event.state.value, sent=event.sent,
                reprint=event.document.reprint, **_message(event.reason))

    def on_sync(event: Any) -> None:
        if isinstance(event, LinkChanged):
            say("link", online=event.status.online, **_message(event.status.reason))
        elif isinstance(event, SyncProblem):
            say("problem", where=event.where, **_message(event.reason))
        elif isinstance(event, UploadPaused):
            say("paused", **_message(event.reason))
        elif isinstance(event, UploadProgress):
            for outcome in event.outcomes:
                say("upload", order=outcome.order_id, state=outcome.state.value, replay=outcome.replay,
                    **_message(outcome.reason))

    printer = VirtualPrinter()
    printing = station.start_printing(PrinterConfig(url="emulator", status_timeout=0.2), emulator=printer)
    printing.listen(on_job)
    service = station.sync_service(url, token, on_sync, TILL_SYNC)
    service.start()
    say("started", pid=os.getpid())

    def attempt(where: str, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except CashierError as error:
            say("error", where=where, **_message(error))
        except Exception as error:  # a traceback the cashier would see: the campaign fails on any
            say("raw", where=where, **_raw(error))
        threading.Event().wait(0.02)  # pace the retries of a refused checkout; not a synchronisation
        return None

    with contextlib.suppress(CashierError):  # what a torn or unprinted copy is still owed (補印 after a tear)
        for order_id in printing.unprinted()[:2]:
            attempt("print", lambda order_id=order_id: printing.print_owed(order_id, "E001"))
    index = 0
    while True:
        kind = KINDS[index % len(KINDS)]
        request = replace(simple_sale(kind), offline=not service.online)
        sale = attempt("checkout", lambda request=request: station.checkout(request))
        if sale is None:
            continue
        index += 1
        # Reported only once checkout returned: anything reported must survive whatever comes next.
        say("sale", order=sale.order_id, number=sale.invoice_number, offline=request.offline)
        service.notify_sale()
        if not kind.print_mark:
            continue  # a carrier invoice: nothing owed on paper
        if disconnect_first or rng.random() < disconnect_rate:
            disconnect_first = False
            station.reset_printer()  # a fresh connection: the cable comes out inside this job's bytes
            printer.set_fault("disconnect")
            say("arm", fault="disconnect", order=sale.order_id)
        attempt("print", lambda sale=sale: printing.print_owed(sale.order_id, "E001"))


def _disk_full(source: Path, folder: Path, fd: int, clock: Clock, how: str) -> None:
    """In a forked child: a copy of the station database on a full disk. A checkout must fail with a clear
    message and change nothing; once there is room again, the next one must succeed."""
    logging.getLogger().addHandler(logging.NullHandler())
    say = _Reporter(fd)
    copy = folder / "station.db"
    size_kb = (source.stat().st_size + (1 << 20)) // 1024 + 1024
    method = _private_tmpfs(folder, size_kb) if how in ("auto", "tmpfs") else "rlimit"
    if how == "tmpfs" and method != "tmpfs":
        say("raw", where="disk_full", type="setup", text="no tmpfs could be mounted in a private mount namespace")
    with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src, \
            contextlib.closing(sqlite3.connect(copy)) as dst:
        src.backup(dst)
    station = Station(Database(copy), SELLER, clock)
    report: dict[str, Any] = {"method": method}
    report["before_ok"] = isinstance(_sale_or_error(station, say), str)
    with contextlib.closing(sqlite3.connect(copy, isolation_level=None)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the next write must grow the WAL file
    before = table_counts(station)
    if method == "tmpfs":
        filler = folder / "filler"
        with contextlib.suppress(OSError), open(filler, "wb", buffering=0) as out:
            while True:
                out.write(b"\0" * 65536)
        with contextlib.suppress(OSError), open(filler, "ab", buffering=0) as out:
            while True:
                out.write(b"\0" * 512)
        report["free_bytes"] = shutil.disk_usage(folder).free
    else:  # no tmpfs: the file size limit (SIGXFSZ ignored, so a write past it fails with EFBIG)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        # The WAL was just emptied: its header fits, its first frame (a page and more) does not.
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
    errors = [_sale_or_error(station, say, where="disk_full") for _ in range(2)]
    report["refused"] = [e for e in errors if isinstance(e, dict)]
    report["unchanged"] = table_counts(station) == before
    with station.db.read() as session:
        from sqlalchemy import text

        report["integrity"] = session.execute(text("PRAGMA integrity_check")).scalar_one()
    if method == "tmpfs":
        (folder / "filler").unlink()
    else:
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    after = _sale_or_error(station, say, where="after_disk_full")
    report["after_ok"] = isinstance(after, str)
    counts = table_counts(station)
    report["one_more_order"] = counts["orders"] == before["orders"] + 1 and \
        counts["invoices"] == before["invoices"] + 1 and counts["outbox"] == before["outbox"] + 1
    station.close()
    say("disk_full", **report)


def _sale_or_error(station: Station, say: _Reporter, where: str = "checkout") -> str | dict[str, Any] | None:
    try:
        sale = station.checkout(simple_sale())
    except CashierError as error:
        say("error", where=where, **_message(error))
        return _message(error)
    except Exception as error:
        say("raw", where=where, **_raw(error))
        return None
    return sale.order_id


CLONE_NEWNS, CLONE_NEWUSER = 0x00020000, 0x10000000
MS_REC, MS_PRIVATE = 0x4000, 0x40000


def _private_tmpfs(folder: Path, size_kb: int) -> str:
    """Mount a small tmpfs on `folder` in a mount namespace of this (single-threaded, forked) process only:
    it disappears with the process, nothing to clean up. As root, or in a user namespace where the kernel
    allows one. Returns "tmpfs", or "rlimit" when neither works."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNS) != 0:
        uid, gid = os.getuid(), os.getgid()
        if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0:
            return "rlimit"
        with contextlib.suppress(OSError):
            Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"0 {uid} 1")
        Path("/proc/self/gid_map").write_text(f"0 {gid} 1")
    if libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return "rlimit"
    if libc.mount(b"tmpfs", str(folder).encode(), b"tmpfs", 0, f"size={size_kb}k,mode=0700".encode()) != 0:
        return "rlimit"
    return "tmpfs"


# ------------------------------------------------------------------------------------------------ the parent

class Channel:
    """The parent's end of a child's report pipe: records as they arrive, waits with deadlines."""

    def __init__(self, fd: int, process: Any = None) -> None:
        self.fd = fd
        self.process = process
        self.records: list[dict[str, Any]] = []
        self._buffer = b""
        self._eof = False

    def pump(self, timeout: float) -> None:
        if self._eof:
            return
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return
        chunk = os.read(self.fd, 65536)
        if not chunk:
            self._eof = True
            return
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        self.records.extend(json.loads(line) for line in lines if line)

    def count(self, kind: str, **match: Any) -> int:
        return sum(1 for r in self.records if r["kind"] == kind and all(r.get(k) == v for k, v in match.items()))

    def wait(self, condition: Callable[[], bool], timeout: float, what: str) -> float:
        start = time.monotonic()
        deadline = start + timeout
        while not condition():
            if self._eof or (self.process is not None and not self.process.is_alive() and not self._pending()):
                raise CampaignError(f"the child ended (exit {getattr(self.process, 'exitcode', '?')}) while "
                                      f"waiting for {what}; last records: {self.records[-5:]}")
            left = deadline - time.monotonic()
            if left <= 0:
                raise CampaignError(f"timed out after {timeout} s waiting for {what}; last records: "
                                      f"{self.records[-5:]}")
            self.pump(min(left, 0.05))
        return time.monotonic() - start

    def _pending(self) -> bool:
        ready, _, _ = select.select([self.fd], [], [], 0)
        return bool(ready)

    def run_for(self, seconds: float) -> None:
        """Let the child run (reading its records meanwhile, so its pipe never fills up)."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self.pump(left)
            if self._eof:
                return

    def finish(self) -> None:
        while not self._eof:
            self.pump(5.0)
        os.close(self.fd)


class HQProcess:
    """HQ in a process of its own: started, SIGKILLed, started again on the same port and database."""

    def __init__(self, folder: Path, clock: RunningClock) -> None:
        self.db = folder / "hq.sqlite"
        self.log = folder / "hq.log"
        self.clock = clock
        self.port = 0
        self.tokens: dict[str, str] = {}
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        args = [sys.executable, "-m", "tests.faults.hq_process", "--db", str(self.db), "--port", str(self.port),
                "--start", self.clock.now().isoformat()]
        if self.starts == 0:
            args.append("--seed")
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=log,
                                            stdin=subprocess.DEVNULL)
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else b""
        if not line:
            self.kill()
            raise CampaignError(f"HQ did not start within {timeout} s: {self.log.read_text()[-2000:]}")
        started = json.loads(line)
        self.port = started["port"]
        self.tokens = started["tokens"] or self.tokens
        self.starts += 1

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            assert self.process.stdout is not None
            self.process.stdout.close()
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
            assert self.process.stdout is not None
            self.process.stdout.close()
            self.process = None


class LockHolder:
    """Another process holding the station database's write lock: BEGIN IMMEDIATE on its own connection."""

    SCRIPT = ("import sqlite3, sys\n"
              "con = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)\n"
              "con.execute('BEGIN IMMEDIATE')\n"
              "print('held', flush=True)\n"
              "sys.stdin.readline()\n"
              "con.execute('ROLLBACK')\n"
              "print('released', flush=True)\n")

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", self.SCRIPT, str(path)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if line.strip() != b"held":
            raise CampaignError(f"the lock holder could not take the write lock: {line!r}")

    def release(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(b"go\n")
        self.process.stdin.flush()
        if self.process.stdout.readline().strip() != b"released":
            raise CampaignError("the lock holder did not release the lock")
        self.process.wait(10)
        self.process.stdin.close()
        self.process.stdout.close()


@dataclass
class Campaign:
    folder: Path
    options: CampaignOptions = field(default_factory=CampaignOptions)
    records: list[dict[str, Any]] = field(default_factory=list)
    committed: dict[str, str] = field(default_factory=dict)
    faults: Counter[str] = field(default_factory=Counter)
    steps: dict[str, Any] = field(default_factory=dict)
    sales_per_till: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.path = self.folder / "station.db"
        self.clock = RunningClock(NOON)  # shared by HQ (started with the same instant) and every child
        self.hq = HQProcess(self.folder, self.clock)
        self.rng = random.Random(self.options.seed)

    # -- the run ---------------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        started = time.monotonic()
        try:
            self.hq.start()
            self._prepare()
            sales, kills = max(self.options.checkouts, 1), max(self.options.kills, 1)
            stages = [(0.3, self._kill_hq), (0.45, self._lock_database), (0.6, self._restart_hq)]
            while len(self.committed) < sales or self.faults["station_sigkill"] < kills or stages:
                progress = min(len(self.committed) / sales, self.faults["station_sigkill"] / kills)
                if stages and progress >= stages[0][0]:
                    self._cycle(stages.pop(0)[1])
                else:
                    self._cycle()
            self._disk_full()
            drained = self._drain()
            invariants = {**check_station(self.path, self.committed), **self._check_hq(), **drained}
        finally:
            self.hq.stop()
        return self._report(invariants, time.monotonic() - started)

    def _prepare(self) -> None:
        """A new station, its staff, and invoice numbers for the whole run pulled from HQ."""
        needed = min(self.options.checkouts * 2 + 100, 950)
        station = open_station(self.path, self.clock, booklets=0)  # type: ignore[arg-type]
        pulled = threading.Event()
        options = replace(TILL_SYNC, min_invoice_numbers=needed)
        service = station.sync_service(self.hq.url, self.hq.tokens[STATION],
                                       lambda e: isinstance(e, PullFinished) and pulled.set(), options)
        service.start()
        try:
            if not pulled.wait(self.options.wait):
                raise CampaignError("the station's first pull from HQ did not finish")
        finally:
            service.stop()
        left = station.numbers_left().current
        station.close()
        if left < needed:
            raise CampaignError(f"HQ gave the station {left} invoice numbers, {needed} needed")
        self.steps["numbers_pulled"] = left

    def _cycle(self, stage: Callable[[Channel], None] | None = None) -> None:
        read_fd, write_fd = os.pipe()
        disconnect_first = stage is not None or self.rng.random() < 0.1
        child = FORK.Process(target=_till, args=(write_fd,), kwargs={
            "path": self.path, "url": self.hq.url, "token": self.hq.tokens[STATION],
            "seed": self.rng.randrange(1 << 30), "clock": self.clock, "busy_timeout_ms": self.options.busy_timeout_ms,
            "disconnect_rate": self.options.disconnect_rate, "disconnect_first": disconnect_first})
        child.start()
        os.close(write_fd)
        channel = Channel(read_fd, child)
        try:
            channel.wait(lambda: channel.count("sale") >= 1, self.options.wait, "the till's first sale")
            if stage is not None:
                stage(channel)
            # The moment of the kill: mostly within the next few transactions, sometimes mid-upload or print.
            delay = self.rng.uniform(0, 0.02) if self.rng.random() < 0.8 else self.rng.uniform(0.05, 0.25)
            channel.run_for(delay)
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.join(10)
            channel.finish()
            self._collect(channel)
        if child.exitcode != -signal.SIGKILL:
            raise CampaignError(f"a till ended by itself (exit {child.exitcode}) before the kill")
        self.faults["station_sigkill"] += 1
        self.sales_per_till.append(channel.count("sale"))

    def _collect(self, channel: Channel) -> None:
        self.records.extend(channel.records)
        for record in channel.records:
            if record["kind"] == "sale":
                self.committed[record["order"]] = record["number"]
            elif record["kind"] == "arm":
                self.faults["printer_disconnect"] += 1

    # -- the stages: each runs while a till is selling --------------------------------------------
    def _kill_hq(self, channel: Channel) -> None:
        sales = channel.count("sale")
        self.hq.kill()
        self.faults["hq_sigkill"] += 1
        took = channel.wait(lambda: channel.count("link", online=False) >= 1, self.options.wait,
                            "the till to notice HQ is gone")
        channel.wait(lambda: channel.count("sale") >= sales + 3, self.options.wait, "offline sales after HQ died")
        self.steps["hq_kill"] = {"offline_noticed_s": round(took, 3)}

    def _restart_hq(self, channel: Channel) -> None:
        self.hq.start()
        self.faults["hq_restart"] += 1
        took = channel.wait(lambda: channel.count("link", online=True) >= 1, self.options.wait,
                            "the till to see HQ again")
        channel.wait(lambda: channel.count("upload", state="success") >= 1, self.options.wait,
                     "the backlog to start moving after HQ came back")
        self.steps["hq_restart"] = {"online_again_s": round(took, 3)}

    def _lock_database(self, channel: Channel) -> None:
        holder = LockHolder(self.path)
        self.faults["db_lock"] += 1
        held = time.monotonic()
        refused = lambda: channel.count("error", where="checkout", code="database.locked")  # noqa: E731
        channel.wait(lambda: refused() >= 1, self.options.busy_timeout_ms / 1000 + self.options.wait,
                     "a checkout refused with database.locked while another process holds the write lock")
        sales = channel.count("sale")
        holder.release()
        held_s = time.monotonic() - held
        took = channel.wait(lambda: channel.count("sale") > sales, self.options.wait,
                            "a checkout to succeed after the lock was released")
        first = next(r for r in channel.records if r["kind"] == "error" and r.get("code") == "database.locked")
        self.steps["db_lock"] = {"held_s": round(held_s, 3), "refused_checkouts": refused(),
                                 "sale_after_release_s": round(took, 3), "en": first["en"], "zh": first["zh"]}

    def _disk_full(self) -> None:
        folder = self.folder / "disk-full"
        folder.mkdir()
        read_fd, write_fd = os.pipe()
        child = FORK.Process(target=_disk_full, args=(self.path, folder, write_fd, self.clock,
                                                      self.options.disk_full))
        child.start()
        os.close(write_fd)
        channel = Channel(read_fd, child)
        channel.wait(lambda: channel.count("disk_full") == 1, self.options.wait, "the disk-full check")
        child.join(30)
        channel.finish()
        self.records.extend(channel.records)
        self.faults["disk_full"] += 1
        found = next(r for r in channel.records if r["kind"] == "disk_full")
        self.steps["disk_full"] = {k: v for k, v in found.items() if k != "kind"}
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)

    # -- afterwards --------------------------------------------------------------------------------
    def _drain(self) -> dict[str, bool]:
        """HQ up, a till without faults: the backlog must empty, every order accepted (none in attention)."""
        station = Station.open(self.path, SELLER, self.clock)
        service = station.sync_service(self.hq.url, self.hq.tokens[STATION], None, TILL_SYNC)
        started = time.monotonic()
        service.start()
        try:
            deadline = started + self.options.wait * 2
            while (summary := station.upload_summary()).pending and time.monotonic() < deadline:
                threading.Event().wait(0.05)  # polling a condition with a deadline
        finally:
            service.stop()
        counts = {k: v for k, v in summary.counts.items() if v}
        attention = station.upload_records(states=["attention"])
        station.close()
        self.steps["drain"] = {"seconds": round(time.monotonic() - started, 3), "outbox": counts,
                               "attention": [r.reason.code if r.reason else None for r in attention]}
        return {"backlog_drained": summary.pending == 0, "nothing_in_attention": not attention}

    def _check_hq(self) -> dict[str, bool]:
        with contextlib.closing(sqlite3.connect(f"file:{self.hq.db}?mode=ro", uri=True)) as hq, \
                contextlib.closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as local:
            at_hq = hq.execute("SELECT o.id, i.number FROM hq_orders o JOIN hq_invoices i ON i.order_id = o.id "
                               "WHERE o.station_id = ?", (STATION,)).fetchall()
            ids = [row[0] for row in hq.execute("SELECT id FROM hq_orders WHERE station_id = ?", (STATION,))]
            numbers = [row[0] for row in hq.execute("SELECT period_code || number FROM hq_invoices")]
            stored = dict(local.execute("SELECT o.id, i.number FROM orders o JOIN invoices i ON i.order_id = o.id"))
        hq_numbers = dict(at_hq)
        self.steps["hq"] = {"orders": len(ids), "invoices": len(numbers)}
        self.steps["station"] = {"orders": len(stored)}
        return {
            "hq_has_every_committed_sale": all(hq_numbers.get(k) == v for k, v in self.committed.items()),
            "hq_has_each_order_once": len(ids) == len(set(ids)) == len(at_hq),
            "hq_orders_are_the_station_orders": hq_numbers == stored,
            "hq_no_invoice_number_twice": len(numbers) == len(set(numbers)),
        }

    def _report(self, invariants: dict[str, bool], seconds: float) -> dict[str, Any]:
        messages: dict[str, dict[str, Any]] = {}
        for record in self.records:
            if "code" in record:
                seen = messages.setdefault(record["code"], {"count": 0, "known": record["known"], "where": [],
                                                            "en": record["en"], "zh": record["zh"]})
                seen["count"] += 1
                where = record.get("where") or record["kind"]
                if where not in seen["where"]:
                    seen["where"].append(where)
        raw = [r for r in self.records if r["kind"] == "raw"]
        invariants["every_message_is_a_known_code"] = all(m["known"] for m in messages.values())
        invariants["no_raw_errors"] = not raw
        invariants["every_fault_met_its_message"] = set(EXPECTED) <= set(messages)
        disk = self.steps.get("disk_full", {})
        invariants["disk_full_changed_nothing"] = bool(disk.get("unchanged")) and disk.get("integrity") == "ok"
        invariants["disk_full_then_sale_ok"] = bool(disk.get("after_ok")) and bool(disk.get("one_more_order"))
        kinds = Counter(r["kind"] for r in self.records)
        jobs = Counter(f"{r['state']}{' (reprint)' if r['reprint'] else ''}" for r in self.records
                       if r["kind"] == "job")
        uploads = Counter(r["state"] for r in self.records if r["kind"] == "upload")
        return {
            "seed": self.options.seed,
            "seconds": round(seconds, 2),
            "counts": {
                "committed_reported": len(self.committed),
                "station_orders": self.steps.get("station", {}).get("orders"),
                "hq_orders": self.steps.get("hq", {}).get("orders"),
                "tills_killed": self.faults["station_sigkill"],
                "sales_per_till": {"min": min(self.sales_per_till, default=0),
                                   "median": sorted(self.sales_per_till)[len(self.sales_per_till) // 2]
                                   if self.sales_per_till else 0,
                                   "max": max(self.sales_per_till, default=0)},
                "offline_sales": sum(1 for r in self.records if r["kind"] == "sale" and r["offline"]),
                "print_jobs": dict(jobs),
                "upload_outcomes_seen_by_tills": dict(uploads),
                "refused_checkouts": kinds["error"],
            },
            "faults_injected": dict(self.faults),
            "steps": self.steps,
            "messages_seen": messages,
            "messages_expected": EXPECTED,
            "raw_errors": raw[:10],
            "invariants": invariants,
            "ok": all(invariants.values()),
        }


def check_station(path: Path, committed: dict[str, str]) -> dict[str, bool]:
    """Invariants 1 and 2 on the station's file (as tests/store/test_durability.py checks them)."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        run = lambda sql: db.execute(sql).fetchall()  # noqa: E731
        orders = dict(run("SELECT o.id, i.number FROM orders o JOIN invoices i ON i.order_id = o.id"))
        seqs = sorted(row[0] for row in run("SELECT seq FROM orders"))
        return {
            "station_integrity_ok": run("PRAGMA integrity_check") == [("ok",)],
            "station_has_every_committed_sale": {k: orders.get(k) for k in committed} == committed,
            "station_orders_are_whole": run("SELECT count(*) FROM orders") == [(len(orders),)] and run(
                """SELECT count(*) FROM orders o WHERE
                   o.total != (SELECT coalesce(sum(amount), -1) FROM order_lines l WHERE l.order_id = o.id)
                   OR o.total != (SELECT coalesce(sum(amount), -1) FROM payments p WHERE p.order_id = o.id)
                   OR (SELECT count(*) FROM invoices i WHERE i.order_id = o.id) != 1""") == [(0,)],
            "station_one_outbox_row_per_order": run("SELECT count(*), count(DISTINCT order_id) FROM outbox")
            == [(len(orders), len(orders))],
            "station_no_invoice_number_twice": run("SELECT count(DISTINCT number) FROM invoices") == [(len(orders),)],
            "station_numbers_consumed_match": run("SELECT coalesce(sum(next_offset), 0) FROM booklets")
            == [(len(orders),)],
            "station_order_numbers_gapless": seqs == list(range(1, len(seqs) + 1)),
        }


def run_campaign(folder: Path, options: CampaignOptions | None = None) -> dict[str, Any]:
    return Campaign(folder, options or CampaignOptions()).run()


__all__ = ["EXPECTED", "Campaign", "CampaignError", "CampaignOptions", "check_station", "run_campaign"]

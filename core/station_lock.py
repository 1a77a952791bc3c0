"""One selling instance per station: an exclusive flock on `station.lock` in the data dir.

Why flock and not a pid file: the kernel drops the lock the moment its holder dies (kill -9, power
loss of the process), so a crash can never leave the station locked out; the pid/host/start time
written into the file are only there to tell a person *who* holds it. A clean release empties the
file, so a non-empty file found by the next holder means its predecessor crashed.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.errors import CashierError
from core.messages import StoreCode

LOCK_NAME = "station.lock"
_MAX_BYTES = 4096


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str
    started: str  # ISO time the holder took the lock

    def to_json(self) -> str:
        return json.dumps({"pid": self.pid, "host": self.host, "started": self.started})

    @classmethod
    def parse(cls, text: str) -> LockOwner | None:
        try:
            data = json.loads(text)
            return cls(int(data["pid"]), str(data["host"]), str(data["started"]))
        except (ValueError, KeyError, TypeError):
            return None


@dataclass
class StationLock:
    """The result of trying to take the lock. `read_only` is the caller's cue: another instance sells."""

    path: Path
    owner: LockOwner | None  # us when acquired; the other instance when not
    read_only: bool
    recovered_from: LockOwner | None = None  # a crashed predecessor whose lock the kernel released
    _fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Empty the file (a clean stop), then let go. Idempotent."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> StationLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOCK_NAME


def _failed(path: Path, error: OSError) -> CashierError:
    return CashierError(StoreCode.STATION_LOCK_FAILED, path=str(path), reason=error.strerror or type(error).__name__)


def _read(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, _MAX_BYTES).decode("utf-8", errors="replace")


def acquire(data_dir: Path, *, now: datetime) -> StationLock:
    """Take the station lock without waiting. Never raises for "held elsewhere": that is read_only=True."""
    path = lock_path(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # No O_TRUNC: the holder's details must survive our opening the file to find out who it is.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as error:
        raise _failed(path, error) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        owner = LockOwner.parse(_read(fd))
        os.close(fd)
        return StationLock(path, owner, read_only=True)
    except OSError as error:
        os.close(fd)
        raise _failed(path, error) from None
    previous = LockOwner.parse(_read(fd))
    me = LockOwner(os.getpid(), socket.gethostname(), now.isoformat(timespec="seconds"))
    os.ftruncate(fd, 0)
    os.pwrite(fd, me.to_json().encode(), 0)
    os.fsync(fd)
    return StationLock(path, me, read_only=False, recovered_from=previous, _fd=fd)


def _flock_holders(path: Path, proc_locks: Path) -> set[int] | None:
    """Pids holding a flock on `path` per /proc/locks (Linux); None where that file is not available."""
    try:
        info = path.stat()
        lines = proc_locks.read_text().splitlines()
    except OSError:
        return None
    wanted = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    holders = set()
    for line in lines:
        fields = line.split()
        # "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF"; blocked waiters carry "->" and are skipped.
        if len(fields) >= 6 and fields[1] == "FLOCK" and "->" not in fields and fields[5] == wanted:
            holders.add(int(fields[4]))
    return holders


@dataclass(frozen=True)
class LockState:
    running: bool
    owner: LockOwner | None  # who holds it, or the crashed holder whose details are left behind


def peek(data_dir: Path, *, proc_locks: Path = Path("/proc/locks")) -> LockState:
    """Who holds the lock, without taking it: even a moment's shared lock here could make a station
    starting at that instant believe another one is selling."""
    path = lock_path(data_dir)
    try:
        owner = LockOwner.parse(path.read_text(encoding="utf-8", errors="replace")[:_MAX_BYTES])
    except OSError:
        return LockState(False, None)
    holders = _flock_holders(path, proc_locks)
    if holders is not None:
        return LockState(bool(holders), owner)
    if owner is None:
        return LockState(False, None)
    return LockState(owner.host == socket.gethostname() and _alive(owner.pid), owner)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

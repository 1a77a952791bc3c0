"""One selling instance per station: the flock in the data dir, its holder's details, crash recovery."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from core.station_lock import acquire, lock_path, peek
from tests.factories import NOON
from tests.support.paths import ROOT

CHILD = """
import sys
from datetime import datetime
from pathlib import Path
from core.station_lock import acquire
lock = acquire(Path(sys.argv[1]), now=datetime.fromisoformat("2026-11-22T12:00:00+08:00"))
print("held" if lock.held else "refused", flush=True)
sys.stdin.read()  # hold the lock until killed
"""


def test_a_second_instance_is_told_who_sells_and_a_clean_release_frees_it(tmp_path: Path) -> None:
    first = acquire(tmp_path, now=NOON)
    assert first.held and not first.read_only and first.owner is not None and first.owner.pid == os.getpid()
    assert lock_path(tmp_path).stat().st_mode & 0o777 == 0o600
    second = acquire(tmp_path, now=NOON)  # flock is per open file: the same process is refused too
    assert second.read_only and not second.held
    assert second.owner == first.owner
    assert peek(tmp_path).running
    first.release()
    assert lock_path(tmp_path).read_text() == ""  # clean stop: nothing left to recover
    assert not peek(tmp_path).running
    third = acquire(tmp_path, now=NOON)
    assert third.held and third.recovered_from is None
    third.release()


def test_a_crashed_holder_killed_with_sigkill_is_recovered(tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"  # it holds the lock now
        busy = acquire(tmp_path, now=NOON)
        assert busy.read_only and busy.owner is not None and busy.owner.pid == child.pid
        assert peek(tmp_path).running and peek(tmp_path).owner == busy.owner
        child.send_signal(signal.SIGKILL)
        assert child.wait(10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    # The kernel dropped the flock with the process; its details are still in the file.
    state = peek(tmp_path)
    assert not state.running and state.owner is not None and state.owner.pid == child.pid
    with acquire(tmp_path, now=NOON) as lock:
        assert lock.held and lock.recovered_from is not None and lock.recovered_from.pid == child.pid
        assert lock.owner is not None and lock.owner.pid == os.getpid()


def test_peek_without_proc_locks_falls_back_to_the_pid(tmp_path: Path) -> None:
    with acquire(tmp_path, now=NOON):
        assert peek(tmp_path, proc_locks=tmp_path / "absent").running
    assert not peek(tmp_path, proc_locks=tmp_path / "absent").running

"""Doctor check: is a selling instance running on this station right now (the lock file's holder)?"""

from __future__ import annotations

from pathlib import Path

from core.doctor.model import CheckResult, JSONValue, Status, say
from core.messages import DoctorCode
from core.station_lock import lock_path, peek


def check_station(data_dir: Path, *, proc_locks: Path = Path("/proc/locks")) -> CheckResult:
    state = peek(data_dir, proc_locks=proc_locks)
    details: dict[str, JSONValue] = {"lock_file": str(lock_path(data_dir)), "running": state.running,
               "pid": state.owner.pid if state.owner else None, "host": state.owner.host if state.owner else None,
               "started": state.owner.started if state.owner else None}
    if state.running and state.owner is not None:
        return CheckResult("station", Status.OK, say(DoctorCode.STATION_RUNNING, pid=state.owner.pid,
                                                     host=state.owner.host, started=state.owner.started), details)
    if state.owner is not None:
        # Informational: flock was released by the kernel, the next start recovers by itself.
        return CheckResult("station", Status.WARN, say(DoctorCode.STATION_CRASHED, pid=state.owner.pid,
                                                       started=state.owner.started), details)
    return CheckResult("station", Status.OK, say(DoctorCode.STATION_STOPPED), details)

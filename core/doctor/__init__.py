"""`cashier doctor`: a non-interactive health report for support over SSH.

One module per check, each a function returning a CheckResult; `run_doctor` runs them in order and
skips what an earlier failure makes meaningless (no config: nothing else; a damaged database: no
backlog or numbers). Nothing here prints.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from core.clock import Clock, SystemClock
from core.doctor.model import CheckResult, DoctorReport, Said, Status, said, say
from core.messages import DoctorCode, MessageCode

__all__ = ["CheckResult", "DoctorReport", "Said", "Status", "run_doctor"]

CHECK_NAMES = ("config", "station", "database", "printer", "hq", "backlog", "numbers", "resume", "platform",
               "backup")


def _skipped(name: str, why: MessageCode) -> CheckResult:
    return CheckResult(name, Status.SKIP, say(why))


def run_doctor(config_file: Path | str | None = None, *, environ: Mapping[str, str] = os.environ,
               clock: Clock | None = None, hq_timeout: float = 3.0, full_check: bool = False,
               proc_locks: Path = Path("/proc/locks")) -> DoctorReport:
    from core.doctor.config_check import check_config

    clock = clock or SystemClock()
    config_result, config = check_config(config_file, environ)
    checks = [config_result]
    if config is None:
        checks += [_skipped(name, DoctorCode.SKIPPED_NO_CONFIG) for name in CHECK_NAMES[1:]]
        return DoctorReport(tuple(checks), clock.now())

    from core.doctor.backlog_check import check_backlog
    from core.doctor.database_check import check_database
    from core.doctor.hq_check import check_hq
    from core.doctor.numbers_check import check_numbers
    from core.doctor.platform_check import check_platform
    from core.doctor.printer_check import check_printer
    from core.doctor.station_check import check_station
    from core.printer.seen import read_seen

    station = check_station(config.station.data_dir, proc_locks=proc_locks)
    db_path = config.station.data_dir / "station.db"
    database, usable = check_database(db_path, full=full_check)
    pid = station.details.get("pid")
    checks += [station, database,
               check_printer(config.printer, station_running=bool(station.details.get("running")),
                             seen=read_seen(config.station.data_dir), station_pid=pid if isinstance(pid, int) else None,
                             now=clock.now()),
               check_hq(config.hq.url, config.hq.token, clock, timeout=hq_timeout, ca_file=config.hq.ca_file)]
    from core.doctor.backup_check import check_backup

    backup = check_backup(config.backup, config.station.data_dir, clock.now(), full=full_check)
    if not usable:
        checks += [_skipped(name, DoctorCode.SKIPPED_NO_DATABASE)
                   for name in ("backlog", "numbers", "resume", "platform")]
        return DoctorReport((*checks, backup), clock.now())

    from core.errors import CashierError
    from core.station import Station

    # Schema current and integrity ok: opening through the ORM migrates nothing and only reads.
    try:
        # Checked just above; no gate: the doctor looks, it never marks the database (core/resume/gate.py).
        opened = Station.open(db_path, config.make_seller(), clock, integrity_budget=None, gate=False)
    except CashierError as error:  # e.g. locked for longer than the busy timeout by another program
        skipped = [CheckResult(name, Status.SKIP, said(error)) for name in ("backlog", "numbers", "resume", "platform")]
        return DoctorReport((*checks, *skipped, backup), clock.now())
    try:
        checks += [check_backlog(opened.upload_summary(), clock.now()),
                   check_numbers(opened.numbers_left(), clock.now())]
        platform = check_platform(opened.platform_oldest_open(), clock.now())
    finally:
        opened.close()
    from core.doctor.resume_check import check_resume

    checks += [check_resume(db_path), platform]
    return DoctorReport((*checks, backup), clock.now())

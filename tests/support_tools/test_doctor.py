"""`cashier doctor` against a real temp database, the virtual printer on TCP, and a real (or stopped) HQ."""

from __future__ import annotations

import json
import os
import re
import shlex
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from core.clock import ManualClock
from core.doctor import Status, run_doctor
from core.doctor.backlog_check import check_backlog
from core.doctor.numbers_check import check_numbers
from core.doctor.text import render_text
from core.einvoice import period_of
from core.printer.seen import SeenPrinter, read_seen, state_path
from core.station import NumbersLeft, Station
from core.station_lock import acquire
from core.store.outbox import OutboxSummary
from tests.factories import NOON, SELLER, write_site_config
from tests.printer.conftest import fast_config
from tests.ssh.session import Terminal
from tests.support.paths import ROOT
from tests.support_tools.conftest import SALES, Site
from tui.cli import main

NO_ENV: dict[str, str] = {}


def _assert_no_secrets(site: Site, *texts: str) -> None:
    for text in texts:
        for secret in site.secrets:
            assert secret not in text and secret.upper() not in text


def test_a_healthy_station_passes_every_check_with_its_figures(site: Site) -> None:
    report = run_doctor(site.config, environ=NO_ENV, clock=ManualClock(NOON + timedelta(seconds=2)))
    assert {c.name: c.status for c in report.checks} == {
        "config": Status.OK, "station": Status.OK, "database": Status.OK, "printer": Status.OK, "hq": Status.OK,
        "backlog": Status.OK, "numbers": Status.OK, "resume": Status.OK, "platform": Status.OK, "backup": Status.OK}
    assert report.exit_code == 0
    database = report.check("database").details
    assert database["schema_version"] == database["latest_schema"] and database["problems"] == []
    assert database["size_bytes"] > 0
    printer = report.check("printer").details
    assert printer["url"] == site.printer.url and printer["model"] == "PP-8800"
    assert printer["status"] == "ready to print" and printer["can_print"] is True
    hq = report.check("hq").details
    # HQ's clock says NOON, ours NOON+2 s: the skew is measured from /health's server time.
    assert hq["reachable"] is True and hq["token_accepted"] is True and hq["clock_skew_seconds"] == -2.0
    assert 0 < hq["latency_ms"] < 3000
    backlog = report.check("backlog").details
    assert (backlog["waiting"], backlog["pending"], backlog["attention"]) == (SALES, SALES, 0)
    assert backlog["oldest_age_hours"] == 0.0
    numbers = report.check("numbers").details
    assert (numbers["current"], numbers["next"], numbers["current_period"]) == (100 - SALES, 0, "11512")
    text = render_text(report, "en")
    assert "[ OK ] HQ: HQ http://127.0.0.1" in text and "all checks passed" in text
    _assert_no_secrets(site, text, render_text(report, "zh_TW"), json.dumps(report.to_dict("en")))


def test_cli_json_exit_code_and_fields_when_hq_is_stopped_and_the_clock_is_off(
        site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # In-process CLI: the station clock is injected where the doctor would take the system clock.
    monkeypatch.setattr("core.doctor.SystemClock", lambda: ManualClock(NOON + timedelta(minutes=10)))
    assert main(["--config", str(site.config), "--lang", "en", "doctor", "--json"]) == 1  # skew 600 s: fix it
    skewed = json.loads(capsys.readouterr().out)
    hq = next(c for c in skewed["checks"] if c["name"] == "hq")
    assert hq["status"] == "fail" and hq["details"]["clock_skew_seconds"] == -600.0
    assert [n["code"] for n in hq["notes"]] == ["doctor.hq.skew"]
    site.hq.stop()
    assert main(["--config", str(site.config), "--lang", "en", "doctor", "--json"]) == 1
    out = capsys.readouterr().out
    stopped = json.loads(out)
    assert stopped["status"] == "fail" and stopped["exit_code"] == 1
    hq = next(c for c in stopped["checks"] if c["name"] == "hq")
    assert (hq["status"], hq["code"], hq["details"]["reachable"]) == ("fail", "hq.unreachable", False)
    # Everything local still checks out while HQ is away: selling offline is fine.
    assert {c["name"]: c["status"] for c in stopped["checks"] if c["name"] != "hq"} == {
        "config": "ok", "station": "ok", "database": "ok", "printer": "ok", "backlog": "ok", "numbers": "ok",
        "resume": "ok", "platform": "ok", "backup": "ok"}
    _assert_no_secrets(site, out)


def test_the_real_command_in_a_subprocess_reports_problems_bilingually_without_secrets(site: Site) -> None:
    site.hq.stop()
    site.printer.stop()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASHIER_")}
    done = subprocess.run([sys.executable, "-m", "tui.cli", "--config", str(site.config), "doctor"],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=60, check=False)
    assert done.returncode == 1, done.stderr
    assert "[FAIL] 總部連線: 無法連線到總部" in done.stdout
    assert "[FAIL] 印表機: 無法連線到印表機" in done.stdout and "Traceback" not in done.stderr
    _assert_no_secrets(site, done.stdout, done.stderr)


def test_a_broken_config_fails_and_skips_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "config.toml"
    bad.write_text('[station]\nid = "S01"\n[seller]\naes_key = "0123456789abcdef0123456789abcdef"\n',
                   encoding="utf-8")
    assert main(["--config", str(bad), "--lang", "en", "doctor", "--json"]) == 1
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["checks"][0]["name"] == "config" and data["checks"][0]["code"] == "config.invalid"
    assert any("hq.token is missing" in p for p in data["checks"][0]["details"]["problems"])
    assert {c["status"] for c in data["checks"][1:]} == {"skip"}
    assert "0123456789abcdef0123456789abcdef" not in out


def test_a_damaged_database_fails_and_the_store_checks_are_skipped(site: Site) -> None:
    site.db.write_bytes(b"this is not a database" * 100)
    for side in ("-wal", "-shm"):
        site.db.with_name(site.db.name + side).unlink(missing_ok=True)
    report = run_doctor(site.config, environ=NO_ENV, clock=ManualClock(NOON))
    assert report.check("database").status is Status.FAIL
    assert report.check("database").summary.code == "doctor.database.damaged"
    assert (report.check("backlog").status, report.check("numbers").status) == (Status.SKIP, Status.SKIP)
    assert report.exit_code == 1


def test_a_printer_out_of_paper_fails_with_the_status_in_words(site: Site) -> None:
    site.printer.printer.set_fault("paper-end")
    report = run_doctor(site.config, environ=NO_ENV, clock=ManualClock(NOON))
    printer = report.check("printer")
    assert printer.status is Status.FAIL and "paper end" in printer.details["status"]
    assert "沒有紙了" in printer.details["status_zh"]
    assert "printer.guide.load_paper" in [note.code for note in printer.notes]


def test_with_the_station_running_the_printer_is_not_opened_a_second_time(site: Site) -> None:
    with acquire(site.data_dir, now=NOON) as lock:
        assert lock.held
        report = run_doctor(site.config, environ=NO_ENV, clock=ManualClock(NOON))
    station = report.check("station")
    assert station.details["running"] is True and station.details["pid"] == os.getpid()
    assert report.check("printer").summary.code == "doctor.printer.owned"
    assert site.printer.connections == 0


def test_a_world_readable_config_with_secrets_fails_with_the_chmod_that_fixes_it(
        site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config.chmod(0o644)
    report = run_doctor(site.config, environ=NO_ENV, clock=ManualClock(NOON))
    config = report.check("config")
    assert config.status is Status.FAIL and report.exit_code == 1
    assert any(f"chmod 600 {site.config}" in problem for problem in config.details["problems"])
    for language in ("zh_TW", "en"):
        assert f"chmod 600 {site.config}" in config.summary.text(language)
    assert main(["--config", str(site.config), "--lang", "en", "doctor"]) == 1
    out = capsys.readouterr().out
    assert f"chmod 600 {site.config}" in out and "0644" in out
    _assert_no_secrets(site, out)


def test_the_48_hour_rule_and_attention_in_the_backlog() -> None:
    counts = {"waiting": 3, "uploading": 0, "success": 5, "failed": 1, "attention": 0}
    fresh = check_backlog(OutboxSummary(counts, NOON, None), NOON + timedelta(hours=23))
    assert fresh.status is Status.WARN  # a failed upload retries by itself, but is worth a look
    day = check_backlog(OutboxSummary(counts, NOON, None), NOON + timedelta(hours=25))
    assert day.status is Status.WARN and day.details["oldest_age_hours"] == 25.0
    late = check_backlog(OutboxSummary(counts, NOON, None), NOON + timedelta(hours=48))
    assert late.status is Status.FAIL and late.notes[0].code == "doctor.backlog.overdue"
    refused = check_backlog(OutboxSummary({**counts, "attention": 2, "failed": 0}, NOON, None), NOON)
    assert refused.status is Status.FAIL and refused.details["attention"] == 2


def test_numbers_run_out_and_the_next_period_is_missing_near_its_start() -> None:
    period = period_of(NOON)
    assert check_numbers(NumbersLeft(period, 0, period.next(), 100), NOON).status is Status.FAIL
    assert check_numbers(NumbersLeft(period, 10, period.next(), 100), NOON).status is Status.WARN
    assert check_numbers(NumbersLeft(period, 500, period.next(), 0), NOON).status is Status.OK  # 39 days left
    near_end = NOON.replace(month=12, day=28)
    late = check_numbers(NumbersLeft(period, 500, period.next(), 0), near_end)
    assert late.status is Status.WARN and late.notes[0].code == "doctor.numbers.next_missing"


def test_the_config_written_for_the_site_is_owner_only(tmp_path: Path) -> None:
    path = write_site_config(tmp_path / "c.toml", tmp_path, hq_url="http://127.0.0.1:1", token="t" * 20,
                             printer_url="emulator")
    assert path.stat().st_mode & 0o777 == 0o600
    report = run_doctor(path, environ=NO_ENV, clock=ManualClock(NOON), hq_timeout=0.5)
    assert report.check("printer").summary.code == "doctor.printer.emulator"
    assert report.check("database").summary.code == "doctor.database.missing"


def _doctor_command(tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    """The real command, on a config that does not exist: a report (all FAIL/skip) at once, no HQ wait."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASHIER_")}
    return [sys.executable, "-m", "tui.cli", "--config", str(tmp_path / "absent.toml"), "doctor"], env


def test_doctor_piped_to_head_ends_without_a_traceback(tmp_path: Path) -> None:
    command, env = _doctor_command(tmp_path)
    done = subprocess.run(["bash", "-c", f'{shlex.join(command)} 2>"$1" | head -1; echo "exit=${{PIPESTATUS[0]}}"',
                           "pipeline", str(tmp_path / "stderr")], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=60, check=True)
    first, status = done.stdout.splitlines()
    assert first.startswith("[FAIL] 設定") and status in ("exit=1", "exit=141")  # head may read it all in time
    assert (tmp_path / "stderr").read_text(encoding="utf-8") == ""


def test_doctor_writing_to_a_reader_that_left_exits_quietly(tmp_path: Path) -> None:
    """The pipe's reader gone before the report is written: always EPIPE (head -1 leaving early)."""
    command, env = _doctor_command(tmp_path)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(command, stdout=write_end, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env,
                              timeout=60, check=False)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (141, "")  # SIGPIPE's exit status, nothing on stderr


def _selling_till_sees(site: Site, fault: str | None) -> None:
    """The selling till's print service asks the printer (over socket://) for its status, as at every start
    and before every job; its recorder writes what it saw into the data dir, on the till's clock."""
    site.printer.printer.set_fault(fault)
    till = Station.open(site.db, SELLER, site.clock)
    try:
        printing = till.start_printing(fast_config(site.printer.url))
        answered: list[object] = []
        printing.service.request_status(answered.append)
        assert printing.service.wait_idle(10) and answered
    finally:
        till.close()


def test_the_doctor_reports_the_paper_out_the_selling_till_saw_and_its_age(site: Site) -> None:
    with acquire(site.data_dir, now=NOON) as lock:  # this process is the selling till
        assert lock.held
        _selling_till_sees(site, "paper-end")
        assert stat.S_IMODE(os.stat(state_path(site.data_dir)).st_mode) == 0o600
        assert sorted(p.name for p in site.data_dir.iterdir() if "printer" in p.name) == ["printer-state.json"]
        seen = read_seen(site.data_dir)
        assert seen is not None and seen.seen_at == NOON and seen.pid == os.getpid()
        connections = site.printer.connections
        report = run_doctor(site.config, environ=NO_ENV, clock=ManualClock(NOON + timedelta(seconds=12)))
    printer = report.check("printer")
    assert site.printer.connections == connections  # the doctor never opened the till's port
    assert printer.status is Status.FAIL and report.exit_code == 1
    assert printer.summary.code == "doctor.printer.seen"
    assert f"paper end, seen 12 s ago by the selling till, pid {os.getpid()}" in printer.summary.en
    assert "沒有紙了" in printer.summary.zh and "12 秒前由銷售中的收銀機看到" in printer.summary.zh
    assert "printer.guide.load_paper" in [note.code for note in printer.notes]
    assert (printer.details["seen_age_seconds"], printer.details["can_print"]) == (12, False)


def test_a_ready_printer_seen_by_the_till_passes_and_an_old_tills_record_is_not_believed(site: Site) -> None:
    with acquire(site.data_dir, now=NOON):
        _selling_till_sees(site, None)
        ready = run_doctor(site.config, environ=NO_ENV, clock=ManualClock(NOON + timedelta(seconds=3)))
        assert ready.check("printer").status is Status.OK
        assert "ready to print, seen 3 s ago" in ready.check("printer").summary.en
        seen = read_seen(site.data_dir)
        assert seen is not None
        # A record left by an earlier till (another pid) says nothing about the printer now.
        stale = SeenPrinter(seen.status, seen.seen_at, os.getpid() + 1, seen.url)
        state_path(site.data_dir).write_text(stale.to_json(), encoding="utf-8")
        report = run_doctor(site.config, environ=NO_ENV, clock=ManualClock(NOON))
    assert report.check("printer").summary.code == "doctor.printer.owned"


def test_cashier_doctor_beside_a_selling_cashier_whose_printer_is_out_of_paper(site: Site) -> None:
    """Real processes: `cashier` selling in a pty, its printer (virtual, over socket://) out of paper; then
    `cashier doctor` says so, with the age and the till's pid, and exits 1, without touching the port."""
    cashier = Path(sys.prefix) / "bin" / "cashier"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASHIER_")}
    site.printer.printer.set_fault("paper-end")
    till = Terminal([str(cashier), "--config", str(site.config)], env=env)
    try:
        till.until(lambda s: "E001  王小明" in s and "密碼" in s, 60.0, "the till's login screen")
        till.send("1234\r")
        till.until(lambda s: "會員登入" in s, 20.0, "the customer screen")
        till.until(lambda _s: read_seen(site.data_dir) is not None, 20.0, "the till's printer status recorded")
        connections = site.printer.connections
        done = subprocess.run([str(cashier), "--config", str(site.config), "--lang", "en", "doctor"],
                              capture_output=True, text=True, env=env, timeout=60, check=False)
        assert site.printer.connections == connections  # the doctor never opened the till's port
    finally:
        till.send("\x11")
        till.close(20.0)
    assert done.returncode == 1 and done.stderr == ""
    line = next(line for line in done.stdout.splitlines() if line.startswith("[FAIL] printer"))
    assert re.search(rf"paper end, seen \d+ s ago by the selling till, pid {till.process.pid}", line), line

"""Doctor check: the configured printer's port, model and status in words, with the FAQ's guidance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from core.doctor.model import CheckResult, JSONValue, Said, Status, said, say
from core.errors import CashierError
from core.messages import DoctorCode, PrinterCode

if TYPE_CHECKING:
    from core.printer.config import PrinterConfig
    from core.printer.diagnostics import DiagnosticReport, Issue
    from core.printer.seen import SeenPrinter
    from core.printer.transport import Link


class _OwnedError(CashierError):
    """Raised by the stand-in opener while the station owns the port."""


def check_printer(config: PrinterConfig, *, station_running: bool = False,
                  diagnose: Callable[..., DiagnosticReport] | None = None, seen: SeenPrinter | None = None,
                  station_pid: int | None = None, now: datetime | None = None) -> CheckResult:
    """`seen`: what the selling till recorded (core/printer/seen.py); used while that very till (`station_pid`)
    runs, since then the port is its own and only its print service can ask the printer."""
    if diagnose is None:
        from core.printer.diagnostics import diagnose as default_diagnose

        diagnose = default_diagnose
    details: dict[str, JSONValue] = {"url": config.url, "model": config.model, "dots_per_line": config.dots_per_line}
    if config.is_emulator:
        return CheckResult("printer", Status.OK, say(DoctorCode.PRINTER_EMULATOR), {**details, "status": "emulator"})
    if station_running:
        # The running station's print service owns the link: a second opener would steal its status
        # replies (or, on a device path, be refused). Still list devices and permission problems.
        def owned(_: PrinterConfig) -> Link:
            raise _OwnedError(PrinterCode.BUSY, port=config.url)

        report = diagnose(config, opener=owned)
        issues = [i for i in report.issues if not isinstance(i.problem, _OwnedError)]
        notes = _notes(issues)
        if seen is not None and now is not None and seen.pid == station_pid:
            return _as_seen(config, seen, now, {**details, "devices": report.devices}, notes)
        summary = say(DoctorCode.PRINTER_OWNED, url=config.url)
        return CheckResult("printer", Status.WARN if issues else Status.OK, summary,
                           {**details, "status": "owned by the running station", "devices": report.devices,
                            "issues": [n.en for n in notes]}, tuple(notes))
    report = diagnose(config)
    notes = _notes(report.issues)
    details.update(devices=report.devices, issues=[n.en for n in notes])
    if report.status is None:
        details.update(status=None, status_zh=None)
        return CheckResult("printer", Status.FAIL, say(DoctorCode.PRINTER_UNREACHABLE, url=config.url,
                                                       model=config.model), details, tuple(notes))
    words_zh, words_en = report.status.words("zh_TW"), report.status.words("en")
    details.update(status=words_en, status_zh=words_zh, can_print=report.status.can_print)
    status = Status.FAIL if not report.status.can_print else Status.WARN if report.issues else Status.OK
    summary = Said(DoctorCode.PRINTER_OK,
                   say(DoctorCode.PRINTER_OK, url=config.url, model=config.model, words=words_zh).zh,
                   say(DoctorCode.PRINTER_OK, url=config.url, model=config.model, words=words_en).en)
    return CheckResult("printer", status, summary, details, tuple(notes))


def _as_seen(config: PrinterConfig, seen: SeenPrinter, now: datetime, details: dict[str, JSONValue],
             notes: list[Said]) -> CheckResult:
    """The selling till's last status, with its age, judged as the doctor's own probe would be."""
    from core.printer.diagnostics import STATE_GUIDANCE

    status, age = seen.status, seen.age_seconds(now)
    for condition in status.conditions():
        notes.extend(say(code) for code in STATE_GUIDANCE.get(condition.code, ()))
    words = {language: status.words(language) for language in ("zh_TW", "en")}
    zh, en = (say(DoctorCode.PRINTER_SEEN, url=config.url, model=config.model, words=words[lang], age=age,
                  pid=seen.pid) for lang in ("zh_TW", "en"))
    details.update(status=words["en"], status_zh=words["zh_TW"], can_print=status.can_print,
                   seen_at=seen.seen_at.isoformat(timespec="seconds"), seen_age_seconds=age, seen_by_pid=seen.pid,
                   issues=[n.en for n in notes])
    verdict = Status.FAIL if not status.can_print else Status.WARN if notes else Status.OK
    return CheckResult("printer", verdict, Said(DoctorCode.PRINTER_SEEN, zh.zh, en.en), details, tuple(notes))


def _notes(issues: list[Issue]) -> list[Said]:
    notes: list[Said] = []
    for issue in issues:
        notes.append(said(issue.problem))
        notes.extend(said(guide) for guide in issue.guidance)
    return notes

"""Doctor check: the configured printer's port, model and status in words, with the FAQ's guidance."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from core.doctor.model import CheckResult, Said, Status, said, say
from core.errors import CashierError

if TYPE_CHECKING:
    from core.printer.config import PrinterConfig
    from core.printer.diagnostics import DiagnosticReport
    from core.printer.transport import Link


class _OwnedError(CashierError):
    """Raised by the stand-in opener while the station owns the port."""


def check_printer(config: PrinterConfig, *, station_running: bool = False,
                  diagnose: Callable[..., DiagnosticReport] | None = None) -> CheckResult:
    if diagnose is None:
        from core.printer.diagnostics import diagnose
    details: dict[str, object] = {"url": config.url, "model": config.model, "dots_per_line": config.dots_per_line}
    if config.is_emulator:
        return CheckResult("printer", Status.OK, say("doctor.printer.emulator"), {**details, "status": "emulator"})
    if station_running:
        # The running station's print service owns the link: a second opener would steal its status
        # replies (or, on a device path, be refused). Still list devices and permission problems.
        def owned(_: PrinterConfig) -> Link:
            raise _OwnedError("printer.busy", port=config.url)

        report = diagnose(config, opener=owned)
        issues = [i for i in report.issues if not isinstance(i.problem, _OwnedError)]
        notes = _notes(issues)
        return CheckResult("printer", Status.WARN if issues else Status.OK, say("doctor.printer.owned", url=config.url),
                           {**details, "status": "owned by the running station", "devices": report.devices,
                            "issues": [n.en for n in notes]}, tuple(notes))
    report = diagnose(config)
    notes = _notes(report.issues)
    details.update(devices=report.devices, issues=[n.en for n in notes])
    if report.status is None:
        details.update(status=None, status_zh=None)
        return CheckResult("printer", Status.FAIL, say("doctor.printer.unreachable", url=config.url,
                                                       model=config.model), details, tuple(notes))
    words_zh, words_en = report.status.words("zh_TW"), report.status.words("en")
    details.update(status=words_en, status_zh=words_zh, can_print=report.status.can_print)
    status = Status.FAIL if not report.status.can_print else Status.WARN if report.issues else Status.OK
    summary = Said("doctor.printer.ok", say("doctor.printer.ok", url=config.url, model=config.model, words=words_zh).zh,
                   say("doctor.printer.ok", url=config.url, model=config.model, words=words_en).en)
    return CheckResult("printer", status, summary, details, tuple(notes))


def _notes(issues: list) -> list[Said]:
    notes: list[Said] = []
    for issue in issues:
        notes.append(said(issue.problem))
        notes.extend(said(guide) for guide in issue.guidance)
    return notes

"""The doctor report as plain text for a terminal over SSH (no colours: it may be piped or mailed)."""

from __future__ import annotations

from core.doctor.model import DoctorReport, Status

_MARKS = {Status.OK: "[ OK ]", Status.WARN: "[WARN]", Status.FAIL: "[FAIL]", Status.SKIP: "[SKIP]"}


def render_text(report: DoctorReport, language: str = "zh_TW") -> str:
    lines = []
    for check in report.checks:
        lines.append(f"{_MARKS[check.status]} {check.title(language)}: {check.summary.text(language)}")
        lines.extend(f"       - {note.text(language)}" for note in check.notes)
    lines.append("")
    lines.append(f"{report.status.label(language)}: {report.summary().text(language)}")
    return "\n".join(lines)

"""What a doctor check returns: a status, one sentence in both languages, and JSON-safe details.

Checks never print; the `cashier doctor` command renders these as text or JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from core.errors import CashierError
from core.messages import DoctorCode, MessageCode, message_code

JSONValue = str | int | float | bool | None | list[Any] | dict[str, Any]


class Status(StrEnum):
    OK = "ok"
    WARN = "warn"  # worth knowing; selling is not affected yet
    FAIL = "fail"  # something needs fixing: the doctor's exit code says so
    SKIP = "skip"  # could not be checked because an earlier check failed

    def label(self, language: str) -> str:
        return message_code(f"doctor.status.{self.value}").template(language)


@dataclass(frozen=True)
class Said:
    """A sentence in both languages plus its stable code (scripts match on the code, people read the text)."""

    code: str
    zh: str
    en: str

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.zh


def say(code: MessageCode, /, **params: Any) -> Said:
    return Said(code, code.text("zh_TW", **params), code.text("en", **params))


def said(error: CashierError) -> Said:
    return Said(error.code, error.text("zh_TW"), error.text("en"))


@dataclass(frozen=True)
class CheckResult:
    name: str  # config | station | database | printer | hq | backlog | numbers
    status: Status
    summary: Said
    details: Mapping[str, JSONValue] = field(default_factory=dict)
    notes: tuple[Said, ...] = ()  # further problems or advice, most important first

    def title(self, language: str) -> str:
        return message_code(f"doctor.check.{self.name}").template(language)

    def to_dict(self, language: str) -> dict[str, JSONValue]:
        return {
            "name": self.name,
            "status": self.status.value,
            "code": self.summary.code,
            "summary": self.summary.text(language),
            "notes": [{"code": note.code, "text": note.text(language)} for note in self.notes],
            "details": dict(self.details),
        }


def worst(statuses: list[Status]) -> Status:
    for status in (Status.FAIL, Status.WARN):
        if status in statuses:
            return status
    return Status.OK


@dataclass(frozen=True)
class DoctorReport:
    checks: tuple[CheckResult, ...]
    generated_at: datetime

    @property
    def status(self) -> Status:
        return worst([check.status for check in self.checks])

    @property
    def exit_code(self) -> int:
        """1 when any check needs fixing; warnings alone keep 0 so a cron job only pages for real faults."""
        return 1 if self.status is Status.FAIL else 0

    def check(self, name: str) -> CheckResult:
        return next(check for check in self.checks if check.name == name)

    def summary(self) -> Said:
        fails = sum(check.status is Status.FAIL for check in self.checks)
        warns = sum(check.status is Status.WARN for check in self.checks)
        if fails or warns:
            return say(DoctorCode.SUMMARY_PROBLEMS, fail=fails, warn=warns)
        return say(DoctorCode.SUMMARY_OK)

    def to_dict(self, language: str) -> dict[str, JSONValue]:
        return {
            "status": self.status.value,
            "exit_code": self.exit_code,
            "summary": self.summary().text(language),
            "generated_at": self.generated_at.isoformat(timespec="seconds"),
            "checks": [check.to_dict(language) for check in self.checks],
        }


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")

"""The printer FAQ, for Linux: find what stops printing and say how to fix it, in both languages.

"registered devices N, K issues to fix", then each issue with its guidance. Problems the station
cannot sense (blank prints, a grinding noise) are listed as symptoms with their cause.
"""

from __future__ import annotations

import grp
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import CashierError
from core.messages import PrinterCode
from core.printer.config import PrinterConfig
from core.printer.discovery import SerialPort, UsbDevice, driver_loaded, list_serial_ports, list_usb_devices
from core.printer.models import GENERIC, printer_model
from core.printer.status import PrinterStatus, query_status
from core.printer.transport import Link, open_link

SYMPTOMS = (PrinterCode.GUIDE_BLANK_PRINT, PrinterCode.GUIDE_NOISE)
STATE_GUIDANCE: Mapping[str, tuple[PrinterCode, ...]] = {
    PrinterCode.STATE_NO_REPLY: (PrinterCode.GUIDE_POWER_CABLE, PrinterCode.GUIDE_LINK_RESET),
    PrinterCode.STATE_PARTIAL_REPLY: (PrinterCode.GUIDE_LINK_RESET,),
    PrinterCode.STATE_PAPER_END: (PrinterCode.GUIDE_LOAD_PAPER,),
    PrinterCode.STATE_COVER_OPEN: (PrinterCode.GUIDE_CLOSE_COVER,),
    PrinterCode.STATE_PAPER_NEAR_END: (PrinterCode.GUIDE_NEAR_END,),
    PrinterCode.STATE_CUTTER_ERROR: (PrinterCode.GUIDE_CUTTER,),
    PrinterCode.STATE_UNRECOVERABLE: (PrinterCode.GUIDE_POWER_CYCLE,),
    PrinterCode.STATE_AUTO_RECOVERABLE: (PrinterCode.GUIDE_WAIT_COOL,),
    PrinterCode.STATE_OFFLINE: (PrinterCode.GUIDE_POWER_CYCLE,),
}


@dataclass(frozen=True)
class Issue:
    problem: CashierError
    guidance: tuple[CashierError, ...] = ()


@dataclass
class DiagnosticReport:
    devices: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    ports: list[SerialPort] = field(default_factory=list)
    status: PrinterStatus | None = None

    @property
    def ok(self) -> bool:
        return not self.issues

    def summary(self, language: str = "zh_TW") -> str:
        return summary_error(len(self.devices), len(self.issues)).text(language)

    def render(self, languages: Sequence[str] = ("zh_TW", "en")) -> str:
        lines = [self.summary(lang) for lang in languages]
        if self.devices:
            lines.append(_heading(languages, "裝置", "devices:"))
            lines.extend(f"  {device}" for device in self.devices)
        for number, issue in enumerate(self.issues, start=1):
            lines.append(f"{number}. " + " / ".join(issue.problem.text(lang) for lang in languages))
            for guide in issue.guidance:
                lines.extend(f"   → {guide.text(lang)}" for lang in languages)
        lines.append(_heading(languages, "若發生", "if you see:"))
        for code in SYMPTOMS:
            lines.extend(f"  - {CashierError(code).text(lang)}" for lang in languages)
        return "\n".join(lines)


def _heading(languages: Sequence[str], zh: str, en: str) -> str:
    return " ".join({"zh_TW": zh, "en": en}[lang] for lang in languages)


def model_guidance(model: str) -> tuple[CashierError, ...]:
    """How to put the printer's USB port into virtual-COM mode, per model."""
    return tuple(CashierError(key) for key in printer_model(model).usb_guidance)


def permission_denied(path: Path, *, uid: int, groups: Sequence[int]) -> bool:
    """Whether a user with `uid` and `groups` lacks read+write on the device node."""
    try:
        info = path.stat()
    except OSError:
        return False
    if uid == 0:
        return False
    mode = info.st_mode
    if info.st_uid == uid:
        return not (mode & stat.S_IRUSR and mode & stat.S_IWUSR)
    if info.st_gid in groups:
        return not (mode & stat.S_IRGRP and mode & stat.S_IWGRP)
    return not (mode & stat.S_IROTH and mode & stat.S_IWOTH)


def _group_name(path: Path) -> str:
    try:
        return grp.getgrgid(path.stat().st_gid).gr_name
    except (KeyError, OSError):
        return "dialout"


def diagnose(config: PrinterConfig | None, *, sys_root: Path = Path("/sys"), dev_root: Path = Path("/dev"),
             uid: int | None = None, groups: Sequence[int] | None = None, user: str | None = None,
             opener: Callable[[PrinterConfig], Link] | None = None) -> DiagnosticReport:
    uid = os.getuid() if uid is None else uid
    groups = os.getgroups() if groups is None else groups
    user = user or os.environ.get("USER") or "$USER"
    opener = opener or open_link
    report = DiagnosticReport(ports=list_serial_ports(sys_root, dev_root))
    model = config.model if config else GENERIC.name
    printers = [p for p in report.ports if p.is_posiflex or (config and _same_port(config.url, p))]
    report.devices = [p.label for p in printers]
    _check_usb_without_port(report, list_usb_devices(sys_root), sys_root, model)
    device_url = config is not None and "://" not in config.url and not config.is_emulator
    # With a configured device path the probe below names the missing port itself.
    if not printers and config is None and not any(
            i.problem.code == PrinterCode.ISSUE_USB_WITHOUT_PORT for i in report.issues):
        report.issues.append(Issue(CashierError(PrinterCode.ISSUE_NO_DEVICE),
                                   (CashierError(PrinterCode.GUIDE_POWER_CABLE), *model_guidance(model))))
    for port in printers:
        if permission_denied(Path(port.device), uid=uid, groups=groups):
            report.issues.append(Issue(
                CashierError(PrinterCode.PERMISSION, port=port.preferred_path, user=user),
                (CashierError(PrinterCode.GUIDE_DIALOUT, user=user),)))
    if config is None:
        return report
    if device_url:
        _check_stable_path(report, config, printers, dev_root)
    _probe(report, config, opener=opener, printers=printers, model=model, user=user)
    return report


def _same_port(url: str, port: SerialPort) -> bool:
    real = os.path.realpath(url)
    return url in (port.device, port.by_id) or real == os.path.realpath(port.device)


def _check_usb_without_port(report: DiagnosticReport, usb: list[UsbDevice], sys_root: Path, model: str) -> None:
    with_port = {p.usb_path for p in report.ports if p.usb_path}
    for device in usb:
        if not device.is_posiflex or device.path in with_port:
            continue
        guidance: tuple[CashierError, ...] = model_guidance(model)
        problem = CashierError(PrinterCode.ISSUE_USB_WITHOUT_PORT, product=device.product or "Posiflex printer",
                               vid=f"{device.vid:04x}", pid=f"{device.pid:04x}")
        if not driver_loaded(sys_root):
            report.issues.append(Issue(CashierError(PrinterCode.ISSUE_DRIVER_MISSING),
                                       (CashierError(PrinterCode.GUIDE_DRIVER),)))
        report.issues.append(Issue(problem, guidance))


def _check_stable_path(report: DiagnosticReport, config: PrinterConfig, printers: list[SerialPort],
                       dev_root: Path) -> None:
    for port in printers:
        if port.by_id and config.url == port.device:
            report.issues.append(Issue(CashierError(PrinterCode.ISSUE_UNSTABLE_PATH, port=config.url),
                                       (CashierError(PrinterCode.GUIDE_BY_ID, stable=port.by_id),)))


def _probe(report: DiagnosticReport, config: PrinterConfig, *, opener: Callable[[PrinterConfig], Link],
           printers: list[SerialPort], model: str, user: str) -> None:
    if any(i.problem.code == PrinterCode.PERMISSION for i in report.issues):
        return  # opening would only repeat the permission problem
    try:
        link = opener(config)
    except CashierError as error:
        report.issues.append(Issue(error, _open_guidance(error, model, user, config.url)))
        return
    try:
        status = query_status(link, timeout=config.status_timeout, retries=config.status_retries)
    except CashierError as error:
        report.issues.append(Issue(error, link_guidance(config.url)))
        return
    finally:
        link.close()
    report.status = status
    if status.replied and not any(_same_port(config.url, p) for p in printers):
        report.devices.append(config.url)
    for condition in status.conditions():
        if condition.code in STATE_GUIDANCE:
            report.issues.append(Issue(condition, state_guidance(condition.code, config.url)))


LINK_CODES = (PrinterCode.DISCONNECTED, PrinterCode.WRITE_TIMEOUT, PrinterCode.NOT_CONFIRMED, PrinterCode.UNREACHABLE,
              PrinterCode.OPEN_FAILED)


def link_guidance(url: str) -> tuple[CashierError, ...]:
    """A link that does not answer: a LAN printer's advice (power, cable, address, port), else the USB one's."""
    from core.printer.transport import is_network_url

    if is_network_url(url):
        return (CashierError(PrinterCode.GUIDE_NETWORK, port=url),)
    return (CashierError(PrinterCode.GUIDE_LINK_RESET),)


def state_guidance(code: str, url: str = "") -> tuple[CashierError, ...]:
    """The FAQ's steps for a status condition; "no reply" from a LAN printer is a network matter."""
    from core.printer.transport import is_network_url

    if code == PrinterCode.STATE_NO_REPLY and is_network_url(url):
        return link_guidance(url)
    return tuple(CashierError(guide) for guide in STATE_GUIDANCE.get(code, ()))


def summary_error(devices: int, issues: int) -> CashierError:
    return CashierError(PrinterCode.REPORT_SUMMARY_ONE if issues == 1 else PrinterCode.REPORT_SUMMARY,
                        devices=devices, issues=issues)


def guidance_for(reason: CashierError, model: str = GENERIC.name, url: str = "") -> tuple[CashierError, ...]:
    """What to tell the cashier for a failed job's reason (JobEvent.reason); `url` is the printer's."""
    url = url or str(reason.params.get("port", ""))
    if reason.code in (PrinterCode.URL_INVALID, PrinterCode.URL_FORM):
        return ()  # the message itself says which forms are accepted
    if reason.code in LINK_CODES:
        return link_guidance(url)
    if reason.code == PrinterCode.CANNOT_PRINT:
        codes = [code for state, guides in STATE_GUIDANCE.items() if state.split(".")[-1] in reason.params.get(
            "flags", ()) for code in guides]
        return tuple(CashierError(code) for code in dict.fromkeys(codes))
    return _open_guidance(reason, model, str(reason.params.get("user", "$USER")), str(reason.params.get("port", "")))


def _open_guidance(error: CashierError, model: str, user: str, url: str) -> tuple[CashierError, ...]:
    if error.code == PrinterCode.PERMISSION:
        return (CashierError(PrinterCode.GUIDE_DIALOUT, user=error.params.get("user", user)),)
    if error.code == PrinterCode.BUSY:
        return (CashierError(PrinterCode.GUIDE_BUSY, port=url),)
    if error.code == PrinterCode.NO_DEVICE:
        return (CashierError(PrinterCode.GUIDE_POWER_CABLE), *model_guidance(model))
    if error.code in (PrinterCode.URL_INVALID, PrinterCode.URL_FORM):
        return ()
    return link_guidance(url)

"""Devices (設備): the printer's port, model and live status in words, the cash drawer's sensor (open,
closed or unknown); "registered devices N, K issues to fix" with each issue's guidance (the printer
FAQ); test print; reset the connection."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from core.errors import CashierError
from core.messages import PrinterCode
from tui.i18n.texts import ScreenText
from tui.screens.base import CashierScreen


class DevicesScreen(CashierScreen):
    WRITE_ACTIONS = frozenset({"test_print", "reset"})
    BINDINGS = [  # noqa: RUF012
        Binding("f5", "refresh", ScreenText.KEY_REFRESH),
        Binding("f9", "test_print", ScreenText.KEY_TEST_PRINT),
        Binding("f11", "reset", ScreenText.KEY_RESET),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: Any = None
        self.status: Any = None
        self.job_state = ""
        self.seen_read = False  # support mode: the selling till's record was read (and shown if it is its own)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="devices-scroll"):
            yield Static(id="device-config")
            yield Static(id="device-status")
            yield Static(id="device-test")
            yield Static(id="device-report")
            yield Static(id="device-backup")  # shown only where backups are configured
        yield from self.chrome()

    def on_mount(self) -> None:
        self.cashier.print_events.subscribe(self, self.print_event, immediate=True)
        self.cashier.printer_statuses.subscribe(self, self.printer_status, immediate=True)
        self.query_one("#devices-scroll").can_focus = True
        self.query_one("#device-backup", Static).display = False
        self.read_backup()
        config = self.cashier.printer_config
        t = self.t
        if config is None:
            self.query_one("#device-config", Static).update(self.t.error(CashierError(PrinterCode.NOT_CONFIGURED)))
            return
        self.query_one("#device-config", Static).update(
            Text(t(ScreenText.DEVICES_TITLE), style="bold")
            + Text("\n" + t(ScreenText.DEVICES_PORT, url=config.url) + "\n"
                   + t(ScreenText.DEVICES_MODEL, model=config.model, dots=config.dots_per_line)))
        self.action_refresh()

    def action_refresh(self) -> None:
        if self.cashier.printer_config is None:
            return
        if self.cashier.read_only:
            self.query_one("#device-status", Static).update(self.t(ScreenText.DEVICES_SELLER_OWNS))
            self.read_seen()  # what the selling till last saw, if it recorded it
        else:
            self.query_one("#device-status", Static).update(self.t(ScreenText.DEVICES_CHECKING))
            self.cashier.request_printer_status()
        self.diagnose()

    def diagnose(self) -> None:
        config = self.cashier.printer_config
        if config is None:
            return
        self.station_call(lambda: self.station.printer_report(config), self._show_diagnosis, group="devices",
                          exclusive=True)

    def _show_diagnosis(self, report: Any) -> None:
        self.report = report
        self._show_report()

    def read_backup(self) -> None:
        def read() -> tuple[Any, Any] | None:
            station = self.station
            if station.backups is None:
                return None
            return station.backups.folder, station.backup_state()  # the selling till's own schedule

        self.station_call(read, self._backup_read, group="devices-backup", exclusive=True)

    def _backup_read(self, backup: tuple[Any, Any] | None) -> None:
        if backup is not None:
            self._show_backup(*backup)

    def _show_backup(self, folder: Any, state: Any) -> None:
        from core.doctor.model import human_size

        t = self.t
        if state.last is not None:
            text = Text(t(ScreenText.DEVICES_BACKUP_LAST, at=f"{state.last.at:%Y-%m-%d %H:%M}",
                          size=human_size(state.last.size), path=state.last.path))
        else:
            text = Text(t(ScreenText.DEVICES_BACKUP_NONE, path=folder))
        if state.failure is not None:
            reason = t.error(CashierError(state.failure.code, **state.failure.params))
            text.append("\n" + t(ScreenText.DEVICES_BACKUP_FAILED, at=f"{state.failure.at:%H:%M}", reason=reason),
                        style="bold red")
        widget = self.query_one("#device-backup", Static)
        widget.update(text)
        widget.display = True

    def read_seen(self) -> None:
        def read() -> Any:
            return self.station.printer_seen()

        self.station_call(read, self._show_seen, group="devices-seen", exclusive=True)

    def _show_seen(self, seen: Any) -> None:
        """Support mode: the selling till's last status and its age; a record from an earlier till (another
        pid than the lock's holder) is not the printer's state now, so the screen keeps saying who owns it."""
        self.seen_read = True
        seller = self.cashier.support.seller if self.cashier.support is not None else None
        if seen is None or seller is None or seen.pid != seller.pid:
            return
        self.status = seen.status
        words = seen.status.words(self.cashier.language)
        style = "green" if seen.status.can_print else "bold red"
        self.query_one("#device-status", Static).update(Text(self.t(
            ScreenText.DEVICES_SEEN, words=words, age=seen.age_seconds(self.cashier.clock.now()), pid=seen.pid),
            style=style))
        self._show_report()

    def printer_status(self, status: Any) -> None:
        """From the app: the print service answered a status query."""
        from core.printer.drawer import drawer_state

        self.status = status
        words = status.words(self.cashier.language) if status.replied else self.t(ScreenText.DEVICES_NO_STATUS)
        style = "green" if status.replied and status.can_print else "bold red"
        text = Text(self.t(ScreenText.DEVICES_STATUS, words=words), style=style)
        text.append("\n" + self.t(ScreenText.of(f"devices.drawer.{drawer_state(status).value}")))
        self.query_one("#device-status", Static).update(text)
        self._show_report()

    def _issues(self) -> list[tuple[CashierError, tuple[CashierError, ...]]]:
        from core.printer.diagnostics import STATE_GUIDANCE, state_guidance

        issues = [(issue.problem, issue.guidance) for issue in self.report.issues]
        url = self.cashier.printer_config.url if self.cashier.printer_config else ""
        if self.status is not None:  # the live status from the service, with the FAQ's guidance
            for condition in self.status.conditions():
                if condition.code not in STATE_GUIDANCE:
                    continue  # "ready" is a condition too, not an issue
                issues.append((condition, state_guidance(condition.code, url)))
        return issues

    def _show_report(self) -> None:
        if self.report is None:
            return
        from core.printer.diagnostics import SYMPTOMS

        t = self.t
        devices = list(self.report.devices)
        config = self.cashier.printer_config
        if self.status is not None and self.status.replied and config is not None and config.url not in devices:
            devices.append(config.url)
        issues = self._issues()
        from core.printer.diagnostics import summary_error

        text = Text(t.error(summary_error(len(devices), len(issues))),
                    style="bold yellow" if issues else "bold green")
        for number, (problem, guidance) in enumerate(issues, start=1):
            text.append(f"\n{number}. {t.error(problem)}", style="red")
            for guide in guidance:
                text.append(f"\n   {t.glyph('→')} {t.error(guide)}")
        text.append("\n" + t(ScreenText.DEVICES_PORTS))
        ports = [port.label for port in self.report.ports]
        text.append("".join(f"\n  {label}" for label in ports) or "\n  " + t(ScreenText.DEVICES_NO_PORTS))
        text.append("\n" + t(ScreenText.DEVICES_SYMPTOMS))
        for code in SYMPTOMS:
            text.append(f"\n  - {t.error(CashierError(code))}", style="dim")
        self.query_one("#device-report", Static).update(text)

    def print_event(self, event: Any) -> None:
        """The test page's job, to its end: printed, or failed with the reason and what to do (its own line:
        the status line is rewritten by the status query that follows)."""
        if not event.job_id.startswith("test-"):
            return
        self.job_state = event.state.value
        t = self.t
        state = event.state.value
        text = Text(t(ScreenText.DEVICES_TEST_STATE, state=t(ScreenText.of(f"receipt.job.{state}"))),
                    style={"printed": "bold green", "failed": "bold red"}.get(state, "cyan"))
        if event.reason is not None:
            from core.printer.diagnostics import guidance_for

            text.append("\n" + t.error(event.reason), style="red")
            config = self.cashier.printer_config
            for step in guidance_for(event.reason, config.model if config else "generic", config.url if config else ""):
                text.append(f"\n   {t.glyph('→')} {t.error(step)}")
        self.query_one("#device-test", Static).update(text)
        if event.finished:
            self.cashier.request_printer_status()

    def action_test_print(self) -> None:
        self.test_print()

    def test_print(self) -> None:
        def queue_test_page() -> object:
            config = self.cashier.printer_config
            if config is None:
                raise CashierError(PrinterCode.NOT_CONFIGURED)
            return self.station.print_test_page(config.model, config.url)

        self.station_call(queue_test_page, lambda _job: self._test_queued(), group="devices-test")

    def _test_queued(self) -> None:
        """Queued only: print_event says how it ended."""
        self.query_one("#device-test", Static).update(self.t(ScreenText.DEVICES_TEST_QUEUED))

    def action_reset(self) -> None:
        self.station.reset_printer(lambda: self.later(self._reset_done))

    def _reset_done(self) -> None:
        self.notify(self.t(ScreenText.DEVICES_RESET_DONE))
        self.action_refresh()

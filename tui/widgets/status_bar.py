"""The status line on every screen: link, printer, upload backlog, invoice numbers left, staff, time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from tui.i18n.texts import ScreenText

if TYPE_CHECKING:
    from core.clock import Clock
    from tui.i18n import Translator
    from tui.status import StatusInfo


class StatusSource(Protocol):
    """What the bar reads from its app (tui.app.CashierApp): the status, watched, and how to say it."""

    status: StatusInfo
    t: Translator
    clock: Clock


class StatusBar(Static):
    DEFAULT_CSS = "StatusBar { height: 1; background: $panel; }"

    def on_mount(self) -> None:
        self.watch(self.app, "status", self._status_changed, init=False)

    def _status_changed(self) -> None:
        self.refresh()

    def render(self) -> Text:
        source = cast("StatusSource", self.app)
        info, t = source.status, source.t
        text = Text(no_wrap=True, overflow="ellipsis")
        read_only = info.read_only
        if read_only:  # the link and the uploads are the selling instance's business, not ours
            text.append(f" {t(ScreenText.SUPPORT_BADGE)} ", style="bold reverse")
        elif info.online is None:
            waiting = t(ScreenText.STATUS_CHECKING) if info.hq else t(ScreenText.STATUS_NO_HQ)
            text.append(f" {waiting} ", style="reverse")
        elif info.online:
            text.append(f" {t(ScreenText.STATUS_ONLINE)} ", style="bold green reverse")
        else:
            text.append(f" {t(ScreenText.STATUS_OFFLINE)} ", style="bold yellow reverse")
        printer_style = {"ready": "green", "printing": "cyan", "error": "bold red"}.get(info.printer, "")
        text.append(f" {t(ScreenText.STATUS_PRINTER)}:")
        text.append(t(ScreenText.of(f"status.printer.{info.printer}")), style=printer_style)
        detail_at = len(text)  # the printer's detail goes here, cut to what the line has room for
        text.append(" " + t(ScreenText.STATUS_BACKLOG, count=info.backlog), style="yellow" if info.backlog else "")
        if info.attention:
            text.append(" " + t(ScreenText.STATUS_ATTENTION, count=info.attention), style="bold red")
        if info.numbers_pending:
            text.append(" " + t(ScreenText.STATUS_NUMBERS_PENDING), style="bold red")
        elif info.numbers_left is not None:
            text.append(" " + t(ScreenText.STATUS_NUMBERS, count=info.numbers_left),
                        style="bold red" if info.numbers_left < 50 else "")
        if not read_only:
            text.append(" " + (info.staff or t(ScreenText.STATUS_NOBODY)))
        text.append(" " + source.clock.now().strftime("%m-%d %H:%M"))
        if info.printer == "error" and info.printer_detail:
            # The rest of the line (backlog, numbers, who, time) stays; the detail gets what is left, and the
            # whole of it is on F7 設備.
            room = self.size.width - text.cell_len - 2
            detail = info.printer_detail
            if cell_len(detail) > room:
                detail = _cut(detail, room, t.glyph("…"))
            if detail:
                before, after = text[:detail_at], text[detail_at:]
                before.append(f"({detail})", style="red")
                text = before + after
        return text


def _cut(text: str, room: int, ellipsis: str) -> str:
    """`text` cut to `room` cells, ending in `ellipsis` ("..." in the compact display); empty when even
    that does not fit."""
    if room <= cell_len(ellipsis):
        return ""
    kept = ""
    for char in text:
        if cell_len(kept + char) > room - cell_len(ellipsis):
            break
        kept += char
    return kept + ellipsis

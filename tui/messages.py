"""Messages from background threads (print service, sync, thread workers) back to the screens.

Services never touch widgets: their callbacks only post one of these, which Textual delivers on the
UI loop in order. Status messages can replace a queued one of their kind, so a burst coalesces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from core.checkout import CartLine, Sale
    from core.errors import CashierError
    from core.printer.service import JobEvent
    from core.printer.status import PrinterStatus


@dataclass
class LinkChanged(Message):
    """HQ became reachable or unreachable."""

    online: bool
    reason: str = ""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LinkChanged)


@dataclass
class UploadsChanged(Message):
    """The upload backlog changed (counts per state); also posted after a batch's reconciliation."""

    pending: int
    attention: int
    counts: dict[str, int]

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, UploadsChanged)


@dataclass
class PrintJobChanged(Message):
    event: JobEvent


@dataclass
class PrinterStatusChanged(Message):
    status: PrinterStatus

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, PrinterStatusChanged)


@dataclass
class StatusRefresh(Message):
    """Ask the app to re-read the slow-moving status bar figures (numbers left, backlog)."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, StatusRefresh)


@dataclass
class ScanResolved(Message):
    """A scanned code looked up in the catalog, in scan order; `line` is None for an unlisted item."""

    code: str
    quantity: int
    line: CartLine | None
    error: CashierError | None = None


@dataclass
class SaleCompleted(Message):
    sale: Sale


@dataclass
class PaperPrinted(Message):
    """The virtual printer cut a piece of paper and saved it (PNG beside it)."""

    path: str


@dataclass
class StationOpened(Message):
    """The Station (engine imported, database opened) is ready; posted once by the opening worker."""

    station: Any


@dataclass
class StationFailed(Message):
    """The Station could not be opened (a bad database, a migration refused): the app cannot run."""

    error: BaseException


@dataclass
class StaffPreviewed(Message):
    """The staff list read with the stdlib (core.store.staff_light) before the Station is open; `staff`
    is None when that read could not answer (first run, not migrated): the login screen waits instead."""

    staff: list[Any] | None


@dataclass
class LogLines(Message):
    """Lines of the station's log, readable, from the thread that follows the file."""

    lines: list[str]


class Pulled(Message):
    """HQ's data (staff, products, customers) was pulled into the store: lists built from it may grow,
    e.g. the login's staff list on a first run, empty until the first pull."""


class Answered(Message, bubble=False):
    """A Station call's outcome, run off the loop by a screen (tui/screens/base.py, station_call) and handed
    back to that screen in its own queue: `deliver` gives the result (or the refusal) to the screen's code."""

    def __init__(self, deliver: Callable[[], object]) -> None:
        super().__init__()
        self.deliver = deliver


class AfterTyping(Message):
    """Posted into the focused field's own queue, behind the keys typed before it, and bubbling to its
    screen: `then` runs once those keys are in the field (tui/screens/base.py, after_typing)."""

    def __init__(self, then: Callable[[], None]) -> None:
        super().__init__()
        self.then = then

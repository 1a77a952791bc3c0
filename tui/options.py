"""What the app is built from, as values: the Station (or how to open it), and one frozen AppOptions for
everything else. The CLI, the demo, the tests and the benchmarks all build the app from these
(tui.app.create_app), so a new setting is one field here, not a keyword threaded through five callers.

Light on purpose: the first frame imports this, so the engine (core.station, the store) is named only
for the type checker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.i18n import DEFAULT_LANGUAGE

if TYPE_CHECKING:
    from core.clock import Clock
    from core.printer.config import PrinterConfig
    from core.printer.virtual.printer import VirtualPrinter
    from core.station import Station
    from core.station_lock import LockOwner
    from tui.demo_controls import DemoControls
    from tui.sync_bridge import SyncBridge

STATUS_INTERVAL = 30.0  # seconds between re-reading numbers left / backlog when nothing else changed


@dataclass(frozen=True)
class StationOpener:
    """How to open the Station off the UI thread, and what the login screen shows until it is open.

    `open` runs in a thread worker after the first frame: it may import the engine and open (or
    migrate) the database. Build it without importing core.station at module level.

    `staff` is the active staff (id, name, role, pin_hash: core.store.staff_light.LightStaff) already read
    with the stdlib before the app started; the login screen shows it in its first frame. Without it,
    `staff_preview`, if given, reads them in a thread worker started as the app mounts; it raises when it
    cannot answer."""

    open: Callable[[], Station]
    seller_name: str
    station_id: str
    staff_preview: Callable[[], list[Any]] | None = None
    staff: list[Any] | None = None


@dataclass(frozen=True)
class SupportSession:
    """A second `cashier` beside the selling one (support over SSH): the app opens read-only — orders,
    upload records, devices, the log — and never sells, prints or uploads; the Station refuses too."""

    seller: LockOwner | None  # who holds the station lock, as it wrote itself into the lock file
    log_file: Path | None = None


@dataclass(frozen=True)
class AppOptions:
    """Everything the app needs besides the Station.

    `display` is "standard" or "compact" (ASCII-only, 16 colours; `cashier --compact`); `ansi` keeps the
    terminal's own 16-colour palette (the compact display always does). With `support`, the Station must
    be a read-only one (Station.open(..., read_only=True))."""

    clock: Clock
    language: str = DEFAULT_LANGUAGE
    printer_config: PrinterConfig | None = None
    emulator: VirtualPrinter | None = None
    sync: SyncBridge | None = None
    demo: DemoControls | None = None
    store_name: str = ""
    ansi: bool = True
    status_interval: float = STATUS_INTERVAL
    display: str = "standard"
    support: SupportSession | None = None

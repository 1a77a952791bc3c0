"""Building and running the app for real: `cashier demo` (zero set-up) and `cashier` (from the config,
or the first-run setup when there is none)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.clock import Clock
    from core.config import Config
    from core.station import Station
    from core.store.staff_light import LightStaff
    from tui.app import CashierApp
    from tui.demo_controls import DemoControls


@dataclass
class Demo:
    app: CashierApp
    station: Station
    controls: DemoControls
    folder: Path
    printer: Any
    extra: dict[str, Any] = field(default_factory=dict)

    def close(self) -> None:
        self.station.close()
        self.controls.close()


def build_demo(folder: Path, clock: Clock, *, language: str = "zh_TW", probe_interval: float = 1.0,
               display: str = "standard") -> Demo:
    """An in-process HQ with demo data on loopback, a fresh station database, the virtual printer
    saving every receipt as PNG under `folder/paper`, and the sync service between them."""
    from core.demo.station import open_demo_station
    from core.printer.config import PrinterConfig
    from core.printer.virtual.printer import VirtualPrinter
    from core.sync.service import SyncOptions
    from tui.app import create_app
    from tui.demo_controls import DemoControls
    from tui.sync_bridge import SyncBridge

    folder.mkdir(parents=True, exist_ok=True)
    controls = DemoControls(folder, clock)
    station = open_demo_station(folder / "station.db", clock)
    printer = VirtualPrinter(out_dir=folder / "paper")
    options = SyncOptions(probe_interval=probe_interval, probe_retry_interval=0.5, failures_to_offline=1,
                          probe_timeout=1.0, request_timeout=5.0, idle_check=1.0)
    bridge = SyncBridge(lambda on_event: station.sync_service(controls.url, controls.token, on_event, options),
                        language)
    app = create_app(station, clock=clock, language=language, printer_config=PrinterConfig(url="emulator"),
                     emulator=printer, sync=bridge, demo=controls, store_name="示範門市", display=display)
    return Demo(app, station, controls, folder, printer)


def run_demo(language: str, data_dir: Path | None, compact: bool = False) -> int:
    from core.clock import SystemClock

    folder = data_dir or Path(tempfile.mkdtemp(prefix="cashier-demo-"))
    demo = build_demo(folder, SystemClock(), language=language, display="compact" if compact else "standard")
    try:
        demo.app.run()
    finally:
        demo.close()
    print(f"demo data and printed receipts (PNG): {folder}")
    return 0


def build_station(config: Config, language: str | None = None, clock: Clock | None = None,
                  display: str | None = None) -> CashierApp:
    """The station's app from its config, with the Station opened lazily: the login screen is painted
    first, the staff list is read with the stdlib (core.store.staff_light) right after, and the engine
    (SQLAlchemy, SQLModel, pydantic) and the database open in a worker once it shows.
    `bench/bench_tui.py` measures start-up through here."""
    from core.clock import SystemClock
    from tui.app import StationOpener, create_app
    from tui.sync_bridge import SyncBridge

    clock = clock or SystemClock()

    def open_station() -> Station:
        from core.station import Station

        return Station.open(config.station.data_dir / "station.db", config.make_seller(), clock)

    def staff_preview() -> list[LightStaff]:
        from core.store.staff_light import read_active_staff

        return read_active_staff(config.station.data_dir / "station.db")  # stdlib only: no engine import

    lang = language or config.station.language
    opener = StationOpener(open_station, seller_name=config.seller.name, station_id=config.station.id,
                           staff_preview=staff_preview)
    bridge = SyncBridge(lambda on_event: app.station.sync_service(config.hq.url, config.hq.token, on_event), lang)
    app = create_app(opener, clock=clock, language=lang, printer_config=config.printer, sync=bridge,
                     store_name=config.station.store_name, display=display or config.station.display)
    return app


def run_station(config_path: str | None, language: str | None, compact: bool = False) -> int:
    """`cashier`: the station from its config; without one, the first-run setup writes it first.
    `compact` (--compact) wins over the config's [station] display."""
    from core.clock import SystemClock
    from core.config import ConfigError, load_config
    from core.config import config_path as locate

    try:
        config = load_config(config_path)
    except ConfigError as error:
        if error.code != "config.missing":
            raise
        from tui.screens.setup import SetupApp

        path = locate(config_path)
        written = SetupApp(path, language or "zh_TW").run()
        if not written:
            print(error.text(language or "zh_TW"))
            return 1
        config = load_config(path)
    lang = language or config.station.language
    clock = SystemClock()
    from core.station_startup import locked_message, start_station

    lock = start_station(config, clock.now())  # the log file, and one selling instance per station
    if lock.read_only:  # no read-only UI mode yet: refuse, in both languages, and point at the support tools
        print("\n".join(locked_message(lock).text(each) for each in ("zh_TW", "en")))
        return 1
    # The Station opens in a worker after the first frame.
    app = build_station(config, lang, clock, display="compact" if compact else None)
    try:
        app.run()
    finally:
        if app.station_ready:
            app.station.close()
        lock.release()
    if app.open_error is not None:
        raise app.open_error  # the CLI prints a CashierError in the cashier's language, as before
    return 0

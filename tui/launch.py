"""Building and running the app for real: `cashier demo` (zero set-up) and `cashier` (from the config,
or the first-run setup when there is none)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.messages import ConfigCode

if TYPE_CHECKING:
    from core.clock import Clock
    from core.config import Config
    from core.station import Station
    from core.station_lock import StationLock
    from core.store.staff_light import LightStaff
    from tui.app import CashierApp
    from tui.demo_controls import DemoControls
    from tui.options import SupportSession


PRE_UI_BUSY_TIMEOUT = 0.1  # seconds the staff read before the UI waits on a locked database (then a worker retries)


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
               log_to_folder: bool = False, display: str = "standard") -> Demo:
    """An in-process HQ with demo data on loopback, a fresh station database, the virtual printer
    saving every receipt as PNG under `folder/paper`, and the sync service between them.

    With `log_to_folder` (what `cashier demo` does), the folder is also the demo's data dir for the log:
    `folder/logs/cashier.log` gets the station's and HQ's events (`cashier logs --data-dir folder`), with the
    demo's secrets (the seller's AES key, HQ's tokens) masked, registered as soon as each exists."""
    import logging

    from core.demo.station import demo_seller, open_demo_station
    from core.log import register_secrets, setup_logging
    from core.printer.config import PrinterConfig
    from core.printer.virtual.printer import VirtualPrinter
    from core.private_files import private_dir
    from core.sync.service import SyncOptions
    from tui.app import create_app
    from tui.demo_controls import DemoControls
    from tui.options import AppOptions
    from tui.sync_bridge import SyncBridge

    private_dir(folder)  # the demo's data dir: owner-only like a station's (core/private_files.py)
    if log_to_folder:
        setup_logging(folder)
    seller = demo_seller()
    register_secrets([seller.aes_key_hex])
    controls = DemoControls(folder, clock)
    register_secrets([controls.seed.admin_token, *controls.seed.station_tokens.values()])
    logging.getLogger(__name__).info("demo started in %s: HQ on %s, station %s", folder, controls.url,
                                     seller.station_id)
    station = open_demo_station(folder / "station.db", clock, seller=seller)
    printer = VirtualPrinter(out_dir=folder / "paper")
    options = SyncOptions(probe_interval=probe_interval, probe_retry_interval=0.5, failures_to_offline=1,
                          probe_timeout=1.0, request_timeout=5.0, idle_check=1.0)
    bridge = SyncBridge(lambda on_event: station.sync_service(controls.url, controls.token, on_event, options),
                        language)
    app = create_app(station, AppOptions(clock=clock, language=language, printer_config=PrinterConfig(url="emulator"),
                                         emulator=printer, sync=bridge, demo=controls, store_name="示範門市",
                                         display=display))
    return Demo(app, station, controls, folder, printer)


def run_demo(language: str, data_dir: Path | None, compact: bool = False) -> int:
    from core.clock import SystemClock

    folder = data_dir or Path(tempfile.mkdtemp(prefix="cashier-demo-"))
    demo = build_demo(folder, SystemClock(), language=language, log_to_folder=True,
                      display="compact" if compact else "standard")
    try:
        demo.app.run()
    finally:
        demo.close()
    print(f"demo data and printed receipts (PNG): {folder}")
    warn_without_cjk_font(language)
    print(f"its log: cashier logs --data-dir {folder}")
    return 0


def warn_without_cjk_font(language: str) -> None:
    """Once, beside the PNGs' folder: without a CJK font their Chinese is boxes, never silently."""
    from core.printer.virtual.renderer import CJK_FONT_PACKAGE, has_cjk_font
    from tui.i18n import ScreenText, Translator

    if not has_cjk_font():
        print(Translator(language)(ScreenText.DEMO_NO_CJK_FONT, package=CJK_FONT_PACKAGE))


def build_station(config: Config, language: str | None = None, clock: Clock | None = None,
                  support: SupportSession | None = None, display: str | None = None) -> CashierApp:
    """The station's app from its config, with the Station opened lazily: the staff list is read with
    the stdlib (core.store.staff_light) here, so the login screen shows it in its first frame, and the
    engine (SQLAlchemy, SQLModel, pydantic) and the database open in a worker once it shows.
    `bench/bench_tui.py` measures start-up through here.

    The read runs before the UI does, like the config's: read-only, under a millisecond, waiting at most
    PRE_UI_BUSY_TIMEOUT for a database another connection holds locked. If it cannot answer, a worker
    retries it once the app runs (no database yet: the login screen waits for the Station).

    With `support` (another instance sells), the read-only support mode: no login, no printer, no sync,
    and the database opened read-only."""
    from core.clock import SystemClock
    from tui.app import create_app
    from tui.options import AppOptions, StationOpener
    from tui.sync_bridge import SyncBridge

    clock = clock or SystemClock()

    def open_station() -> Station:
        from datetime import timedelta

        from core.station import Station

        station = Station.open(config.station.data_dir / "station.db", config.make_seller(), clock,
                               read_only=support is not None)
        if support is None and config.backup.dir is not None:  # the selling till backs up; support only reads
            station.start_backups(config.backup.dir, interval=timedelta(minutes=config.backup.interval_minutes),
                                  keep=config.backup.keep)
        station.check_digits = config.station.check_digits
        return station

    def staff_preview() -> list[LightStaff]:
        from core.store.staff_light import read_active_staff

        return read_active_staff(config.station.data_dir / "station.db")  # stdlib only: no engine import

    staff = None
    if support is None:
        from core.store.staff_light import StaffPreviewUnavailable, read_active_staff

        try:
            staff = read_active_staff(config.station.data_dir / "station.db", timeout=PRE_UI_BUSY_TIMEOUT)
        except StaffPreviewUnavailable:
            staff = None  # the worker tries again; without a database the Station lists the staff

    lang = language or config.station.language
    opener = StationOpener(open_station, seller_name=config.seller.name, station_id=config.station.id,
                           staff_preview=None if support else staff_preview, staff=staff)
    bridge = SyncBridge(lambda on_event: app.station.sync_service(config.hq.url, config.hq.token, on_event,
                                                                  ca_file=config.hq.ca_file), lang)
    app = create_app(opener, AppOptions(clock=clock, language=lang, printer_config=config.printer,
                                        sync=None if support else bridge, store_name=config.station.store_name,
                                        support=support, display=display or config.station.display))
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
        if error.code != ConfigCode.MISSING:
            raise
        from tui.screens.setup import SetupApp

        path = locate(config_path)
        written = SetupApp(path, language or "zh_TW").run()
        if not written:
            print(error.text(language or "zh_TW"))
            return 1
        config = load_config(path)
    app, lock = prepare_station(config, language, SystemClock(), display="compact" if compact else None)
    try:
        app.run()
    finally:
        if app.station_ready:
            app.station.close()
        lock.release()
    if app.open_error is not None:
        raise app.open_error  # the CLI prints a CashierError in the cashier's language, as before
    return 0


def prepare_station(config: Config, language: str | None, clock: Clock,
                    display: str | None = None) -> tuple[CashierApp, StationLock]:
    """The log file and the station lock, then the app: the selling station if the lock is ours, the
    read-only support mode if another instance holds it (support over SSH beside a selling till)."""
    from core.station_startup import start_station

    lock = start_station(config, clock.now())
    support = None
    if lock.read_only:
        from core.log import log_path
        from tui.options import SupportSession

        support = SupportSession(lock.owner, log_path(config.station.data_dir))
    # The Station opens in a worker after the first frame.
    return build_station(config, language or config.station.language, clock, support, display), lock

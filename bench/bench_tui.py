"""Cashier TUI benchmarks, printed as JSON (python bench/bench_tui.py [--quick] [--startup-only]).

- startup: fresh processes, alternated in the same run (median of N), timed from just before the parent
  spawns each one. The bare app is a Textual app showing one Input; its figure is its first frame with
  the Input focused (both mean the same there). The cashier is built exactly as `cashier` builds it
  (config file -> tui.launch.build_station, Station opened lazily) and gives two figures:
    first_frame       the login screen mounted and painted (Textual's Ready, posted after the first
                      compositor refresh)
    staff_list_ready  the first *interactive* screen: the login screen up AND the staff list populated
                      from the database AND the keyboard in the PIN field — the budget's figure. The list
                      comes from the stdlib light read (core.store.staff_light; `cashier` reads it before
                      the app starts, so it is normally in the first frame), so a PIN is checkable then;
                      a confirmed login completes once the Station is open
  each next to the bare app, with its ratio; and station_open (the Station opened in the background:
  the engine imported, the database open, a login can complete), for information
- memory: resident set size of the station with 100,000 products and 100,000 orders, at the login
  screen and after opening the order list
- scan_to_line: scan (key events) to the first frame showing the cart line, p50/p99 ms, with 100,000
  products
- order_list: open (first page) and page (keyset, newest to oldest and deep) over 100,000 orders
Bytes written to the terminal per scan and per screen change: bench/bench_terminal_bytes.py.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PRODUCTS = 100_000
ORDERS = 100_000
NOON = "2026-11-22T12:00:00+08:00"


# -- data -----------------------------------------------------------------------------------------
def build_database(path: Path, products: int = PRODUCTS, orders: int = ORDERS) -> None:
    """A station database with `products` catalog rows and `orders` sales (bulk SQL: checkout would
    take an hour for 100,000 and this measures reading them, not writing)."""
    from core.clock import ManualClock
    from core.demo.catalog import demo_products, ean13
    from tests.factories import open_station

    clock = ManualClock(datetime.fromisoformat(NOON))
    station = open_station(path, clock, booklets=2)
    rows = [{**asdict(p), "active": True, "updated_at": clock.now()} for p in demo_products(200)]
    rows += [{"sku": f"B{n:07d}", "barcode": ean13(1000 + n), "name": f"商品 {n}", "price_regular": 10 + n % 500,
              "price_addon": None, "price_gift": None, "active": True, "updated_at": clock.now()}
             for n in range(products - 200)]
    for start in range(0, len(rows), 10_000):
        station.load_products(rows[start:start + 10_000])
    station.close()
    db = sqlite3.connect(path)
    start = datetime.fromisoformat(NOON) - timedelta(seconds=50 * orders)  # one every 50 s, the last at noon
    order_rows, invoice_rows, outbox_rows = [], [], []
    for n in range(1, orders + 1):
        order_id = str(uuid.UUID(int=n))
        at = (start + timedelta(seconds=50 * n)).isoformat(timespec="seconds")
        order_rows.append((order_id, f"S01-{n:06d}", n, "S01", at, "E001", None,
                           f"09{n % 100_000_000:08d}" if n % 7 == 0 else None, 100 + n % 900, 0, "completed"))
        invoice_rows.append((order_id, f"ZZ{n:08d}", "11512", f"{n % 10_000:04d}", at, 100 + n % 900, 95, 5,
                             "12345675", 1, 0, 0, 0, "utf-8"))
        outbox_rows.append((order_id, "success" if n % 50 else "waiting", 1, at, at, at))
    with db:
        db.executemany("INSERT INTO orders (id, order_no, seq, station_id, created_at, staff_id, customer_id, "
                       "customer_phone, total, offline, status) VALUES (?,?,?,?,?,?,?,?,?,?,?)", order_rows)
        db.executemany("INSERT INTO invoices (order_id, number, period_code, random_code, issued_at, total, sales, tax,"
                       " seller_ban, print_mark, manual, voided, print_count, qr_encoding)"
                       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", invoice_rows)
        db.executemany("INSERT INTO outbox (order_id, state, attempts, next_attempt_at, created_at, updated_at)"
                       " VALUES (?,?,?,?,?,?)", outbox_rows)
        db.execute("INSERT INTO counters (name, value) VALUES ('order_seq', ?)", (orders,))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


# -- start-up, in fresh processes -------------------------------------------------------------------
# Both children time against the parent's clock reading taken just before the spawn (argv[1]), so
# interpreter start-up and every import count. The marks are taken by the app's own events, not by
# polling (a 2 ms poll on the UI loop was measured to slow the engine's import in the worker by ~100 ms):
#   first frame: the App's Ready event, which Textual posts right after the first compositor refresh;
#   staff list ready: after the login screen listed the staff (LoginScreen.list_staff: from the light read,
#   or from the Station when there is no preview), at the next refresh (the list is on the terminal),
#   checked there: login screen, staff listed, keyboard in the PIN field. A list given before the first
#   frame was painted (Textual's App._dom_ready still False; `cashier` reads it before the app starts) is in
#   that frame: checked at Ready, as the first frame is (call_after_refresh would wait for the refresh after);
#   station open: the app handled StationOpened (the Station can complete a login).
# A slow 50 ms poll is only a safety net in case a condition became true some other way.
BARE = """
import asyncio, json, sys, time
T0 = float(sys.argv[1])
from textual.app import App
from textual.widgets import Input
marks = {}
class Bare(App):
    def compose(self):
        yield Input()
    def on_ready(self):
        if isinstance(self.focused, Input):
            marks["first_frame"] = time.time() - T0
async def auto(pilot):
    while "first_frame" not in marks:
        await asyncio.sleep(0.05)
    pilot.app.exit()
Bare().run(headless=True, size=(80, 24), auto_pilot=auto)
print(json.dumps(marks))
"""

CASHIER = """
import asyncio, json, sys, time
T0 = float(sys.argv[1])
sys.path.insert(0, {root!r})
from datetime import datetime
from core.clock import ManualClock
from core.config import load_config
from core.station_startup import start_station
from tui.app import CashierApp
from tui.launch import build_station
from tui.screens.login import LoginScreen
config = load_config({config!r})
clock = ManualClock(datetime.fromisoformat({noon!r}))
lock = start_station(config, clock.now())  # what `cashier` does before building the UI (log file, lock)
app = build_station(config, clock=clock)
marks = {{}}
def hwm():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child would report its parent's peak.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
def login_up():
    return isinstance(app.screen, LoginScreen) and app.screen.is_mounted
def interactive():
    screen = app.screen
    return (login_up() and screen.listed and screen.query_one("#staff").option_count > 0
            and app.focused is screen.query_one("#pin"))
def check():
    if "staff_list_ready" not in marks and interactive():
        marks["staff_list_ready"] = time.time() - T0
_ready, _listed, _opened = CashierApp.on_ready, LoginScreen.list_staff, CashierApp.on_station_opened
in_first_frame = []  # the list was given before the first frame was painted
def on_ready(self):
    if login_up():
        marks["first_frame"] = time.time() - T0
    if in_first_frame:
        check()
    _ready(self)
def list_staff(self, staff):
    _listed(self, staff)
    if not self.app._dom_ready:  # Ready (first frame) not posted yet: that frame shows the list
        in_first_frame.append(True)
    else:
        self.app.call_after_refresh(check)
def on_station_opened(self, message):
    _opened(self, message)
    marks.setdefault("station_open", time.time() - T0)
CashierApp.on_ready, LoginScreen.list_staff, CashierApp.on_station_opened = on_ready, list_staff, on_station_opened
async def auto(pilot):
    while "staff_list_ready" not in marks or not app.station_ready:
        if app.open_error is not None:
            raise app.open_error
        await asyncio.sleep(0.05)
        check()
    marks["rss_login_kb"] = hwm()  # at the login screen with the Station open, as before the light read
    if {orders}:
        app.sale.staff = app.station.login("E001", "1234")
        from tui.screens.orders import OrdersScreen
        app.push_screen(OrdersScreen())
        while not (type(app.screen).__name__ == "OrdersScreen" and app.screen.loads):
            await pilot.pause(0.005)
    marks["rss_orders_kb"] = hwm()
    app.exit()
try:
    app.run(headless=True, size=(80, 24), auto_pilot=auto)
finally:
    if app.station_ready:
        app.station.close()
    lock.release()
print(json.dumps(marks))
"""


def write_station_config(folder: Path) -> Path:
    """A station config for the database in `folder` (station.db), as `cashier` reads it. HQ is a closed
    loopback port (the sync service starts and finds it offline); the printer is the emulator."""
    from core.config import write_config
    from tests.factories import AES_KEY, SELLER

    return write_config(folder / "config.toml", {
        "station": {"id": SELLER.station_id, "store_name": "示範門市", "language": "zh_TW", "data_dir": str(folder)},
        "seller": {"ban": SELLER.ban, "name": SELLER.name, "aes_key": AES_KEY},
        "hq": {"url": "http://127.0.0.1:9", "token": "bench-token-not-secret"},
        "printer": {"url": "emulator"},
    })


def _run(code: str) -> tuple[float, dict]:
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code, repr(started)], capture_output=True, text=True, cwd=ROOT,
                         check=False)
    if out.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{out.stderr[-3000:]}")
    return time.time() - started, json.loads(out.stdout.strip().splitlines()[-1])


def startup_and_memory(config: Path, repeats: int) -> tuple[dict, dict]:
    bare, frame, ready, opened, bare_exit, cashier_exit = [], [], [], [], [], []
    code = CASHIER.format(root=str(ROOT), noon=NOON, config=str(config), orders=False)
    _run(BARE), _run(code)  # warm the page cache: every measured run starts from the same state
    for _ in range(repeats):
        seconds, marks = _run(BARE)
        bare.append(marks["first_frame"])
        bare_exit.append(seconds)
        seconds, marks = _run(code)
        frame.append(marks["first_frame"])
        ready.append(marks["staff_list_ready"])
        opened.append(marks["station_open"])
        cashier_exit.append(seconds)
    _, marks = _run(CASHIER.format(root=str(ROOT), noon=NOON, config=str(config), orders=True))
    rss = {"at_login_mb": round(marks["rss_login_kb"] / 1024, 1),
           "with_order_list_open_mb": round(marks["rss_orders_kb"] / 1024, 1), "products": PRODUCTS, "orders": ORDERS}
    b, f, r, o = statistics.median(bare), statistics.median(frame), statistics.median(ready), statistics.median(opened)
    ms = lambda values: [round(v * 1000) for v in values]  # noqa: E731
    return ({"bare_textual_ms": round(b * 1000),
             "first_frame_ms": round(f * 1000), "first_frame_ratio": round(f / b, 2),
             "staff_list_ready_ms": round(r * 1000), "staff_list_ready_ratio": round(r / b, 2),
             "ratio": round(r / b, 2), "budget_ratio": 1.5,
             "station_open_ms": round(o * 1000), "station_open_ratio": round(o / b, 2),
             "runs": repeats,
             "samples_ms": {"bare": ms(bare), "first_frame": ms(frame), "staff_list_ready": ms(ready),
                            "station_open": ms(opened)},
             "process_wall_ms": {"bare": round(statistics.median(bare_exit) * 1000),
                                 "cashier": round(statistics.median(cashier_exit) * 1000)},
             "measured": "parent's spawn to: bare = first frame (Ready) with its Input focused; first_frame = "
                         "login screen's first frame (Ready); staff_list_ready (= ratio, the budget's 'first "
                         "interactive screen') = login screen AND staff listed from the database (the stdlib light "
                         "read; PINs checkable on it) AND focus in the PIN field, at the refresh that paints the "
                         "list; station_open = the Station open in the background (a login completes); headless "
                         "80x24; the cashier built from a config file as `cashier` builds it"}, rss)


# -- in-process: scans and the order list --------------------------------------------------------
async def scan_latency(db: Path, scans: int) -> dict:
    """Each scan timed to the first frame the app sends to the terminal that shows its line. Every frame
    Textual composes (App._display, entered with the compositor's update; headless, it is then dropped
    instead of written) is rendered to its terminal bytes and read back (bench/pty_screen.py): the scan's
    line is visible once the screen holds its number and product name. Timing the table's data update
    instead stopped the clock a frame early (the paint comes at the next refresh) and would have counted a
    scan that never reached the screen."""
    import re

    from textual import events
    from textual._compositor import CompositorUpdate

    from bench.pty_screen import PtyScreen
    from core.clock import ManualClock
    from core.demo.catalog import ean13
    from core.printer.config import PrinterConfig
    from core.station import Station
    from tests.factories import SELLER
    from tui.app import create_app
    from tui.options import AppOptions
    from tui.screens.cart import CartScreen

    clock = ManualClock(datetime.fromisoformat(NOON))
    station = Station.open(db, SELLER, clock)
    app = create_app(station, AppOptions(clock=clock, printer_config=PrinterConfig(url="emulator")))
    screen = PtyScreen(24, 80)
    waiting: dict = {}  # the line a scan waits for: its pattern, the future its frame's time resolves
    display = app._display

    def painted(target, renderable) -> None:
        at = time.perf_counter()
        display(target, renderable)
        if isinstance(renderable, CompositorUpdate):
            screen.feed(renderable.render_segments(app.console).encode())
            if waiting and not waiting["done"].done() and screen.matches(waiting["line"]):
                waiting["done"].set_result(at)

    app._display = painted  # type: ignore[method-assign]
    latencies = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.sale.staff = station.login("E001", "1234")
        app.push_screen(CartScreen())
        await pilot.pause()
        for n in range(scans):
            product = (n * 997) % (PRODUCTS - 200)  # spread over the whole catalog
            code = ean13(1000 + product)
            waiting.update(line=re.compile(rf"^\W*{n + 1}\s+商品 {product}(?!\d)"),
                           done=asyncio.get_running_loop().create_future())
            started = time.perf_counter()
            for char in code:
                app.post_message(events.Key(char, char))
            app.post_message(events.Key("enter", "\r"))
            try:
                shown = await asyncio.wait_for(waiting["done"], 30)
            except TimeoutError:
                sys.exit(f"bench_tui: scan {n + 1} ({code}) never showed its cart line; the screen shows:\n"
                         f"{screen.text()}")
            await pilot.pause()  # the frame with the line is out before the next scan
            latencies.append((shown - started) * 1000)
    station.close()
    latencies.sort()
    return {"scans": scans, "lines_confirmed": len(latencies), "p50_ms": round(statistics.median(latencies), 2),
            "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 2),
            "max_ms": round(latencies[-1], 2), "products": PRODUCTS,
            "measured": "key events of a 13-digit scan + Enter posted to the first frame sent to the terminal "
                        "that shows the line (its number and product name, read back from the frame's bytes)"}


def order_list(db: Path) -> dict:
    from core.clock import ManualClock
    from core.station import Station
    from core.store.orders import OrderFilter
    from tests.factories import SELLER

    station = Station.open(db, SELLER, ManualClock(datetime.fromisoformat(NOON)))

    def timed(call) -> tuple[float, object]:
        started = time.perf_counter()
        result = call()
        return (time.perf_counter() - started) * 1000, result

    all_days = OrderFilter()
    open_ms, page = timed(lambda: station.orders(all_days))
    page_times = []
    for _ in range(20):
        ms, page = timed(lambda page=page: station.orders(all_days, older_than=page.rows[-1].cursor))
        page_times.append(ms)
    # Deep: jump to the oldest region by cursor, then page from there.
    oldest = datetime.fromisoformat(NOON) - timedelta(seconds=50 * ORDERS)
    deep_cursor = page.rows[-1].cursor.__class__((oldest + timedelta(days=3)).isoformat(timespec="seconds"), 1)
    deep_ms, deep = timed(lambda: station.orders(all_days, older_than=deep_cursor))
    search_ms, found = timed(lambda: station.orders(OrderFilter(search=f"ZZ{ORDERS // 2 + 321:08d}")))
    filtered_ms, _ = timed(lambda: station.orders(OrderFilter(status="voided")))
    station.close()
    assert len(found.rows) == 1
    return {"orders": ORDERS, "open_first_page_ms": round(open_ms, 2),
            "page_p50_ms": round(statistics.median(page_times), 2), "page_max_ms": round(max(page_times), 2),
            "deep_page_ms": round(deep_ms, 2), "deep_page_rows": len(deep.rows),
            "search_invoice_ms": round(search_ms, 2), "status_filter_no_match_ms": round(filtered_ms, 2)}


def main() -> None:
    quick = "--quick" in sys.argv
    startup_only = "--startup-only" in sys.argv  # start-up and memory only (the dataset is still 100,000)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "station.db"
        started = time.perf_counter()
        build_database(db, PRODUCTS, ORDERS)
        built = time.perf_counter() - started
        startup, memory = startup_and_memory(write_station_config(Path(folder)), 5 if quick else 9)
        result = {
            "bench": "tui",
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
            "dataset_build_s": round(built, 1),
            "startup": startup,
            "memory": memory,
        }
        if not startup_only:
            result["scan_to_line"] = asyncio.run(scan_latency(db, 100 if quick else 300))
            result["order_list"] = order_list(db)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()

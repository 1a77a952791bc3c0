"""Cashier TUI benchmarks, printed as JSON (python bench/bench_tui.py [--quick]).

- startup: process start to the first interactive screen (login, staff listed), next to a bare Textual
  app showing one Input, both as fresh processes in the same run (median of N), and their ratio
- memory: resident set size of the station with 100,000 products and 100,000 orders, at the login
  screen and after opening the order list
- scan_to_line: scan (key events) to the cart line rendered, p50/p99 ms, with 100,000 products
- order_list: open (first page) and page (keyset, newest to oldest and deep) over 100,000 orders
- bytes_per_scan: bytes the app writes to a real 80x24 terminal (a pty, the Linux driver) per scan
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import pty
import select
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
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
BARE = """
import time, sys
from textual.app import App
from textual.widgets import Input
class Bare(App):
    def compose(self):
        yield Input()
    def on_ready(self):
        self.exit()
Bare().run(headless=True, size=(80, 24))
"""

CASHIER = """
import sys, time
sys.path.insert(0, {root!r})
from core.clock import ManualClock, TAIPEI
from datetime import datetime
from core.printer.config import PrinterConfig
from core.station import Station
from tests.factories import SELLER
from tui.app import create_app
clock = ManualClock(datetime.fromisoformat({noon!r}))
station = Station.open({db!r}, SELLER, clock)
app = create_app(station, clock=clock, printer_config=PrinterConfig(url="emulator"))
state = {{}}
def hwm():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child would report its parent's peak.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
async def auto(pilot):
    while not (pilot.app.screen.query("#staff") and pilot.app.screen.query_one("#staff").option_count):
        await pilot.pause(0.005)
    state["rss_login"] = hwm()
    if {orders}:
        pilot.app.sale.staff = pilot.app.station.login("E001", "1234")
        from tui.screens.orders import OrdersScreen
        pilot.app.push_screen(OrdersScreen())
        while not (type(pilot.app.screen).__name__ == "OrdersScreen" and pilot.app.screen.loads):
            await pilot.pause(0.005)
    state["rss_orders"] = hwm()
    pilot.app.exit()
app.run(headless=True, size=(80, 24), auto_pilot=auto)
print(state["rss_login"], state["rss_orders"])
"""


def _run(code: str) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return time.perf_counter() - started, out.stdout


def startup_and_memory(db: Path, repeats: int) -> tuple[dict, dict]:
    bare, cashier, rss = [], [], None
    for _ in range(repeats):
        bare.append(_run(BARE)[0])
        seconds, _ = _run(CASHIER.format(root=str(ROOT), noon=NOON, db=str(db), orders=False))
        cashier.append(seconds)
    _, out = _run(CASHIER.format(root=str(ROOT), noon=NOON, db=str(db), orders=True))
    login_kb, orders_kb = (int(v) for v in out.split())
    rss = {"at_login_mb": round(login_kb / 1024, 1), "with_order_list_open_mb": round(orders_kb / 1024, 1),
           "products": PRODUCTS, "orders": ORDERS}
    b, c = statistics.median(bare), statistics.median(cashier)
    return ({"bare_textual_ms": round(b * 1000), "cashier_login_ms": round(c * 1000), "ratio": round(c / b, 2),
             "runs": repeats, "measured": "process start to first interactive screen, headless 80x24"}, rss)


# -- in-process: scans and the order list --------------------------------------------------------
async def scan_latency(db: Path, scans: int) -> dict:
    from textual import events

    from core.clock import ManualClock
    from core.demo.catalog import ean13
    from core.printer.config import PrinterConfig
    from core.station import Station
    from tests.factories import SELLER
    from tui.app import create_app
    from tui.screens.cart import CartScreen

    clock = ManualClock(datetime.fromisoformat(NOON))
    station = Station.open(db, SELLER, clock)
    app = create_app(station, clock=clock, printer_config=PrinterConfig(url="emulator"))
    rendered: list[float] = []
    original = CartScreen._render_line

    def timed(self: CartScreen, index: int) -> None:
        original(self, index)
        rendered.append(time.perf_counter())

    CartScreen._render_line = timed  # type: ignore[method-assign]
    latencies = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.sale.staff = station.login("E001", "1234")
        app.push_screen(CartScreen())
        await pilot.pause()
        for n in range(scans):
            code = ean13(1000 + (n * 997) % (PRODUCTS - 200))  # spread over the whole catalog
            before = len(rendered)
            started = time.perf_counter()
            for char in code:
                app.post_message(events.Key(char, char))
            app.post_message(events.Key("enter", "\r"))
            while len(rendered) == before:
                await asyncio.sleep(0.0005)
            await pilot.pause()  # the frame with the line is painted before the next scan
            latencies.append((rendered[-1] - started) * 1000)
    CartScreen._render_line = original  # type: ignore[method-assign]
    station.close()
    latencies.sort()
    return {"scans": scans, "p50_ms": round(statistics.median(latencies), 2),
            "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 2),
            "max_ms": round(latencies[-1], 2), "products": PRODUCTS,
            "measured": "key events of a 13-digit scan + Enter posted to the line added to the cart table"}


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


# -- bytes on the wire, in a real pty ---------------------------------------------------------------
PTY_APP = """
import sys
sys.path.insert(0, {root!r})
from datetime import datetime
from core.clock import ManualClock
from core.station import Station
from tests.factories import SELLER
from tui.app import create_app
clock = ManualClock(datetime.fromisoformat({noon!r}))
station = Station.open({db!r}, SELLER, clock)
create_app(station, clock=clock).run()
"""


def _drain(fd: int, quiet: float = 0.4, limit: float = 10.0) -> int:
    total, deadline, last = 0, time.monotonic() + limit, time.monotonic()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            total += len(chunk)
            last = time.monotonic()
        elif time.monotonic() - last > quiet:
            break
    return total


def bytes_per_scan(db: Path, scans: int) -> dict:
    from core.demo.catalog import ean13

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24", "TEXTUAL_ANIMATIONS": "none"}
    process = subprocess.Popen([sys.executable, "-c", PTY_APP.format(root=str(ROOT), noon=NOON, db=str(db))],
                               stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, close_fds=True)
    os.close(slave)
    try:
        first_frame = _drain(master, quiet=1.0, limit=20)
        for keys in ("1234\r", "\x1b[12~"):  # PIN + Enter, then F2: guest
            os.write(master, keys.encode())
            _drain(master)
        per_scan = []
        for n in range(scans):
            os.write(master, (ean13(1000 + n * 31) + "\r").encode())
            per_scan.append(_drain(master))
    finally:
        os.write(master, b"\x11")  # ctrl+q
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
        os.close(master)
    return {"first_frame_bytes": first_frame, "scans": scans, "mean_bytes": round(statistics.mean(per_scan)),
            "max_bytes": max(per_scan), "terminal": "xterm-256color 80x24, pty, Linux driver"}


def main() -> None:
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "station.db"
        started = time.perf_counter()
        build_database(db, PRODUCTS, ORDERS)
        built = time.perf_counter() - started
        startup, memory = startup_and_memory(db, 3 if quick else 5)
        result = {
            "bench": "tui",
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
            "dataset_build_s": round(built, 1),
            "startup": startup,
            "memory": memory,
            "scan_to_line": asyncio.run(scan_latency(db, 100 if quick else 300)),
            "order_list": order_list(db),
            "bytes_per_scan": bytes_per_scan(db, 10 if quick else 20),
        }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()

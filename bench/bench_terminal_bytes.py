"""Bytes written to the terminal per scan and per screen change, printed as JSON
(python bench/bench_terminal_bytes.py [--quick]).

Each app runs in a child process on a real pseudo-terminal at 80x24 with Textual's Linux driver, so what
is counted is exactly what a cashier's console or a support engineer's SSH session receives. The parent
types into the pty as a keyboard or a scanner does and, after each action, reads until the app has been
quiet for QUIET seconds; the bytes read are that action's cost.

Side by side, in one run and on two terminals:
  terminals  xterm-truecolor: TERM=xterm-256color and COLORTERM=truecolor (a modern terminal, often
             over SSH); linux: TERM=linux (the Linux console, 16 colours)
  apps       bare:             a Textual app with its defaults doing the equivalent (scan field + 6-column
                               table + footer; F5 pushes a 30-row list screen, F10 a form screen; Esc
                               pops), cursor blink off so idle blinking is not counted
             cashier_standard: the cashier app, `cashier`
             cashier_compact:  the cashier app, `cashier --compact` (ASCII chrome, 16 standard colours,
                               no scrollbars, no mouse reporting)
Actions: first frame; per scan (13 digits + Enter adding a cart line; the tables scroll from their
18th line on, which repaints every visible line, so lines 1-10 and 18 on are also reported apart); per
screen change (cart -> orders, orders -> cart, cart -> checkout, checkout -> cart; each ROUNDS times,
the median). Also for the whole run: how many 256-colour / truecolor SGR sequences (38;5 48;5 38;2
48;2) and box-drawing or block glyphs were sent, and whether mouse reporting was switched on.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import machine_info  # noqa: E402

NOON = "2026-11-22T12:00:00+08:00"
QUIET = 0.4  # seconds without output that end an action
ORDERS = 30  # today's orders in the list screen (more than fit: it is a full page)
ROUNDS = 3  # screen changes: each of the four, this many times (median)
SCROLLS_AFTER = 17  # cart lines the cashier's table shows at 80x24; from the next one on it scrolls
F2, F5, F10, ESC = "\x1b[12~", "\x1b[15~", "\x1b[21~", "\x1b"
TERMINALS = {
    "xterm-truecolor": {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    "linux": {"TERM": "linux"},
}
EXTENDED_SGR = re.compile(rb"\x1b\[[0-9;]*(?<![0-9])[34]8;[25];")
BOX_OR_BLOCK = re.compile("[\u2500-\u25ff\U0001fb00-\U0001fbff]")

BARE = """
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label

COLUMNS = ("#", "name", "type", "qty", "price", "amount")

class ListScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "back")]
    def compose(self):
        yield Label("orders")
        yield Input(placeholder="search")
        yield DataTable()
        yield Footer()
    def on_mount(self):
        self.query_one(Input).cursor_blink = False
        table = self.query_one(DataTable)
        table.add_columns("order", "time", "invoice", "total", "status")
        for n in range({orders}):
            table.add_row(f"S01-{{n:06d}}", "12:00", f"AB{{n:08d}}", "315", "completed")

class FormScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "back")]
    def compose(self):
        yield Label("due 315")
        for name in ("cash", "card", "card-ref", "code", "ban"):
            yield Label(name)
            yield Input(id=name)
        yield Footer()
    def on_mount(self):
        for field in self.query(Input):
            field.cursor_blink = False

class Bare(App):
    BINDINGS = [Binding("f5", "orders", "orders"), Binding("f10", "checkout", "checkout")]
    def compose(self):
        yield Label("cart")
        yield Input(placeholder="scan")
        yield DataTable(cursor_type="row")
        yield Label("totals")
        yield Footer()
    def on_mount(self):
        self.query_one(Input).cursor_blink = False
        self.query_one(DataTable).add_columns(*COLUMNS)
    def on_input_submitted(self, event):
        table = self.query_one(DataTable)
        table.add_row(str(table.row_count + 1), "item " + event.value, "regular", "1", "105", "105")
        table.move_cursor(row=table.row_count - 1, animate=False)
        event.input.clear()
    def action_orders(self):
        self.push_screen(ListScreen())
    def action_checkout(self):
        self.push_screen(FormScreen())

Bare().run()
"""

CASHIER = """
import sys
sys.path.insert(0, {root!r})
from datetime import datetime
from core.clock import ManualClock
from core.station import Station
from tests.factories import SELLER
from tui.app import create_app
from tui.options import AppOptions
clock = ManualClock(datetime.fromisoformat({noon!r}))
station = Station.open({db!r}, SELLER, clock)
try:
    create_app(station, AppOptions(clock=clock, display={display!r}, status_interval=3600)).run()
finally:
    station.close()
"""


def build_database(path: Path) -> None:
    """The demo catalog and ORDERS sales today (the order list shows a full page)."""
    from core.clock import ManualClock
    from core.demo.catalog import demo_products
    from tests.factories import open_station, simple_sale

    clock = ManualClock(datetime.fromisoformat(NOON))
    station = open_station(path, clock, booklets=2)
    station.load_products({**asdict(p), "active": True, "updated_at": clock.now()} for p in demo_products(200))
    for _ in range(ORDERS):
        station.checkout(simple_sale())
    station.close()


def _drain(fd: int, sink: bytearray, quiet: float = QUIET, limit: float = 15.0, first: float = 5.0) -> int:
    """Read until the app has written nothing for `quiet` s after its first byte (or nothing at all
    for `first` s); the number of bytes read."""
    started = time.monotonic()
    total, deadline, last = 0, started + limit, started + first - quiet
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.02)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            total += len(chunk)
            sink += chunk
            last = time.monotonic()
        elif time.monotonic() - last > quiet:
            break
    return total


def measure(code: str, terminal: dict[str, str], scans: int, *, cashier: bool) -> dict:
    from core.demo.catalog import demo_products

    codes = [product.barcode for product in demo_products(200)]
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {key: value for key, value in os.environ.items() if key not in ("COLORTERM", "TEXTUAL_COLOR_SYSTEM",
                                                                          "NO_COLOR", "TERM")}
    env.update(terminal, COLUMNS="80", LINES="24")
    process = subprocess.Popen([sys.executable, "-c", code], stdin=slave, stdout=slave, stderr=slave, env=env,
                               cwd=ROOT, close_fds=True)
    os.close(slave)
    sink = bytearray()
    result: dict = {}
    try:
        result["first_frame"] = _drain(master, sink, quiet=1.5, limit=60, first=60)
        if cashier:  # log in (PIN 1234), guest: the cart
            os.write(master, b"1234\r")
            _drain(master, sink)
            os.write(master, F2.encode())
            result["login_to_cart"] = _drain(master, sink)
        per_scan = []
        for n in range(scans):
            os.write(master, (codes[n % len(codes)] + "\r").encode())
            per_scan.append(_drain(master, sink))
        rounds: dict[str, list[int]] = {}
        for _ in range(ROUNDS):  # how a repaint splits into frames varies a little: the median of a few
            for name, keys in (("cart_to_orders", F5), ("orders_to_cart", ESC), ("cart_to_checkout", F10),
                               ("checkout_to_cart", ESC)):
                os.write(master, keys.encode())
                rounds.setdefault(name, []).append(_drain(master, sink, quiet=QUIET + 0.2))
        changes = {name: round(statistics.median(samples)) for name, samples in rounds.items()}
        scrolling = per_scan[SCROLLS_AFTER:]
        result["scan"] = {"mean": round(statistics.mean(per_scan)), "median": round(statistics.median(per_scan)),
                          "max": max(per_scan), "lines_1_to_10_mean": round(statistics.mean(per_scan[:10])),
                          f"lines_{SCROLLS_AFTER + 1}_on_mean": round(statistics.mean(scrolling)) if scrolling else 0,
                          "samples": per_scan}
        result["screen_change"] = {**changes, "mean": round(statistics.mean(changes.values())), "samples": rounds}
    finally:
        os.write(master, b"\x11")  # ctrl+q
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with contextlib.suppress(OSError):
            _drain(master, sink, quiet=0.2, limit=2, first=0.5)
        os.close(master)
    text = sink.decode("utf-8", errors="replace")
    result["whole_run"] = {"bytes": len(sink), "extended_colour_sgr": len(EXTENDED_SGR.findall(sink)),
                           "box_or_block_glyphs": len(BOX_OR_BLOCK.findall(text)),
                           "mouse_reporting_enabled": b"\x1b[?1000h" in sink}
    return result


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 2) if whole else None


def main() -> None:
    quick = "--quick" in sys.argv
    scans = 20 if quick else 25
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "station.db"
        build_database(db)
        apps = {
            "bare": (BARE.format(orders=ORDERS), False),
            "cashier_standard": (CASHIER.format(root=str(ROOT), noon=NOON, db=str(db), display="standard"), True),
            "cashier_compact": (CASHIER.format(root=str(ROOT), noon=NOON, db=str(db), display="compact"), True),
        }
        figures: dict = {}
        for terminal, env in TERMINALS.items():
            figures[terminal] = {name: measure(code, env, scans, cashier=cashier)
                                 for name, (code, cashier) in apps.items()}
            compact, standard = figures[terminal]["cashier_compact"], figures[terminal]["cashier_standard"]
            figures[terminal]["compact_vs_standard"] = {
                "scan_mean": _ratio(compact["scan"]["mean"], standard["scan"]["mean"]),
                "screen_change_mean": _ratio(compact["screen_change"]["mean"], standard["screen_change"]["mean"]),
                "first_frame": _ratio(compact["first_frame"], standard["first_frame"]),
            }
    print(json.dumps({
        "bench": "terminal_bytes",
        "machine": machine_info("textual", "rich"),
        "size": "80x24",
        "scans": scans,
        "quiet_s": QUIET,
        "measured": "bytes the app wrote to a real pty (Textual's Linux driver) per action, read until the app "
                    "was quiet; scan = 13 digits + Enter adding a cart line; screen changes by F5 / Esc / F10 / Esc",
        "figures": figures,
    }, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()

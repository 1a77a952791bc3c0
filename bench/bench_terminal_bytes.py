"""Bytes written to the terminal per scan and per screen change, printed as JSON
(python bench/bench_terminal_bytes.py [--quick] [--tree DIR]).

Each app runs in a child process on a real pseudo-terminal at 80x24 with Textual's Linux driver, so what
is counted is exactly what a cashier's console or a support engineer's SSH session receives. The parent
types into the pty as a keyboard or a scanner does and, after each action, reads until the action's
effect is on the screen and then until the app has been quiet for QUIET seconds; the bytes read are that
action's cost.

Side by side, in one run and on two terminals:
  terminals  xterm-truecolor: TERM=xterm-256color and COLORTERM=truecolor (a modern terminal, often
             over SSH); linux: TERM=linux (the Linux console, 16 colours)
  apps       bare:             a Textual app with its defaults doing the equivalent (scan field + 6-column
                               table + footer; F5 pushes a 30-row list screen, F10 a form screen; Esc
                               pops), cursor blink off so idle blinking is not counted; its tables fill the space
                               left (height 1fr) as the cashier's do, so they scroll and a new line is on
                               the screen (with Textual's default auto height, line 19 on fell below the
                               screen's edge and was never painted)
             cashier_standard: the cashier app, `cashier`
             cashier_compact:  the cashier app, `cashier --compact` (ASCII chrome, 16 standard colours,
                               no scrollbars, no mouse reporting)
Actions: first frame; per scan (13 digits + Enter adding a cart line; the tables scroll from their
18th line on, which in Textual repaints every visible line and in the cashier moves the terminal's rows
(tui/scroll_region.py), so lines 1-10 and 18 on are also reported apart); per
screen change (cart -> orders, orders -> cart, cart -> checkout, checkout -> cart; each ROUNDS times,
the median). Also for the whole run: how many 256-colour / truecolor SGR sequences (38;5 48;5 38;2
48;2) and box-drawing or block glyphs were sent, and whether mouse reporting was switched on.

Every action waits for its own effect, read back from the terminal output (bench/pty_screen.py keeps the
screen the bytes paint): the login screen's title and staff list, the customer prompt after the PIN, the
empty cart after F2, each scan's line (its number and product name in the table, and the totals counting
it), each target screen's own text with the screen left gone. A fixed quiet time alone let keys race
ahead: scans typed while the login was still opening the Station never became cart lines and were
counted as ~700 B "scans". An effect that never shows ends the bench with a message and exit status 1.

--tree DIR measures the code in DIR (another worktree, e.g. an older commit): the database is built and
both apps run by DIR/.venv/bin/python from DIR, so one copy of this bench measures both sides of a change.
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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import machine_info  # noqa: E402
from bench.pty_screen import PtyScreen  # noqa: E402

NOON = "2026-11-22T12:00:00+08:00"
QUIET = 0.4  # seconds without output that end an action, once its effect is on the screen
EFFECT_LIMIT = 60.0  # seconds an action's effect may take (the login opens the Station) before the bench fails
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
    CSS = "DataTable {{ height: 1fr; }}"  # as the cashier's: the table scrolls, a new line stays on the screen
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


BUILD = """
import json, sys
sys.path.insert(0, {root!r})
from dataclasses import asdict
from datetime import datetime
from core.clock import ManualClock
from core.demo.catalog import demo_products
from tests.factories import open_station, simple_sale
clock = ManualClock(datetime.fromisoformat({noon!r}))
station = open_station({db!r}, clock, booklets=2)
products = list(demo_products(200))
station.load_products({{**asdict(p), "active": True, "updated_at": clock.now()}} for p in products)
for _ in range({orders}):
    station.checkout(simple_sale())
station.close()
print(json.dumps([[p.barcode, p.name] for p in products], ensure_ascii=False))
"""


class EffectMissingError(RuntimeError):
    """An action's effect never showed on the terminal: the figure would count the wrong thing."""


def build_database(python: str, tree: Path, path: Path) -> list[tuple[str, str]]:
    """The demo catalog and ORDERS sales today (the order list shows a full page), built by the measured
    tree's own code; the catalog's (barcode, name) pairs."""
    out = subprocess.run([python, "-c", BUILD.format(root=str(tree), noon=NOON, db=str(path), orders=ORDERS)],
                         capture_output=True, text=True, cwd=tree, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"building the database failed:\n{out.stderr[-3000:]}")
    return [(code, name) for code, name in json.loads(out.stdout.strip().splitlines()[-1])]


class Terminal:
    """The parent's end of the app's pty: what was read (`sink`) and what it painted (`screen`)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.sink = bytearray()
        self.screen = PtyScreen(24, 80)

    def drain(self, until: Callable[[PtyScreen], bool] | None = None, *, quiet: float = QUIET, limit: float = 15.0,
              first: float = 5.0) -> int:
        """Read until `until(screen)` holds and then the app has written nothing for `quiet` s (without
        `until`: `quiet` s after its first byte, or nothing at all for `first` s); the bytes read. With
        `until`, the effect must show within EFFECT_LIMIT s, else EffectMissingError."""
        started = time.monotonic()
        total, last = 0, started + first - quiet
        seen = until is None
        deadline = started + (limit if until is None else max(limit, EFFECT_LIMIT))
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.02)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                total += len(chunk)
                self.sink += chunk
                self.screen.feed(chunk)
                last = time.monotonic()
                if not seen and until is not None:
                    seen = until(self.screen)
            elif seen and time.monotonic() - last > quiet:
                break
        if not seen:
            raise EffectMissingError("")
        return total

    def act(self, keys: str, what: str, until: Callable[[PtyScreen], bool], *, quiet: float = QUIET) -> int:
        """Type `keys`, then read until `what` is on the screen (`until`) and the app is quiet; its bytes."""
        if keys:
            os.write(self.fd, keys.encode())
        try:
            return self.drain(until, quiet=quiet)
        except EffectMissingError:
            raise EffectMissingError(f"{what}: not on the terminal within {EFFECT_LIMIT:.0f} s of the keys {keys!r}; "
                                     f"the screen shows:\n{self.screen.text()}") from None


def _row(number: int, text: str) -> re.Pattern[str]:
    """A table line that starts with `number` (the # column) and shows `text` after it."""
    return re.compile(rf"^\W*{number}\s+.*{re.escape(text)}")


class Effects:
    """What each action puts on the screen, per app (the cashier's texts in its default language, zh_TW)."""

    def __init__(self, *, cashier: bool) -> None:
        self.cashier = cashier

    def first_frame(self, screen: PtyScreen) -> bool:
        if self.cashier:
            return screen.shows("員工登入") and screen.shows("E001")
        return screen.shows("cart") and screen.shows("scan")

    @staticmethod
    def customer_prompt(screen: PtyScreen) -> bool:
        return screen.shows("會員登入")

    def cart(self, lines: int) -> Callable[[PtyScreen], bool]:
        if self.cashier:
            totals = re.compile(rf"(?<![0-9]){lines} 項 ")
            return lambda screen: screen.matches(totals) and not screen.shows("會員登入") and not self.elsewhere(screen)
        return lambda screen: screen.shows("cart") and not self.elsewhere(screen)

    def line(self, number: int, code: str, name: str) -> Callable[[PtyScreen], bool]:
        row = _row(number, name if self.cashier else "item " + code)
        cart = self.cart(number)
        return lambda screen: screen.matches(row) and cart(screen)

    def elsewhere(self, screen: PtyScreen) -> bool:
        return self.orders(screen) or self.checkout(screen)

    def orders(self, screen: PtyScreen) -> bool:
        return screen.shows(f"S01-{ORDERS:06d}" if self.cashier else "S01-000000")

    def checkout(self, screen: PtyScreen) -> bool:
        return screen.shows("應付 NT$" if self.cashier else "due 315")


def measure(code: str, *, python: str, tree: Path, terminal: dict[str, str], catalog: list[tuple[str, str]],
            scans: int, cashier: bool) -> dict:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {key: value for key, value in os.environ.items() if key not in ("COLORTERM", "TEXTUAL_COLOR_SYSTEM",
                                                                          "NO_COLOR", "TERM")}
    env.update(terminal, COLUMNS="80", LINES="24")
    process = subprocess.Popen([python, "-c", code], stdin=slave, stdout=slave, stderr=slave, env=env,
                               cwd=tree, close_fds=True)
    os.close(slave)
    term = Terminal(master)
    effects = Effects(cashier=cashier)
    result: dict = {}
    try:
        result["first_frame"] = term.drain(effects.first_frame, quiet=1.5, limit=60, first=60)
        if cashier:  # log in (PIN 1234), guest: the cart
            term.act("1234\r", "the customer prompt after the PIN", effects.customer_prompt)
            result["login_to_cart"] = term.act(F2, "the empty cart after F2 (guest)", effects.cart(0))
        per_scan = []
        for n in range(scans):
            barcode, name = catalog[n % len(catalog)]
            per_scan.append(term.act(barcode + "\r", f"cart line {n + 1} ({barcode} {name})",
                                     effects.line(n + 1, barcode, name)))
        result["lines_confirmed"] = len(per_scan)
        in_cart = effects.cart(scans)
        targets = {"cart_to_orders": (F5, "the order list", lambda s: effects.orders(s) and not in_cart(s)),
                   "orders_to_cart": (ESC, "the cart back from the order list", in_cart),
                   "cart_to_checkout": (F10, "the checkout", lambda s: effects.checkout(s) and not in_cart(s)),
                   "checkout_to_cart": (ESC, "the cart back from the checkout", in_cart)}
        rounds: dict[str, list[int]] = {}
        for _ in range(ROUNDS):  # how a repaint splits into frames varies a little: the median of a few
            for name, (keys, what, until) in targets.items():
                rounds.setdefault(name, []).append(term.act(keys, what, until, quiet=QUIET + 0.2))
        result["screen_changes_confirmed"] = sum(len(samples) for samples in rounds.values())
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
            term.drain(quiet=0.2, limit=2, first=0.5)
        os.close(master)
    sink = term.sink
    text = sink.decode("utf-8", errors="replace")
    result["whole_run"] = {"bytes": len(sink), "extended_colour_sgr": len(EXTENDED_SGR.findall(sink)),
                           "box_or_block_glyphs": len(BOX_OR_BLOCK.findall(text)),
                           "mouse_reporting_enabled": b"\x1b[?1000h" in sink}
    return result


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 2) if whole else None


def _tree(argv: list[str]) -> Path:
    if "--tree" in argv:
        return Path(argv[argv.index("--tree") + 1]).resolve()
    return ROOT


def main() -> None:
    quick = "--quick" in sys.argv
    scans = 20 if quick else 25
    tree = _tree(sys.argv)
    venv_python = tree / ".venv" / "bin" / "python"
    python = str(venv_python) if venv_python.exists() else sys.executable
    commit = subprocess.run(["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            check=False).stdout.strip()
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "station.db"
            catalog = build_database(python, tree, db)
            apps = {
                "bare": (BARE.format(orders=ORDERS), False),
                "cashier_standard": (CASHIER.format(root=str(tree), noon=NOON, db=str(db), display="standard"), True),
                "cashier_compact": (CASHIER.format(root=str(tree), noon=NOON, db=str(db), display="compact"), True),
            }
            figures: dict = {}
            for terminal, env in TERMINALS.items():
                figures[terminal] = {name: measure(code, python=python, tree=tree, terminal=env, catalog=catalog,
                                             scans=scans, cashier=cashier)
                                     for name, (code, cashier) in apps.items()}
                compact, standard = figures[terminal]["cashier_compact"], figures[terminal]["cashier_standard"]
                figures[terminal]["compact_vs_standard"] = {
                    "scan_mean": _ratio(compact["scan"]["mean"], standard["scan"]["mean"]),
                    "screen_change_mean": _ratio(compact["screen_change"]["mean"], standard["screen_change"]["mean"]),
                    "first_frame": _ratio(compact["first_frame"], standard["first_frame"]),
                }
    except EffectMissingError as missing:
        sys.exit(f"bench_terminal_bytes: an action did not take effect, no figures: {missing}")
    print(json.dumps({
        "bench": "terminal_bytes",
        "machine": machine_info("textual", "rich"),
        "tree": str(tree),
        "commit": commit,
        "size": "80x24",
        "scans": scans,
        "quiet_s": QUIET,
        "measured": "bytes the app wrote to a real pty (Textual's Linux driver) per action, read until the action's "
                    "effect was on the screen and then until the app was quiet; scan = 13 digits + Enter adding a "
                    "cart line (its line and the totals confirmed on the screen); screen changes by F5 / Esc / F10 / "
                    "Esc (the target screen's own text confirmed)",
        "figures": figures,
    }, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()

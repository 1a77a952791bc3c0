"""The real `cashier` driven in a pty as a cashier would (tests/ssh/session.py's Terminal, pyte reading the
screen): the key sequences a terminal sends, a stocked station to start on, and one whole sale."""

from __future__ import annotations

import re
import sys
from dataclasses import asdict
from pathlib import Path

from core.demo.catalog import demo_products
from tests.factories import NOON, open_station
from tests.ssh.session import Terminal

CASHIER = Path(sys.prefix) / "bin" / "cashier"  # the virtualenv's console script (<repo>/.venv/bin/cashier)
F2, F5, F9, F10, ENTER, CTRL_Q = "\x1bOQ", "\x1b[15~", "\x1b[20~", "\x1b[21~", "\r", "\x11"
HOME = "\x1b[1~"  # the Home key as xterm and the Linux console send it (a log scrolled to its top)
BARCODE = "4710000000011"  # SKU00001 乾電池 3號 4入, NT$105 in the demo catalog
START = 60.0  # a cold start on a loaded 2-core machine: imports, migrations, the first frame
STEP = 20.0  # each step after it


def stocked_station(data: Path) -> None:
    """A registered station with two booklets and the demo's first 20 products, closed again."""
    station = open_station(data / "station.db", booklets=2)
    station.load_products({**asdict(p), "active": True, "updated_at": NOON} for p in demo_products(20))
    station.close()


def sell_one(till: Terminal) -> str:
    """From the login screen to a printed receipt; returns the order number shown."""
    till.until(lambda s: "E001  王小明" in s and "密碼" in s, START, "the login screen")
    till.send("1234" + ENTER)
    till.until(lambda s: "會員登入" in s, STEP, "the customer screen")
    till.send(F2)
    till.until(lambda s: "掃描或輸入商品" in s, STEP, "the empty cart")
    till.send(BARCODE + ENTER)
    till.until(lambda s: "合計 NT$105" in s, STEP, "the scanned line")
    till.send(F10)
    till.until(lambda s: "應付 NT$105" in s, STEP, "the checkout screen")
    till.send(F10)
    till.until(lambda s: "訂單 S01-" in s and "已印出" in s, STEP, "the printed receipt")
    found = re.search(r"訂單 (S01-\d{6})", till.text())
    assert found is not None, till.text()
    return found.group(1)

"""No keystroke is lost or reordered in any input field when keys come faster than the app handles them
(a scanner, a fast typist, a paste into a terminal, a slow SSH link delivering a burst at once).

Textual handles an Input's own bindings (Backspace, arrows) through the app, after the characters behind
them: "870", three Backspaces, "64" used to end as "87" (tui/widgets/scan_input.py, FieldInput). Each
field gets the same burst — 8 7 0 ⌫ ⌫ ⌫ 6 4 ← 5 — and must read "654":

- posted as key events back to back, into every field of every screen (the pilot's own `press` waits
  for idle after each key and would hide the bug);
- written to a real pty in one write() each, to `cashier demo` running on it (tests/ssh/session.py's
  Terminal: the pty, the xterm parser, the driver thread: the whole path a key takes).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tests.factories import simple_sale
from tests.ssh.session import Terminal
from tests.tui.helpers import BARCODE_1, login, scan, screen_name, until
from tui.app import CashierApp
from tui.screens.setup import SetupApp

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)

BURST = [*"870", "backspace", "backspace", "backspace", *"64", "left", "5"]
TYPED = "654"


def post_burst(app: CashierApp | SetupApp, keys: list[str] = BURST) -> None:
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def burst_into(pilot: Pilot, field_id: str, failures: dict[str, str]) -> None:
    """Empty the field, give it the keyboard, burst, and wait until the field has settled."""
    app = pilot.app
    field = app.screen.query_one(f"#{field_id}", Input)
    field.value = ""
    field.focus()
    await pilot.pause()
    assert app.focused is field, f"#{field_id} did not take the keyboard"
    post_burst(app)
    try:
        await until(pilot, lambda: field.value == TYPED, timeout=3)
    except AssertionError:
        failures[field_id] = field.value


async def test_a_burst_arrives_whole_in_every_field(make_app, shop) -> None:
    shop.checkout(simple_sale())
    app = make_app()
    failures: dict[str, str] = {}
    visited: list[str] = []

    async def fields(*ids: str) -> None:
        for field_id in ids:
            await burst_into(pilot, field_id, failures)
            visited.append(field_id)

    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#staff").option_count > 0)
        await fields("pin")
        app.screen.query_one("#pin", Input).value = ""
        await login(pilot, guest=False)
        await fields("member")
        await pilot.press("escape")  # a guest
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await fields("scan")
        app.screen.query_one("#scan", Input).value = ""
        await scan(pilot, BARCODE_1)
        await until(pilot, lambda: len(app.screen.cart.lines) == 1)
        await pilot.press("f3")
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        await fields("line-qty", "line-price")
        app.screen.query_one("#line-qty", Input).value = "1"
        app.screen.query_one("#line-price", Input).value = "50"  # below the catalog: a manager's PIN
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
        await fields("manager-pin")
        await pilot.press("escape", "escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "CheckoutScreen")
        await fields("cash", "card", "card-ref")
        await pilot.press("f9")  # mobile carrier: the code field shows
        await fields("code")
        for _ in range(3):  # citizen, donation, b2b: the business number field shows
            await pilot.press("f9")
        await fields("ban")
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await pilot.press("f5")
        await until(pilot, lambda: screen_name(app) == "OrdersScreen" and len(app.screen.page.rows) == 1)
        await fields("orders-search")
        app.screen.query_one("#orders-search", Input).value = ""
        await pilot.press("f8")
        await until(pilot, lambda: screen_name(app) == "VoidScreen")
        await fields("void-reason", "void-pin")
        await pilot.press("escape", "escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await pilot.press("f6")
        await until(pilot, lambda: screen_name(app) == "UploadsScreen")
        await fields("uploads-keys")
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await pilot.press("f9")
        await until(pilot, lambda: screen_name(app) == "ShiftCloseScreen" and app.screen.loads > 0)
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ShiftPinScreen")
        await fields("shift-pin")
    assert len(visited) == 16
    assert failures == {}


async def test_a_burst_arrives_whole_in_every_setup_field(tmp_path: Path) -> None:
    app = SetupApp(tmp_path / "cashier.toml", sys_root=tmp_path, dev_root=tmp_path)
    failures: dict[str, str] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        ids = [field.id for field in app.screen.query(Input)]
        for field_id in ids:
            await burst_into(pilot, field_id or "", failures)
    assert len(ids) == 7 and failures == {}


# -- the same bursts through a real pty -----------------------------------------------------------------
CASHIER = Path(sys.prefix) / "bin" / "cashier"
F2, F3, F9, F10, ENTER, ESC, CTRL_Q = "\x1bOQ", "\x1bOR", "\x1b[20~", "\x1b[21~", "\r", "\x1b", "\x11"
BACKSPACE, LEFT = "\x7f", "\x1b[D"
PTY_BURST = "870" + BACKSPACE * 3 + "64" + LEFT + "5"
START, STEP = 60.0, 20.0


def below(screen: str, label: str) -> str:
    """The text on the line under `label` (a field under its label), stripped of the box's edges."""
    lines = screen.splitlines()
    for at, line in enumerate(lines[:-1]):
        if label in line:
            return lines[at + 1].split("|")[1].strip() if "|" in lines[at + 1] else lines[at + 1].strip()
    return ""


def test_bursts_written_to_a_pty_arrive_whole(tmp_path: Path) -> None:
    terminal = Terminal([str(CASHIER), "demo", "--data-dir", str(tmp_path / "data")], columns=80, lines=24)
    try:
        terminal.until(lambda s: "E001  王小明" in s and "密碼" in s, START, "the login screen")
        terminal.send("12" + BACKSPACE + "234" + ENTER)  # 1234: the Backspace in the burst applied in order
        terminal.until(lambda s: "會員登入" in s, STEP, "the customer screen after logging in")
        terminal.send(F2)
        terminal.until(lambda s: "合計 NT$0" in s, STEP, "the empty cart")
        terminal.send("47100000000" + BACKSPACE + "011" + LEFT + BACKSPACE + "1" + ENTER)  # 4710000000011
        terminal.until(lambda s: "乾電池 3號 4入" in s and "合計 NT$105" in s, STEP, "the scanned line")
        terminal.send(F3)
        terminal.until(lambda s: below(s, "單價（元）") == "105", STEP, "the line editor")
        # The price field: 105 emptied, the burst and F10 in one write; F10 (a priority key) saves what
        # was typed before it. 654 is above the catalog's 105: no manager needed.
        terminal.send(BACKSPACE * 3 + PTY_BURST + F10)
        terminal.until(lambda s: "合計 NT$654" in s, STEP, "the cart at the price typed just before F10")
        terminal.send(F10)
        terminal.until(lambda s: "應付 NT$654" in s, STEP, "the checkout screen")
        terminal.send(BACKSPACE * 3 + "10" + BACKSPACE + "00" + LEFT + "7")  # the cash field: 1070
        terminal.until(lambda s: below(s, "現金") == "1070" and "找零 NT$416" in s, STEP, "cash 1070, change 416")
        terminal.send("\t" + PTY_BURST)  # the card field
        terminal.until(lambda s: below(s, "信用卡") == TYPED, STEP, "654 in the card field")
    finally:
        terminal.send(CTRL_Q)
        terminal.close(STEP)


async def test_f10_right_after_typing_saves_what_was_typed(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await scan(pilot, BARCODE_1)
        await until(pilot, lambda: len(app.screen.cart.lines) == 1)
        cart = app.screen
        await pilot.press("f3")
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        await pilot.pause()
        post_burst(app, ["backspace"] * 3 + [*"654", "f10"])  # F10 in the same burst as the digits
        await until(pilot, lambda: screen_name(app) == "CartScreen" and cart.cart.lines[0].unit_price != 105)
        assert cart.cart.lines[0].unit_price == 654
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "CheckoutScreen")
        await pilot.pause()
        post_burst(app, ["backspace"] * 3 + [*"700", "f10"])  # 700 cash for NT$654, confirmed at once
        # The receipt is on the stack before it has mounted: wait for its paper, read once it has, so the
        # app does not shut down under a screen still composing.
        await until(pilot, lambda: screen_name(app) == "ReceiptScreen" and app.screen.paper is not None)
        assert app.screen.sale.change == 46

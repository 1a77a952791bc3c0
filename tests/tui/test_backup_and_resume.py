"""Backups and numbering after a restore, at the till: backups run off the event loop and show in F7; a
missing stick is said, not a
crash; a database waiting for HQ's marks refuses an e-invoice with the bilingual message that offers
the manual invoice (自行開立)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from core.backup.rotation import list_backups
from core.store import resume as keys
from tests.tui.helpers import BARCODE_1, login, scan, screen_name, screen_text, type_text, until

pytestmark = pytest.mark.anyio


async def test_a_backup_tick_backs_up_off_the_loop_and_f7_shows_it(make_app, shop, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    shop.start_backups(folder, interval=timedelta(minutes=5))
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await login(pilot)
        app._backup_tick()  # what the 30 s timer calls
        # The copy lands in the folder before the schedule records it, and F7 reads the record: wait for both.
        await until(pilot, lambda: len(list_backups(folder)) == 1 and shop.backup_state().last is not None)
        await pilot.press("f7")
        await until(pilot, lambda: screen_name(app) == "DevicesScreen" and "最近備份" in screen_text(app))
        assert "最近備份 2026-11-22 12:00" in screen_text(app)


async def test_a_missing_backup_folder_is_said_at_the_till(make_app, shop, tmp_path: Path) -> None:
    shop.start_backups(tmp_path / "stick-not-plugged-in")
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await login(pilot)
        app._backup_tick()
        await until(pilot, lambda: any("不存在或無法使用" in note.message for note in app._notifications))
        await pilot.press("f7")
        await until(pilot, lambda: screen_name(app) == "DevicesScreen" and "最近一次備份失敗" in screen_text(app))


async def test_a_restored_database_offers_the_manual_invoice_instead_of_a_number(make_app, shop, clock) -> None:
    with shop.db.write() as session:
        keys.require(session, "restored_backup", clock.now())
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await login(pilot)
        await until(pilot, lambda: "號碼待總部確認" in screen_text(app))  # the status bar says it first
        await scan(pilot, BARCODE_1)
        await until(pilot, lambda: len(app.screen.cart.lines) == 1)
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "CheckoutScreen")
        await pilot.press("f10")
        await until(pilot, lambda: "自行開立" in screen_text(app) and "總部確認" in screen_text(app))
        assert screen_name(app) == "CheckoutScreen"  # nothing sold, the cart is still there
        await until(pilot, lambda: app.screen.kind == "manual")  # the form offers the hand-written invoice
        await type_text(pilot, "ZZ00000001")
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ReceiptScreen")
    from sqlalchemy import text

    with shop.db.read() as session:
        assert session.execute(text("SELECT number, manual FROM invoices")).all() == [("ZZ00000001", 1)]

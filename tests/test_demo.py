"""The README's first command: `cashier demo` starts the TUI demo with no set-up."""

from __future__ import annotations

import json
import logging
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.clock import ManualClock
from core.demo.catalog import demo_products, ean13_check_digit
from core.log import log_path
from tests.factories import NOON
from tests.support.paths import ROOT
from tests.tui.helpers import BARCODE_1, login, sell_and_print, until
from tui.cli import main
from tui.launch import build_demo


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_cashier_demo_is_the_tui_demo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                      clean_root_logger: logging.Logger) -> None:
    # The full flow it shows is driven in tests/tui/test_offline_flow.py; here: the command builds
    # that demo (HQ, station, virtual printer, sync) and runs the app, and cleans up after it.
    ran: list[object] = []

    def fake_run(self: object) -> None:
        ran.append(self)

    monkeypatch.setattr("tui.app.CashierApp.run", fake_run)
    assert main(["--lang", "en", "demo", "--data-dir", str(tmp_path)]) == 0
    assert len(ran) == 1 and ran[0].language == "en" and ran[0].demo is not None  # type: ignore[attr-defined]
    with sqlite3.connect(tmp_path / "station.db") as db:
        assert db.execute("SELECT count(*) FROM products").fetchone()[0] == 200
    assert (tmp_path / "hq.sqlite").exists()
    # Its folder is its data dir for the log too.
    assert f"demo started in {tmp_path}" in log_path(tmp_path).read_text(encoding="utf-8")



@pytest.mark.parametrize("font", [True, False])
def test_the_demo_says_once_when_its_pngs_cannot_show_chinese(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        clean_root_logger: logging.Logger, font: bool) -> None:
    from core.printer.virtual import renderer

    font_file = tmp_path / "font.ttc"
    if font:
        font_file.touch()
    monkeypatch.setattr(renderer, "CJK_FONTS", (str(font_file),))
    monkeypatch.setattr("tui.app.CashierApp.run", lambda self: None)

    assert main(["demo", "--data-dir", str(tmp_path / "demo")]) == 0

    said = capsys.readouterr().out
    assert said.count("apt-get install fonts-wqy-microhei") == (0 if font else 1)
    assert ("中文會印成方框" in said) is not font


async def _logged(pilot, path: Path, text: str) -> None:
    """Until the line is in the file: each event is written right after the state the UI shows."""
    await until(pilot, lambda: path.exists() and text in path.read_text(encoding="utf-8"))


@pytest.mark.anyio
async def test_the_demo_logs_its_sale_print_and_sync_events_with_its_secrets_masked(
        tmp_path: Path, clean_root_logger: logging.Logger) -> None:
    folder = tmp_path / "demo"
    demo = build_demo(folder, ManualClock(NOON), probe_interval=0.2, log_to_folder=True)
    secrets = (demo.station.seller.aes_key_hex, demo.controls.token, demo.controls.seed.admin_token,
               *demo.controls.seed.station_tokens.values())
    path, app = log_path(folder), demo.app
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.status.online is True)
            await login(pilot)
            await sell_and_print(pilot, BARCODE_1)
            await _logged(pilot, path, "upload of 1 orders: 1 accepted")
            await pilot.press("ctrl+n")  # cut the network
            await until(pilot, lambda: app.status.online is False)
            await _logged(pilot, path, "HQ link offline")
    finally:
        demo.close()

    entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

    def logged(start: str, logger: str | None = None) -> dict:
        found = [e for e in entries if e["message"].startswith(start) and logger in (None, e["logger"])]
        assert found, (start, [e["message"] for e in entries])
        return found[0]

    logged(f"demo started in {folder}: HQ on http://127.0.0.1:")
    logged("database migrated to version 1 (0001_initial.sql)", "core.store.migrations")
    sale = logged("sale committed: order S01-000001 (", "core.checkout.service")
    order_id = sale["message"].split("(")[1].split(")")[0]
    for state in ("queued", "printing", "printed"):
        logged(f"print job {order_id}/1 {state}", "core.printer.service")
    logged("HQ link online", "core.sync.watcher")
    logged("order batch from S01: 1 orders, 1 accepted", "hq.orders")  # the demo's own HQ, in process
    logged("upload of 1 orders: 1 accepted (0 already at HQ)", "core.sync.uploader")
    logged("demo: network cut (Ctrl+N)")
    assert logged("HQ link offline", "core.sync.watcher")["level"] == "WARNING"

    everything = "".join(p.read_text(encoding="utf-8") for p in path.parent.iterdir())
    for secret in secrets:
        assert secret not in everything and secret.upper() not in everything

    shown = subprocess.run([sys.executable, "-m", "tui.cli", "logs", "--data-dir", str(folder), "--lines", "500"],
                           capture_output=True, text=True, cwd=ROOT, timeout=60, check=True)
    assert "core.checkout.service: sale committed: order S01-000001" in shown.stdout
    assert "core.sync.uploader: upload of 1 orders: 1 accepted" in shown.stdout


def test_demo_catalog_barcodes_are_valid_ean13_and_unique() -> None:
    products = list(demo_products(200))
    barcodes = [p.barcode for p in products]
    assert len(set(barcodes)) == len({p.sku for p in products}) == 200
    for code in barcodes:
        assert len(code) == 13 and code.isdigit() and ean13_check_digit(code[:12]) == code[12]
    # The check digit rule itself, on a published EAN-13 (4006381333931).
    assert ean13_check_digit("400638133393") == "1"
    assert {p.price_gift for p in products} == {0, None} and any(p.price_addon for p in products)

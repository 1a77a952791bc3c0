"""The README's first command: `cashier demo` starts the TUI demo with no set-up."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.demo.catalog import demo_products, ean13_check_digit
from tui.cli import main


def test_cashier_demo_is_the_tui_demo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
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


def test_demo_catalog_barcodes_are_valid_ean13_and_unique() -> None:
    products = list(demo_products(200))
    barcodes = [p.barcode for p in products]
    assert len(set(barcodes)) == len({p.sku for p in products}) == 200
    for code in barcodes:
        assert len(code) == 13 and code.isdigit() and ean13_check_digit(code[:12]) == code[12]
    # The check digit rule itself, on a published EAN-13 (4006381333931).
    assert ean13_check_digit("400638133393") == "1"
    assert {p.price_gift for p in products} == {0, None} and any(p.price_addon for p in products)

"""The README's first command: `cashier demo` works with no set-up and sells through the real engine."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.demo.catalog import demo_products, ean13_check_digit
from tui.cli import main


@pytest.mark.parametrize(("lang", "words"), [("zh_TW", "電子發票證明聯"), ("en", "Invoice numbers left")])
def test_demo_sells_each_invoice_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str,
                                      words: str) -> None:
    assert main(["--lang", lang, "demo", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert words in out and "AB-12345600" in out and "XY87654321" in out
    with sqlite3.connect(tmp_path / "station.db") as db:
        kinds = db.execute("SELECT manual, print_mark, buyer_ban, carrier_id FROM invoices ORDER BY id").fetchall()
    assert kinds == [(0, 1, None, None), (0, 1, "24634102", None), (0, 0, None, "/ABC+123"), (1, 0, None, None)]


def test_demo_catalog_barcodes_are_valid_ean13_and_unique() -> None:
    products = list(demo_products(200))
    barcodes = [p.barcode for p in products]
    assert len(set(barcodes)) == len({p.sku for p in products}) == 200
    for code in barcodes:
        assert len(code) == 13 and code.isdigit() and ean13_check_digit(code[:12]) == code[12]
    # The check digit rule itself, on a published EAN-13 (4006381333931).
    assert ean13_check_digit("400638133393") == "1"
    assert {p.price_gift for p in products} == {0, None} and any(p.price_addon for p in products)

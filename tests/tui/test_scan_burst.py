"""100 back-to-back scans, posted as key events without waiting for idle (a real scanner's pace;
Pilot.press waits after every key and would hide the Enter-ordering bug, textual#6605)."""

from __future__ import annotations

from collections import Counter

import pytest

from core.demo.catalog import ean13
from tests.tui.helpers import burst, login, until

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


async def test_a_hundred_scans_become_lines_and_increments_none_lost_or_merged(make_app) -> None:
    # 60 distinct products, 40 of them scanned twice, interleaved: 100 scans, 60 lines.
    distinct = [ean13(serial) for serial in range(1, 61)]
    codes: list[str] = []
    for index, code in enumerate(distinct):
        codes.append(code)
        if index < 40:
            codes.append(distinct[(index * 7) % 60])
    assert len(codes) == 100
    expected = Counter(codes)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        cart_screen = app.screen
        burst(app, codes)
        await until(pilot, lambda: sum(line.quantity for line in cart_screen.cart.lines) == 100)
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = cart_screen.cart.lines
        by_barcode = {ean13(int(line.sku[3:])): line.quantity for line in lines}
        assert by_barcode == dict(expected)
        # Lines appear in first-scan order: a scan is never reordered past another.
        assert [ean13(int(line.sku[3:])) for line in lines] == list(dict.fromkeys(codes))
        assert cart_screen.query_one("#lines").row_count == len(expected) == 60
        assert cart_screen.query_one("#scan").value == ""

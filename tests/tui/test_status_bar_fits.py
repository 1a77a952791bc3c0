"""The status bar fits 80 columns whatever the printer says: a long printer state is
cut there, with an ellipsis, and the rest of the line (backlog, numbers left, who, time) stays whole."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.tui.helpers import login, screen_text, until

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)

LONG = "連不上網路印表機 socket://192.168.100.200:9100：請確認印表機電源、網路線與位址，然後重設連線"


@pytest.mark.parametrize("display", ["standard", "compact"])
async def test_a_long_printer_state_is_cut_and_the_rest_stays(make_app, display: str) -> None:
    app = make_app(display=display)
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        app.status_changed(printer="error", printer_detail=LONG)
        ellipsis = "..." if display == "compact" else "…"
        await until(pilot, lambda: ellipsis + ")" in screen_text(app).splitlines()[-2])
        bar = screen_text(app).splitlines()[-2]
        assert cell_len(bar.rstrip()) <= 80
        assert "印表機:錯誤(連不上網路" in bar and "待傳 0" in bar and "王小明" in bar and "11-22 12:00" in bar
        app.status_changed(printer_detail="缺紙")  # a short one is shown whole
        await until(pilot, lambda: "(缺紙)" in screen_text(app).splitlines()[-2])

"""The devices screen (F7) tells the outcome, not only that something was sent: a
test page to a printer that does not answer ends as 列印失敗 with the reason and what to do — for a LAN
printer (socket://) network advice, never "replug the USB cable"."""

from __future__ import annotations

import socket

import pytest

from core.printer.config import PrinterConfig
from tests.tui.helpers import login, screen_name, screen_text, until

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, read, released): a LAN printer that is off."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_a_test_page_to_an_absent_printer_says_it_failed_and_what_to_do(make_app) -> None:
    url = f"socket://127.0.0.1:{closed_port()}"
    app = make_app(printer_config=PrinterConfig(url=url, status_timeout=0.2, write_timeout=0.5), emulator=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f7")
        await until(pilot, lambda: screen_name(app) == "DevicesScreen" and app.screen.report is not None)
        await pilot.press("f9")  # test page
        await until(pilot, lambda: app.screen.job_state == "failed", timeout=30)
        await pilot.pause()
        outcome = str(app.screen.query_one("#device-test").content)
        assert outcome.startswith("測試頁：列印失敗")
        assert "已送出測試頁" not in screen_text(app)
        lines = outcome.splitlines()
        assert len(lines) >= 3, outcome  # the reason, then at least one step
        assert "USB" not in outcome and ("網路" in outcome or "IP" in outcome), outcome

"""First run without a config: the setup screen checks with the loader's rules and writes the file."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from core.config import load_config
from tests.tui.helpers import screen_text, until
from tui.screens.setup import SetupApp

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


async def test_setup_refuses_a_bad_business_number_then_writes_a_loadable_owner_only_config(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    (tmp_path / "sys").mkdir()
    (tmp_path / "dev").mkdir()
    app = SetupApp(path, sys_root=tmp_path / "sys", dev_root=tmp_path / "dev")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        values = {"#station-store_name": "示範門市", "#seller-ban": "12345678", "#seller-name": "示範商店",
                  "#seller-aes_key": "0123456789abcdef0123456789abcdef", "#hq-token": "secret-token"}
        for selector, value in values.items():
            app.query_one(selector).value = value
        await pilot.press("f10")
        await until(pilot, lambda: "seller.ban" in screen_text(app) or "統一編號" in screen_text(app))
        assert not path.exists()
        app.query_one("#seller-ban").value = "12345675"
        await pilot.press("f10")
        await until(pilot, lambda: app.return_value is True)
    config = load_config(path, environ={})
    assert (config.station.id, config.seller.ban, config.hq.url, config.printer.url) == (
        "S01", "12345675", "http://127.0.0.1:8700", "emulator")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

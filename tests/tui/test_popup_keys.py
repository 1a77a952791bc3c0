"""Pop-ups have no footer, so each shows its keys on its frame's bottom edge: the
line editor F10 儲存 / Esc 取消, the member lookup F2/Esc 訪客, the manager's PIN box F10 確認 / Esc 取消,
in the cashier's language, within 80 columns."""

from __future__ import annotations

import pytest

from tests.tui.helpers import BARCODE_1, login, scan, screen_name, screen_text, until

pytestmark = pytest.mark.anyio  # async tests on anyio's asyncio backend (conftest)


def bottom_edge(app, title: str) -> str:
    """The frame's bottom line: the first line after the title's that closes a box (+---...)."""
    lines = screen_text(app).splitlines()
    start = next(at for at, line in enumerate(lines) if title in line)
    return next(line for line in lines[start + 1:] if line.strip().startswith("+-") or line.strip().startswith("+ "))


async def test_each_pop_up_names_its_keys(make_app) -> None:
    app = make_app(display="compact")  # ASCII frames: the edge reads as text
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, guest=False)
        await until(pilot, lambda: screen_name(app) == "CustomerScreen")
        await pilot.pause()
        assert "Esc 訪客" in bottom_edge(app, "會員登入")
        await pilot.press("f2")
        await until(pilot, lambda: screen_name(app) == "CartScreen")
        await scan(pilot, BARCODE_1)
        await until(pilot, lambda: len(app.screen.cart.lines) == 1)
        await pilot.press("f3")
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        await pilot.pause()
        edge = bottom_edge(app, "修改商品")
        assert "F10 儲存" in edge and "Esc 取消" in edge and edge.index("F10") < edge.index("Esc")
        app.screen.query_one("#line-price").value = "50"  # below the catalog: the manager's PIN box
        await pilot.press("f10")
        await until(pilot, lambda: screen_name(app) == "ManagerPinScreen")
        await pilot.pause()
        edge = bottom_edge(app, "低於目錄價")
        assert "F10 確認" in edge and "Esc 取消" in edge
        assert all(len(line) <= 80 for line in screen_text(app).splitlines())


async def test_the_keys_speak_english_on_request(make_app) -> None:
    app = make_app(language="en", display="compact")
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await scan(pilot, BARCODE_1)
        await until(pilot, lambda: len(app.screen.cart.lines) == 1)
        await pilot.press("f3")
        await until(pilot, lambda: screen_name(app) == "LineEditScreen")
        await pilot.pause()
        assert "F10 Save  Esc Cancel" in screen_text(app)

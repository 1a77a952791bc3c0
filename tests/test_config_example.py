"""`cashier config example`: a commented example config that the loader takes once
its two placeholders are filled in; the doctor's "no config" message names the command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core.config import load_config
from core.errors import CashierError

CASHIER = Path(sys.prefix) / "bin" / "cashier"
KEY = "0123456789abcdef0123456789abcdef"


def test_config_example_prints_a_commented_config_the_loader_accepts_once_filled(tmp_path: Path) -> None:
    done = subprocess.run([CASHIER, "config", "example"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith("# Cashier station configuration") and "[printer]" in text and "check_digits" in text
    filled = text.replace("REPLACE WITH THE 32 HEX CHARACTERS OF YOUR AES KEY", KEY).replace(
        "REPLACE WITH THIS STATION'S TOKEN", "t0ken")
    path = tmp_path / "config.toml"
    path.write_text(filled, encoding="utf-8")
    path.chmod(0o600)
    config = load_config(path, environ={})
    assert (config.station.id, config.printer.url, config.station.check_digits) == (
        "S01", "socket://127.0.0.1:9100", True)


def test_the_missing_config_message_names_the_command() -> None:
    error = CashierError("config.missing", path="/x/config.toml", origin_zh="預設", origin_en="default")
    assert "cashier config example" in error.text("en") and "cashier config example" in error.text("zh_TW")

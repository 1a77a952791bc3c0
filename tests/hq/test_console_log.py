"""`cashier hq serve`'s console access log is masked like its log file: tokens in query
strings and customers' phone numbers however written (0912345671, 0912-345-671, +886…)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support.paths import ROOT

PHONES = ("0912345671", "0912-345-671", "0912 345 671", "+886912345671", "+886-912-345-671")
QUERY_TOKEN = "s3cr3t-v4lue-in-a-url"


def test_the_console_access_log_masks_tokens_and_phone_numbers(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "hq", "serve", "--db", str(tmp_path / "hq.sqlite"), "--port", "0",
         "--seed-demo"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line)
            if "listening on" in line:
                break
        output = "".join(lines)
        url = re.search(r"listening on (http://\S+)", output).group(1)  # type: ignore[union-attr]
        token = dict(re.findall(r"station (\S+) token: (\S+)", output))["S01"]
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=10) as client:
            for phone in PHONES:
                assert client.get("/api/v1/customers/lookup", params={"phone": phone}).status_code in (200, 404)
            client.get("/api/v1/products", params={"token": QUERY_TOKEN, "limit": 1})
            client.get("/api/v1/products", params={"access_token": token, "limit": 1})
    finally:
        process.terminate()
        rest, errors = process.communicate(timeout=20)
    console = rest + errors  # after the start-up lines (which show the tokens to the person, once)
    log = (tmp_path / "logs" / "hq.log").read_text(encoding="utf-8")
    for shown in (console, log):
        assert "/api/v1/customers/lookup" in shown and "/api/v1/products" in shown
        assert "345671" not in shown and "345-671" not in shown and "345%20671" not in shown
        assert QUERY_TOKEN not in shown and token not in shown
        assert "phone=0912***671" in shown and "token=***" in shown

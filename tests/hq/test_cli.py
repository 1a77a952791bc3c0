"""`cashier hq serve`: a real process, on a free port, printing the tokens a person needs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support.paths import ROOT
from tui.cli import build_parser


def test_hq_serve_is_a_cashier_subcommand() -> None:
    args = build_parser().parse_args(["hq", "serve", "--db", "x.sqlite", "--port", "0", "--seed-demo"])
    assert (args.db, args.port, args.seed_demo, args.host) == ("x.sqlite", 0, True, "127.0.0.1")


def test_hq_serve_seed_demo_prints_tokens_that_work(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "hq", "serve", "--db", str(tmp_path / "hq.sqlite"), "--port", "0",
         "--seed-demo"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if "listening on" in line:
                break
        output = "".join(lines)
        url = re.search(r"listening on (http://\S+)", output).group(1)  # type: ignore[union-attr]
        tokens = dict(re.findall(r"station (\S+) token: (\S+)", output))
        assert set(tokens) == {"S01", "S02"} and "admin token: hq_" in output
        assert httpx.get(f"{url}/health", timeout=5).json()["status"] == "ok"
        products = httpx.get(f"{url}/api/v1/products", headers={"Authorization": f"Bearer {tokens['S01']}"},
                             timeout=5).json()
        assert len(products["items"]) == 200
    finally:
        process.terminate()
        _out, errors = process.communicate(timeout=10)
    # The tokens went to the person at the console, never into the server's log.
    assert all(token not in errors for token in tokens.values())
    # Its log file: by default in the SQLite file's folder, JSON lines, the access log included, no token.
    log = (tmp_path / "logs" / "hq.log").read_text(encoding="utf-8")
    entries = [json.loads(line) for line in log.splitlines()]
    assert any(e["message"].startswith("HQ listening on http://") for e in entries)
    assert any(e["message"].startswith("demo data seeded: 200 products") for e in entries)
    assert any(e["logger"] == "uvicorn.access" and '"GET /api/v1/products HTTP/1.1" 200' in e["message"]
               for e in entries)
    assert all(token not in log for token in tokens.values())
    admin = re.search(r"admin token: (\S+)", output).group(1)  # type: ignore[union-attr]
    assert admin not in log


def test_hq_serve_log_dir_option(tmp_path: Path) -> None:
    args = build_parser().parse_args(["hq", "serve", "--log-dir", str(tmp_path)])
    assert args.log_dir == tmp_path


def test_hq_serve_tls_and_booklet_cap_options(tmp_path: Path) -> None:
    from hq.settings import MAX_UNUSED_BOOKLETS
    from tui.commands.hq import MAX_UNUSED_BOOKLETS as SHOWN

    assert SHOWN == MAX_UNUSED_BOOKLETS  # the CLI's default is HQ's, without importing hq at start-up
    args = build_parser().parse_args(["hq", "serve", "--certfile", "c.pem", "--keyfile", "k.pem",
                                      "--max-unused-booklets", "6"])
    assert (args.certfile, args.keyfile, args.max_unused_booklets) == (Path("c.pem"), Path("k.pem"), 6)
    half = subprocess.run([sys.executable, "-m", "tui.cli", "hq", "serve", "--db", str(tmp_path / "hq.sqlite"),
                           "--certfile", "c.pem"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert half.returncode == 2 and "--certfile and --keyfile go together" in half.stderr

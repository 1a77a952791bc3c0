"""HQ's log: a real HQ under uvicorn on a loopback port writes JSON lines (its own events and uvicorn's
access log) into `<log dir>/logs/hq.log`, and no station or admin token ever reaches the file."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from core.clock import ManualClock
from core.log import HQ_LOG_NAME, log_path
from hq.db import HQDatabase
from hq.server import HQServer, default_log_dir, setup_hq_logging
from tests.factories import NOON
from tests.support.fixtures import SeededHQ, seeded
from tests.support.orders import make_order
from tests.support.paths import ROOT

BATCH = "/api/v1/orders/batch"
UNKNOWN_TOKEN = "hq_" + "Zz9" * 14  # shaped like a real token, issued to nobody


@pytest.fixture
def logged_hq(tmp_path: Path, hq_sqlite: HQDatabase, monkeypatch: pytest.MonkeyPatch,
              clean_root_logger: logging.Logger) -> Iterator[tuple[SeededHQ, HQServer, Path]]:
    log_dir = tmp_path / "hq-logs"
    setup_hq_logging(log_dir)
    hq = seeded(hq_sqlite, ManualClock(NOON), monkeypatch)
    server = HQServer(hq.app, log_level="info", access_log=True)
    server.start()
    try:
        yield hq, server, log_dir
    finally:
        server.stop()


def _client(server: HQServer, token: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=server.url, headers=headers, timeout=10)


def test_hq_logs_batches_voids_booklets_and_auth_failures_without_any_token(
        logged_hq: tuple[SeededHQ, HQServer, Path]) -> None:
    hq, server, log_dir = logged_hq
    first, second = make_order(seq=1), make_order(seq=2)
    with _client(server, hq.tokens["S01"]) as s01, _client(server, hq.admin_token) as admin, \
            _client(server, UNKNOWN_TOKEN) as stranger, _client(server, None) as anonymous:
        assert s01.post(BATCH, json={"orders": [first, second]}).status_code == 200
        assert s01.post(BATCH, json={"orders": [first]}).json()["results"][0]["replay"] is True
        changed = make_order(seq=1, order_id=first["id"], lines=[("SKU00001", "乾電池 3號 4入", "regular", 2, 105)])
        assert s01.post(BATCH, json={"orders": [changed]}).json()["results"][0]["outcome"] == "conflict"
        assert stranger.post(BATCH, json={"orders": [first]}).status_code == 401
        assert anonymous.get("/api/v1/products").status_code == 401
        assert s01.get("/api/v1/admin/booklet-ranges").status_code == 403
        assert admin.get("/api/v1/admin/booklet-ranges").status_code == 200
        assert s01.post("/api/v1/booklets/allocate", json={"period_code": "11512", "count": 1}).status_code == 200
        void = {"reason": "客人退貨", "voided_at": "2026-11-22T13:00:00+08:00"}
        hq.clock.advance(hours=1)  # received when it was made: HQ judges a void by its own clock
        assert s01.post(f"/api/v1/orders/{first['id']}/void", json=void).status_code == 200
    server.stop()  # every request's lines are written before the file is read

    path = log_path(log_dir, HQ_LOG_NAME)
    entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    messages = [e["message"] for e in entries]

    def one(start: str) -> dict:
        found = [e for e in entries if e["message"].startswith(start)]
        assert len(found) == 1, (start, messages)
        return found[0]

    batch = one("order batch from S01: 2 orders, 2 accepted, 0 duplicate, 0 conflict, 0 rejected")
    assert batch["level"] == "INFO" and batch["logger"] == "hq.orders"
    one("order batch from S01: 1 orders, 0 accepted, 1 duplicate, 0 conflict")
    one("order batch from S01: 1 orders, 0 accepted, 0 duplicate, 1 conflict")
    assert one("auth failed: station unknown (token not recognised) on POST /api/v1/orders/batch from 127.0.0.1"
               )["level"] == "WARNING"
    one("auth failed: station unknown (no bearer token) on GET /api/v1/products")
    one("auth failed: station S01 may not use the back office, on GET /api/v1/admin/booklet-ranges")
    one("booklets allocated to S01 for period 11512: 1 of 1 asked (KN")
    one(f"void received from S01: order {first['id']} (S01-000001)")
    # uvicorn's access log lands in the same file (method, path, status; never a header).
    access = [e["message"] for e in entries if e["logger"] == "uvicorn.access"]
    assert any('"POST /api/v1/orders/batch HTTP/1.1" 200' in line for line in access)
    assert any('"POST /api/v1/orders/batch HTTP/1.1" 401' in line for line in access)

    everything = "".join(p.read_text(encoding="utf-8") for p in path.parent.iterdir())
    for token in (hq.admin_token, *hq.tokens.values(), UNKNOWN_TOKEN):
        assert token not in everything
    assert path.stat().st_mode & 0o777 == 0o600

    # Support reads it with the station's own command: the folder holds only HQ's log, so that one.
    shown = subprocess.run([sys.executable, "-m", "tui.cli", "logs", "--data-dir", str(log_dir), "--lines", "200"],
                           capture_output=True, text=True, cwd=ROOT, timeout=60, check=True)
    assert "hq.orders: order batch from S01: 2 orders, 2 accepted" in shown.stdout
    assert "hq.auth: auth failed: station unknown" in shown.stdout


def test_a_token_logged_by_mistake_is_masked_by_its_shape(tmp_path: Path, clean_root_logger: logging.Logger
                                                          ) -> None:
    setup_hq_logging(tmp_path)
    try:
        raise RuntimeError(f"could not check {UNKNOWN_TOKEN}")
    except RuntimeError:
        logging.getLogger("hq").exception("station sent token=%s", UNKNOWN_TOKEN)
    text = log_path(tmp_path, HQ_LOG_NAME).read_text(encoding="utf-8")
    assert UNKNOWN_TOKEN not in text and "station sent token=***" in text and "could not check ***" in text


def test_the_default_log_dir_is_the_sqlite_files_folder(tmp_path: Path) -> None:
    assert default_log_dir(str(tmp_path / "hq.sqlite")) == tmp_path
    assert default_log_dir(f"sqlite:///{tmp_path / 'x' / 'hq.sqlite'}") == tmp_path / "x"
    assert default_log_dir("postgresql://hq@db.example/hq").name == "hq"

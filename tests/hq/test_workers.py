"""`--workers 2` (PostgreSQL): two HQ processes on one socket keep every order exactly once, because what makes it
so lives in the database's constraints. Several stations' clients race the same batches against both processes."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from core.clock import ManualClock
from hq.db import HQDatabase
from hq.server import serve
from hq.tables import HQInvoice, HQOrder
from tests.factories import NOON
from tests.support.fixtures import seeded
from tests.support.orders import make_order
from tests.support.paths import ROOT
from tui.cli import build_parser

BATCH = "/api/v1/orders/batch"


def _children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(child) for child in text.split()]


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


@pytest.fixture
def hq_pg(pg_url: str) -> Iterator[HQDatabase]:
    db = HQDatabase(pg_url, pool_size=10)
    db.truncate_all()
    yield db
    db.close()


def test_two_worker_processes_store_each_raced_order_once(hq_pg: HQDatabase, monkeypatch: pytest.MonkeyPatch) -> None:
    hq_db = hq_pg
    hq = seeded(hq_db, ManualClock(NOON), monkeypatch)
    orders = [make_order(seq=seq) for seq in range(1, 61)]
    batches = [orders[i:i + 20] for i in range(0, 60, 20)]
    process = subprocess.Popen([sys.executable, "-m", "hq.server", "--db", hq_db.url, "--port", "0", "--workers", "2"],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = ""
        for line in process.stdout:
            found = re.search(r"listening on (http://\S+)", line)
            if found:
                url = found.group(1)
                break
        assert url, "HQ did not start"
        [worker] = _children(process.pid)

        def station(seed: int) -> list[dict[str, Any]]:
            # Each client its own connection and its own order of the same batches.
            mine = list(batches)
            random.Random(seed).shuffle(mine)
            with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {hq.tokens['S01']}"},
                              timeout=60, trust_env=False) as client:
                answers = []
                for batch in mine:
                    response = client.post(BATCH, json={"orders": batch})
                    assert response.status_code == 200, response.text
                    answers.extend(response.json()["results"])
                return answers

        with ThreadPoolExecutor(6) as pool:
            answers = [a for each in pool.map(station, range(6)) for a in each]
    finally:
        process.terminate()
        process.wait(30)
    assert process.returncode == 0 and not _alive(worker)
    assert {a["outcome"] for a in answers} == {"accepted"}
    first_times = Counter(a["order_id"] for a in answers if not a["replay"])
    assert first_times == Counter({order["id"]: 1 for order in orders})  # one first answer each, the rest replays
    with hq_db.read() as session:
        stored = session.execute(select(func.count(), func.count(func.distinct(HQOrder.id)))).one()
        invoices = session.execute(select(func.count()).select_from(HQInvoice)).scalar_one()
    assert tuple(stored) == (60, 60) and invoices == 60


def test_more_than_one_worker_on_sqlite_is_refused_before_serving(tmp_path: Path) -> None:
    lines: list[str] = []
    with pytest.raises(ValueError, match="PostgreSQL"):
        serve(str(tmp_path / "hq.sqlite"), port=0, workers=2, announce=lines.append, log_dir=tmp_path)
    assert lines == []  # never said it was listening


def test_cashier_hq_serve_takes_workers_and_refuses_them_on_sqlite(tmp_path: Path) -> None:
    args = build_parser().parse_args(["hq", "serve", "--db", "postgresql://hq@127.0.0.1/hq", "--workers", "2"])
    assert args.workers == 2
    refused = subprocess.run([sys.executable, "-m", "tui.cli", "hq", "serve", "--db", str(tmp_path / "hq.sqlite"),
                              "--workers", "2"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert refused.returncode == 2 and "--workers needs PostgreSQL" in refused.stderr
    assert not (tmp_path / "hq.sqlite").exists()

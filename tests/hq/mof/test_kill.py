"""HQ SIGKILLed in the middle of an export: no document lost, none handed to Turnkey twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from lxml import etree
from sqlmodel import select

from hq.mof import turnkey
from hq.mof.schema import problems
from hq.tables import HQMofDocument
from tests.hq.mof.conftest import BATCH, Filing
from tests.support.orders import make_order

ROOT = Path(__file__).resolve().parents[3]
COUNT = 600


def _export(filing: Filing, db: str) -> subprocess.Popen[str]:
    config = filing.root.parent / "hq.toml"
    config.write_text('[mof]\nseller_name = "示範商店股份有限公司"\n', encoding="utf-8")
    return subprocess.Popen([sys.executable, "-m", "tui.cli", "--config", str(config), "hq", "mof", "export",
                             "--db", db, "--out", str(filing.root)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(condition, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    """Until the condition holds, re-checked every 5 ms (the export is another process: no event to wait on)."""
    deadline = time.monotonic() + timeout
    tick = threading.Event()
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        tick.wait(0.005)


def test_a_killed_export_loses_nothing_and_hands_nothing_over_twice(filing: Filing) -> None:
    if filing.hq.db.is_postgres:
        db_arg = filing.hq.db.engine.url.render_as_string(hide_password=False)
    else:
        db_arg = filing.hq.db.url.removeprefix("sqlite:///")
    # 600 numbers: twelve booklets beside the two the demo seed gives S01
    filing.hq.app.state.settings = replace(filing.hq.app.state.settings, max_unused_booklets=20)
    client = filing.hq.client("S01")
    booklets = client.post("/api/v1/booklets/allocate", json={"period_code": "11512", "count": 12}).json()
    numbers = [f"{b['track']}{n:08d}" for b in booklets for n in range(b["start"], b["end"] + 1)][:COUNT]
    for chunk in range(0, COUNT, 300):
        orders = [make_order(seq=i + 1, number=numbers[i]) for i in range(chunk, chunk + 300)]
        assert client.post(BATCH, json={"orders": orders}).status_code == 200
    src = turnkey.src_dir(filing.root, "F0401")

    process = _export(filing, db_arg)
    _wait_for(lambda: process.poll() is not None or (src.is_dir() and len(list(src.iterdir())) >= 5))
    assert process.poll() is None, process.communicate()
    os.kill(process.pid, signal.SIGKILL)  # mid-batch: some files renamed into SRC, none recorded as handed
    process.wait()
    written_before = len(list(src.iterdir()))
    assert 0 < written_before < COUNT
    filing.turnkey.run_once(filing.hq.clock.now())  # Turnkey takes what is there meanwhile

    again = _export(filing, db_arg)
    _out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    filing.turnkey.run_once(filing.hq.clock.now())
    filing.export()
    with filing.hq.db.read() as session:
        docs = session.exec(select(HQMofDocument)).all()
    assert len(docs) == COUNT and {d.state for d in docs} == {"accepted"}
    assert len(filing.turnkey.received) == COUNT and set(filing.turnkey.received.values()) == {1}
    assert all(problems("F0401", etree.fromstring(c)) is None for c in filing.turnkey.documents)

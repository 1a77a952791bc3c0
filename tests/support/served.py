"""A demo-seeded HQ under uvicorn on a loopback port, spoken to over real HTTP (or HTTPS) with httpx."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from core.clock import ManualClock
from hq.app import create_app
from hq.db import HQDatabase
from hq.server import HQServer
from hq.settings import HQSettings
from tests.factories import NOON
from tests.support.fixtures import SeededHQ, seeded


@dataclass
class ServedHQ:
    hq: SeededHQ
    server: HQServer
    verify: Any = True  # an ssl.SSLContext for an HTTPS server with the test's own CA

    @property
    def url(self) -> str:
        return self.server.url

    def client(self, who: str | None = "S01", *, token: str | None = None) -> httpx.Client:
        if token is None and who is not None:
            token = self.hq.admin_token if who == "ADMIN" else self.hq.tokens[who]
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30, verify=self.verify, trust_env=False)


@contextmanager
def served(db: HQDatabase, monkeypatch: pytest.MonkeyPatch, *, settings: HQSettings | None = None,
           clock: Any = None, certfile: Path | None = None, keyfile: Path | None = None,
           verify: Any = True) -> Iterator[ServedHQ]:
    hq = seeded(db, clock or ManualClock(NOON), monkeypatch)
    app = create_app(db=db, clock=hq.clock, settings=settings)
    hq.app = app
    server = HQServer(app, certfile=certfile, keyfile=keyfile)
    server.start()
    try:
        yield ServedHQ(hq, server, verify)
    finally:
        server.stop()


@pytest.fixture
def served_hq(hq_db: HQDatabase, monkeypatch: pytest.MonkeyPatch) -> Iterator[ServedHQ]:
    """A seeded HQ under uvicorn, once on SQLite and once on PostgreSQL, its clock at NOON."""
    with served(hq_db, monkeypatch) as hq:
        yield hq

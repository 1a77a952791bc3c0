"""The back office under FastAPI's TestClient: a demo-seeded HQ on SQLite, one owner, orders from S01."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from core.einvoice import period_of
from hq.db import HQDatabase
from hq.tables import HQAudit
from hq.web.auth import passwords, users
from tests.factories import NOON
from tests.support.fixtures import SeededHQ, TestClient, seeded
from tests.support.orders import make_order

PASSWORD = "correct horse battery"
BATCH = "/api/v1/orders/batch"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@functools.cache
def _hash(password: str) -> str:
    return passwords.hash_password(password)  # real scrypt, once per password per run


@dataclass
class Office:
    hq: SeededHQ
    client: TestClient

    def csrf(self, path: str = "/office/") -> str:
        page = self.client.get(path)
        assert page.status_code == 200, page.text
        found = CSRF.search(page.text)
        assert found is not None
        return found.group(1)

    def sign_in(self, username: str = "owner", password: str = PASSWORD, **extra: Any) -> Any:
        token = CSRF.search(self.client.get("/office/signin").text).group(1)  # type: ignore[union-attr]
        return self.client.post("/office/signin", data={"username": username, "password": password, "csrf": token,
                                                        **extra}, follow_redirects=False)

    def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        return self.client.post(path, data={"csrf": self.csrf(), **(data or {})}, follow_redirects=False, **kwargs)

    def upload(self, *orders: dict[str, Any], station: str = "S01") -> list[dict[str, Any]]:
        client = self.hq.client(station)
        answer = client.post(BATCH, json={"orders": list(orders)})
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]

    def audit(self) -> list[tuple[str, str, str]]:
        from sqlmodel import select

        with self.hq.db.read() as session:
            return [(a.username, a.action, a.target) for a in session.exec(select(HQAudit).order_by(HQAudit.id))]


def add_owner(db: HQDatabase, monkeypatch: pytest.MonkeyPatch, now: Any = NOON) -> None:
    monkeypatch.setattr(users, "hash_password", _hash)
    with db.write() as session:
        users.add_user(session, "owner", PASSWORD, now)


@pytest.fixture
def office(hq_sqlite: HQDatabase, monkeypatch: pytest.MonkeyPatch) -> Iterator[Office]:
    hq = seeded(hq_sqlite, __import__("core.clock").clock.ManualClock(NOON), monkeypatch)
    add_owner(hq_sqlite, monkeypatch)
    # S01 holds booklets, so its orders' numbers are its own and only what a test makes odd is held.
    allocated = hq.client("S01").post("/api/v1/booklets/allocate",
                                      json={"period_code": period_of(NOON).code, "count": 2})
    assert allocated.status_code == 200, allocated.text
    with TestClient(hq.app) as client:
        yield Office(hq, client)


@pytest.fixture
def signed_in(office: Office) -> Office:
    assert office.sign_in().status_code == 303
    return office


def override_order(seq: int = 1, **kwargs: Any) -> dict[str, Any]:
    """An offline order whose battery was sold at 80 against the catalog's 105 (店長改價, approved by M001)."""
    order = make_order(seq=seq, lines=[("SKU00001", "乾電池 3號 4入", "regular", 1, 80)], offline=True, **kwargs)
    order["lines"][0]["price_approved_by"] = "M001"
    return order

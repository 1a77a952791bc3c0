"""An HQ with uploaded orders, a Turnkey folder and the Turnkey double playing the other side."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from hq.mof.deadlines import Deadlines
from hq.mof.documents import Seller
from hq.mof.export import ExportReport, export
from hq.mof.schema import problems
from tests.support.fixtures import SeededHQ
from tests.support.orders import make_order
from tests.support.turnkey import TurnkeyDouble

BATCH = "/api/v1/orders/batch"
SELLER = Seller("示範商店股份有限公司", "12345675")


@dataclass
class Filing:
    hq: SeededHQ
    root: Path
    turnkey: TurnkeyDouble
    deadlines: Deadlines = field(default_factory=Deadlines)

    def upload(self, count: int = 1, start: int = 1, **kw: Any) -> list[dict[str, Any]]:
        client = self.hq.client("S01")
        booklet = client.post("/api/v1/booklets/allocate", json={"period_code": "11512", "count": 1}).json()[0]
        orders = [make_order(seq=start + i, number=f"{booklet['track']}{booklet['start'] + start - 1 + i:08d}", **kw)
                  for i in range(count)]
        answer = client.post(BATCH, json={"orders": orders}).json()["results"]
        assert {r["outcome"] for r in answer} == {"accepted"}
        return orders

    def export(self, seller: Seller = SELLER, period: str | None = None) -> ExportReport:
        return export(self.hq.db, self.root, seller, now=self.hq.clock.now(), deadlines=self.deadlines,
                      period=period)

    def cycle(self) -> ExportReport:
        """HQ hands over, Turnkey takes and answers, HQ reads the answers."""
        first = self.export()
        seen = len(self.turnkey.documents)
        self.turnkey.run_once(self.hq.clock.now())
        for content in self.turnkey.documents[seen:]:  # every file handed over: well-formed (the double's plain
            root = etree.fromstring(content)           # parser read it) and valid against the MIG 4.1 schema
            assert problems(etree.QName(root).namespace.split(":")[3], root) is None  # type: ignore[union-attr]
        second = self.export()
        first.accepted, first.rejected = second.accepted, second.rejected
        return first


@pytest.fixture
def filing(hq: SeededHQ, tmp_path: Path) -> Filing:
    root = tmp_path / "EINVTurnkey"
    return Filing(hq, root, TurnkeyDouble(root))


Factory = Callable[..., Filing]

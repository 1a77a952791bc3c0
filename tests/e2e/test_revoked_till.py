"""A till whose token HQ revoked says so in words and keeps every sale: real uvicorn HQ,
the real sync service, HQ on SQLite and PostgreSQL."""

from __future__ import annotations

from core.sync.events import UploadPaused
from tests.e2e.conftest import Rig
from tests.factories import simple_sale


def test_a_revoked_till_is_told_in_words_and_keeps_its_sales(rig_any_db: Rig) -> None:
    rig = rig_any_db
    till = rig.till("S01")
    with rig.hq.client("ADMIN") as admin:
        assert admin.post("/api/v1/admin/stations/S01/revoke").json()["active"] is False
    till.station.checkout(simple_sale())
    till.service.notify_sale()
    till.events.wait(lambda: bool(till.events.of(UploadPaused)), what="uploads paused")
    [paused] = till.events.of(UploadPaused)
    assert paused.reason.code == "hq.revoked" and paused.reason.params == {"station": "S01"}
    assert "總部已撤銷本機（S01）的權杖" in paused.reason.text() and "revoked" in paused.reason.text("en")
    assert till.states() == {"waiting": 1}  # nothing dropped, nothing counted as an attempt

"""Station tokens revoked and rotated (admin endpoint and `cashier hq station revoke|rotate`), a revoked
till told so in words, the admin account never turned into a station, the doctor's warning about plain
http. Real HTTP to HQ under uvicorn, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from core.doctor.hq_check import check_hq, plain_http_off_this_machine
from core.doctor.model import Status
from core.sync.client import HQClient
from core.sync.errors import HQAuthError
from hq.db import HQDatabase
from hq.tables import HQStation
from tests.support.clocks import RunningClock
from tests.support.orders import make_order
from tests.support.paths import ROOT
from tests.support.served import ServedHQ, served_hq

__all__ = ["served_hq"]
BATCH = "/api/v1/orders/batch"


def _station_says(hq: ServedHQ, token: str) -> HQAuthError:
    async def probe() -> None:
        async with HQClient(hq.url, token) as client:
            await client.staff(limit=1)

    with pytest.raises(HQAuthError) as refused:
        asyncio.run(probe())
    return refused.value


def test_a_revoked_station_is_refused_in_words_and_rotation_brings_it_back(served_hq: ServedHQ) -> None:
    old = served_hq.hq.tokens["S01"]
    with served_hq.client("ADMIN") as admin:
        revoked = admin.post("/api/v1/admin/stations/S01/revoke")
        assert revoked.status_code == 200 and revoked.json() == {"id": "S01", "name": "收銀機 S01", "active": False}
        assert admin.post("/api/v1/admin/stations/S01/revoke").status_code == 200  # again: no change
    with served_hq.client(token=old) as s01:
        refused = s01.post(BATCH, json={"orders": [make_order()]})
    assert refused.status_code == 401 and refused.json()["detail"]["code"] == "hq.revoked"
    said = _station_says(served_hq, old)
    assert said.code == "hq.revoked" and "revoked this station's (S01) token" in said.text("en")
    assert "總部已撤銷本機（S01）的權杖" in said.text("zh_TW") and "nothing is lost" in said.text("en")

    with served_hq.client("ADMIN") as admin:
        rotated = admin.post("/api/v1/admin/stations/S01/rotate").json()
    new = rotated["token"]
    assert rotated["id"] == "S01" and new.startswith("hq_") and new != old
    with served_hq.client(token=new) as s01:
        assert s01.post(BATCH, json={"orders": [make_order()]}).json()["results"][0]["outcome"] == "accepted"
    assert _station_says(served_hq, old).code == "hq.auth"  # the old token is simply unknown now
    with served_hq.client("S02") as s02:  # a station may not do either
        assert s02.post("/api/v1/admin/stations/S01/rotate").status_code == 403


def test_the_admin_account_can_never_be_made_or_changed_as_a_station(served_hq: ServedHQ) -> None:
    with served_hq.client("ADMIN") as admin:
        for response in (admin.post("/api/v1/admin/stations", json={"id": "ADMIN", "name": "till"}),
                         admin.post("/api/v1/admin/stations/ADMIN/rotate"),
                         admin.post("/api/v1/admin/stations/ADMIN/revoke")):
            assert response.status_code == 409 and response.json()["detail"]["code"] == "station.is_admin"
        assert admin.post("/api/v1/admin/stations/S99/revoke").json()["detail"]["code"] == "station.unknown"
        assert admin.get("/api/v1/admin/booklet-ranges").status_code == 200  # still the back office
    with served_hq.hq.db.read() as session:
        row = session.get(HQStation, "ADMIN")
    assert row is not None and row.role == "admin" and row.active


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui.cli", "hq", "station", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)


def test_cashier_hq_station_revoke_and_rotate(served_hq: ServedHQ, hq_db: HQDatabase) -> None:
    url = hq_db.engine.url.render_as_string(hide_password=False)
    done = _cli("revoke", "S02", "--db", url)
    assert done.returncode == 0, done.stderr
    assert "station S02: token revoked" in done.stdout and served_hq.hq.tokens["S02"] not in done.stdout
    assert _station_says(served_hq, served_hq.hq.tokens["S02"]).code == "hq.revoked"
    rotated = _cli("rotate", "S02", "--db", url)
    assert rotated.returncode == 0, rotated.stderr
    token = rotated.stdout.split("station S02 token: ")[1].split()[0]
    with served_hq.client(token=token) as s02:
        assert s02.get("/api/v1/staff", params={"limit": 1}).status_code == 200
    admin = _cli("rotate", "ADMIN", "--db", url)
    assert admin.returncode == 1 and "back office's account" in admin.stderr and "總部後台的帳號" in admin.stderr
    unknown = _cli("revoke", "S77", "--db", url)
    assert unknown.returncode == 1 and "HQ has no station S77" in unknown.stderr


@pytest.mark.parametrize(("url", "warned"), [
    ("http://127.0.0.1:8700", False), ("http://localhost:8700", False), ("http://[::1]:8700", False),
    ("http://127.8.9.10", False), ("https://hq.example.com", False), ("http://hq.example.com:8700", True),
    ("http://10.0.0.5:8700", True), ("http://[fe80::1]:8700", True),
])
def test_the_doctor_tells_plain_http_off_this_machine(url: str, warned: bool) -> None:
    assert plain_http_off_this_machine(url) is warned


def test_the_doctor_on_loopback_http_does_not_warn(served_hq: ServedHQ) -> None:
    report = check_hq(served_hq.url, served_hq.hq.tokens["S01"], RunningClock(served_hq.hq.clock.now()))  # type: ignore[arg-type]
    assert report.status is Status.OK and report.notes == ()

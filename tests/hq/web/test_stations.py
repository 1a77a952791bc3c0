"""Stations: register (the token shown once, and working), rotate and revoke through the hooks; audited."""

from __future__ import annotations

import re

from hq.web.hooks import Contact
from tests.hq.web.conftest import Office
from tests.support.fixtures import TestClient

TOKEN = re.compile(r'data-testid="token">([^<]+)<')


def _works(office: Office, token: str) -> bool:
    answer = TestClient(office.hq.app, headers={"Authorization": f"Bearer {token}"}).get("/api/v1/products")
    return answer.status_code == 200


def test_register_shows_a_working_token_once(signed_in: Office) -> None:
    answer = signed_in.post("/office/stations", {"id": "S03", "name": "收銀機 3"})
    assert answer.status_code == 200
    token = TOKEN.search(answer.text).group(1)  # type: ignore[union-attr]
    assert token.startswith("hq_") and _works(signed_in, token)
    listing = signed_in.client.get("/office/stations").text
    assert 'data-station="S03"' in listing and "收銀機 3" in listing and token not in listing
    assert ("owner", "station.register", "S03") in signed_in.audit()


def test_register_refuses_bad_and_taken_ids_and_forged_forms(signed_in: Office) -> None:
    assert signed_in.post("/office/stations", {"id": "no spaces"}).status_code == 422
    taken = signed_in.post("/office/stations", {"id": "S01"})
    assert taken.status_code == 409 and "收銀機 S01 已存在" in taken.text
    assert _works(signed_in, signed_in.hq.tokens["S01"])  # the existing station keeps its token
    forged = signed_in.client.post("/office/stations", data={"id": "S09", "csrf": "x"})
    assert forged.status_code == 403 and 'data-station="S09"' not in signed_in.client.get("/office/stations").text


def test_revoke_stops_the_token(signed_in: Office) -> None:
    token = signed_in.hq.tokens["S02"]
    assert _works(signed_in, token)
    assert signed_in.client.post("/office/stations/S02/revoke", data={"csrf": "x"}).status_code == 403
    assert _works(signed_in, token)
    assert signed_in.post("/office/stations/S02/revoke").status_code == 303
    assert not _works(signed_in, token)
    row = signed_in.client.get("/office/stations").text.split('data-station="S02"')[1].split("</tr>")[0]
    assert "已停用" in row and "/revoke" not in row
    assert ("owner", "station.revoke", "S02") in signed_in.audit()


def test_rotate_gives_a_new_token_and_the_old_one_stops(signed_in: Office) -> None:
    old = signed_in.hq.tokens["S02"]
    answer = signed_in.post("/office/stations/S02/rotate")
    new = TOKEN.search(answer.text).group(1)  # type: ignore[union-attr]
    assert new != old and _works(signed_in, new) and not _works(signed_in, old)
    assert ("owner", "station.rotate", "S02") in signed_in.audit()


def test_the_buttons_follow_the_hooks(signed_in: Office) -> None:
    hooks = signed_in.hq.app.state.office_hooks
    hooks.revoke_station = hooks.rotate_station = None
    page = signed_in.client.get("/office/stations").text
    assert "/revoke" not in page and "/rotate" not in page
    assert signed_in.post("/office/stations/S02/revoke").status_code == 404
    assert _works(signed_in, signed_in.hq.tokens["S02"])
    hooks.station_contact = lambda _s, sid: Contact(None, 1.5 if sid == "S01" else None, "0.1.0")
    row = signed_in.client.get("/office/stations").text.split('data-station="S01"')[1].split("</tr>")[0]
    assert "+1.5 s" in row and "0.1.0" in row


def test_the_admin_is_not_a_station_here(signed_in: Office) -> None:
    assert 'data-station="ADMIN"' not in signed_in.client.get("/office/stations").text
    assert signed_in.post("/office/stations/ADMIN/revoke").status_code == 404


def _contact_row(office: Office, station_id: str) -> str:
    return office.client.get("/office/stations").text.split(f'data-station="{station_id}"')[1].split("</tr>")[0]


def test_last_contact_version_and_skew_are_recorded_from_the_stations_requests(signed_in: Office) -> None:
    from datetime import timedelta
    from email.utils import format_datetime

    from hq.tables.back_office import HQStationContact

    clock = signed_in.hq.clock
    clock.advance(minutes=5)  # past the fixture's own S01 request
    ahead = format_datetime(clock.now() + timedelta(seconds=42), usegmt=False)
    station = TestClient(signed_in.hq.app, headers={"Authorization": f"Bearer {signed_in.hq.tokens['S02']}",
                                                    "User-Agent": "cashier-station/1.4.2", "Date": ahead})
    assert station.get("/api/v1/products", params={"limit": 1}).status_code == 200
    first = clock.now()
    row = _contact_row(signed_in, "S02")
    assert "1.4.2" in row and "+42.0 s" in row and first.strftime("%Y-%m-%d %H:%M") in row

    def recorded() -> HQStationContact:
        with signed_in.hq.db.read() as session:
            found = session.get(HQStationContact, "S02")
        assert found is not None
        return found

    # Not a write per request: within the minute the row stays as it was; after it, the next request writes.
    clock.advance(seconds=50)
    assert station.get("/api/v1/staff").status_code == 200
    assert recorded().last_contact == first
    clock.advance(seconds=11)
    assert station.get("/api/v1/staff").status_code == 200
    # The same Date header, 61 s on: that clock now reads 19 s behind HQ's.
    assert recorded().last_contact == clock.now() and recorded().clock_skew_seconds == -19.0
    # A refused token is not contact; nor is the back office's own admin token a station's.
    assert TestClient(signed_in.hq.app, headers={"Authorization": "Bearer hq_nope"}).get(
        "/api/v1/staff").status_code == 401
    assert signed_in.hq.client("ADMIN").get("/api/v1/staff").status_code == 200
    with signed_in.hq.db.read() as session:
        assert session.get(HQStationContact, "ADMIN") is None


def test_without_a_date_header_the_skew_is_estimated_from_an_online_order(signed_in: Office) -> None:
    from datetime import timedelta

    from tests.support.orders import make_order

    # Sold online by a till whose clock is 90 s ahead of HQ's, uploaded at once.
    order = make_order(seq=1, offline=False, created_at=signed_in.hq.clock.now() + timedelta(seconds=90))
    signed_in.upload(order)
    row = _contact_row(signed_in, "S01")
    assert "≈+90.0 s" in row and "testclient" in row  # TestClient's User-Agent, as a version-less caller
    assert "—" in _contact_row(signed_in, "S02")  # never heard from: nothing to show

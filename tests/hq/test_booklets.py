"""Invoice booklets at HQ: imported ranges cut into disjoint 50-number booklets, never handed out twice."""

from __future__ import annotations

import threading
from dataclasses import replace

from hq.app import create_app
from hq.settings import HQSettings
from tests.support.fixtures import SeededHQ


def _no_cap(hq: SeededHQ) -> SeededHQ:
    """The same HQ letting a station hold any number of unused booklets (the cap has its own tests)."""
    return replace(hq, app=create_app(db=hq.db, clock=hq.clock, settings=HQSettings(max_unused_booklets=1_000)))

ALLOCATE = "/api/v1/booklets/allocate"


def test_allocations_are_disjoint_booklets_of_fifty_and_listed_per_station(hq: SeededHQ) -> None:
    s01, s02 = hq.client("S01"), hq.client("S02")
    a = s01.post(ALLOCATE, json={"period_code": "11512", "count": 2}).json()
    b = s02.post(ALLOCATE, json={"period_code": "11512", "count": 1}).json()
    assert [(x["track"], x["start"], x["end"]) for x in a] == [("KN", 20_000_000, 20_000_049),
                                                               ("KN", 20_000_050, 20_000_099)]
    assert [(x["start"], x["end"]) for x in b] == [(20_000_100, 20_000_149)]
    mine = s01.get("/api/v1/booklets", params={"period_code": "11512"}).json()
    assert [x for x in mine if x["track"] == "KN"] == a  # besides the demo station's AB booklets (hq.seed)
    assert s02.get("/api/v1/booklets").json() == b


def test_concurrent_allocations_never_hand_out_the_same_numbers(hq: SeededHQ) -> None:
    hq = _no_cap(hq)
    got: list[tuple[str, int]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(6)

    def grab(station: str) -> None:
        client = hq.client(station)
        barrier.wait()
        for _ in range(3):
            response = client.post(ALLOCATE, json={"period_code": "11602", "count": 1})
            assert response.status_code == 200, response.text
            with lock:
                got.extend((b["track"], b["start"]) for b in response.json())

    threads = [threading.Thread(target=grab, args=("S01" if i % 2 else "S02",)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(got) == 18 and len(set(got)) == 18
    assert all(start % 50 == 0 for _, start in got)


def test_running_out_and_bad_requests_are_clear_refusals(hq: SeededHQ) -> None:
    client = _no_cap(hq).client()
    assert len(client.post(ALLOCATE, json={"period_code": "11512", "count": 20}).json()) == 20
    empty = client.post(ALLOCATE, json={"period_code": "11512", "count": 1})
    assert empty.status_code == 409 and empty.json()["detail"]["code"] == "booklet.none_available"
    assert "115年11-12月" in empty.json()["detail"]["message"]
    ended = client.post(ALLOCATE, json={"period_code": "11510", "count": 1})
    assert ended.status_code == 409
    assert client.post(ALLOCATE, json={"period_code": "11513", "count": 1}).status_code == 422
    assert client.post(ALLOCATE, json={"period_code": "11512", "count": 21}).status_code == 422


def test_importing_ranges_checks_alignment_and_overlap(hq: SeededHQ) -> None:
    admin = hq.client("ADMIN")
    ok = admin.post("/api/v1/admin/booklet-ranges",
                    json={"period_code": "11602", "track": "QA", "start": 100, "end": 199})
    assert ok.status_code == 200 and ok.json()["allocated"] == 0
    overlap = admin.post("/api/v1/admin/booklet-ranges",
                         json={"period_code": "11602", "track": "QA", "start": 150, "end": 249})
    assert overlap.status_code == 409 and overlap.json()["detail"]["code"] == "booklet.range_overlap"
    unaligned = admin.post("/api/v1/admin/booklet-ranges",
                           json={"period_code": "11602", "track": "QA", "start": 210, "end": 259})
    assert unaligned.status_code == 422 and unaligned.json()["detail"]["code"] == "booklet.invalid_range"

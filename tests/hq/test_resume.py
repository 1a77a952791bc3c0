"""GET /api/v1/resume on SQLite and PostgreSQL: per booklet of the calling station the highest number HQ
received, and its highest order seq: what a restored station resumes past."""

from __future__ import annotations

from tests.support.fixtures import SeededHQ
from tests.support.orders import make_order

ALLOCATE = "/api/v1/booklets/allocate"
SEED_TRACKS = ("AB", "CD")  # the demo till's own booklets the demo seed gives S01 (hq.seed)
RESUME = "/api/v1/resume"


def _ours(marks: dict) -> list[dict]:
    return [b for b in marks["booklets"] if b["track"] not in SEED_TRACKS]


def test_marks_are_the_highest_number_per_booklet_and_the_highest_seq(hq: SeededHQ) -> None:
    s01, s02 = hq.client("S01"), hq.client("S02")
    first = s01.get(RESUME).json()  # the demo seed's own AB booklets of the demo till, nothing received
    assert (first["highest_seq"], [b["highest"] for b in _ours(first)]) == (0, [])
    mine = s01.post(ALLOCATE, json={"period_code": "11512", "count": 2}).json()
    s02.post(ALLOCATE, json={"period_code": "11512", "count": 1})
    s01.post(ALLOCATE, json={"period_code": "11602", "count": 1})
    # S01 used 20000000..20000002 and 20000050 (its second booklet), seq up to 4.
    orders = [make_order(seq=seq, number=f"KN{number:08d}")
              for seq, number in ((1, 20_000_000), (2, 20_000_001), (3, 20_000_002), (4, 20_000_050))]
    response = s01.post("/api/v1/orders/batch", json={"orders": orders})
    assert {r["outcome"] for r in response.json()["results"]} == {"accepted"}, response.text

    marks = s01.get(RESUME, params={"since": "11512"}).json()
    assert marks["station_id"] == "S01" and marks["highest_seq"] == 4
    assert [(b["period_code"], b["start"], b["highest"]) for b in _ours(marks)] == [
        ("11512", mine[0]["start"], 20_000_002), ("11512", mine[1]["start"], 20_000_050),
        ("11602", 20_000_000, None)]
    later = s01.get(RESUME, params={"since": "11602"}).json()
    assert [(b["period_code"], b["highest"]) for b in _ours(later)] == [("11602", None)]
    other = s02.get(RESUME).json()  # HQ's clock is in 11512: its booklet, nothing it did not send
    assert other["highest_seq"] == 0 and [b["highest"] for b in other["booklets"]] == [None]


def test_a_bad_period_and_no_token_are_refused(hq: SeededHQ) -> None:
    assert hq.client("S01").get(RESUME, params={"since": "11513"}).status_code == 422
    assert hq.client("S01").get(RESUME, params={"since": "abc"}).status_code == 422
    from fastapi.testclient import TestClient

    assert TestClient(hq.app).get(RESUME).status_code == 401

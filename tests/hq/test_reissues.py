"""A reissued order at HQ: the link to the voided original is stored when it names an order of the same
station (also one in the same batch); any other link keeps the order, flagged for attention; an order
without a link is uploaded and hashed exactly as before."""

from __future__ import annotations

import uuid
from typing import Any

from core.sync.protocol import OrderIn, order_payload, payload_sha256
from hq.tables import HQOrder
from tests.support.fixtures import SeededHQ
from tests.support.orders import make_order

BATCH = "/api/v1/orders/batch"


def _upload(hq: SeededHQ, *orders: dict[str, Any], station: str = "S01") -> list[dict[str, Any]]:
    answer = hq.client(station).post(BATCH, json={"orders": list(orders)})
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def _stored(hq: SeededHQ, order_id: str) -> HQOrder:
    with hq.db.read() as session:
        row = session.get(HQOrder, order_id)
        assert row is not None
        return row


def test_a_reissue_of_the_stations_own_order_is_linked_without_attention(hq: SeededHQ) -> None:
    original = make_order(seq=1)
    assert _upload(hq, original)[0]["outcome"] == "accepted"
    reissue = {**make_order(seq=2), "reissue_of": original["id"]}
    [result] = _upload(hq, reissue)
    assert result["outcome"] == "accepted" and result["reconciliation"]["attention"] == []
    row = _stored(hq, reissue["id"])
    assert row.reissue_of == original["id"] and not row.attention
    assert _stored(hq, original["id"]).reissue_of is None
    record = hq.client("S01").get(f"/api/v1/orders/{reissue['id']}").json()
    assert record["order"]["reissue_of"] == original["id"]
    again = _upload(hq, reissue)[0]
    assert again["replay"] and again["outcome"] == "accepted"


def test_an_original_in_the_same_batch_is_found(hq: SeededHQ) -> None:
    original = make_order(seq=1)
    reissue = {**make_order(seq=2), "reissue_of": original["id"]}
    results = _upload(hq, original, reissue)
    assert [r["reconciliation"]["attention"] for r in results] == [[], []]
    assert _stored(hq, reissue["id"]).reissue_of == original["id"]


def test_a_reissue_of_an_unknown_or_another_stations_order_is_kept_and_held_for_attention(hq: SeededHQ) -> None:
    s02_number = hq.client("S02").post("/api/v1/booklets/allocate", json={"period_code": "11512", "count": 1}).json()[0]
    theirs = make_order(station_id="S02", seq=1, number=f"{s02_number['track']}{s02_number['start']:08d}")
    assert _upload(hq, theirs, station="S02")[0]["outcome"] == "accepted"
    for seq, target in ((1, theirs["id"]), (2, str(uuid.uuid4()))):
        reissue = {**make_order(seq=seq), "reissue_of": target}
        [result] = _upload(hq, reissue)
        assert result["outcome"] == "accepted"
        assert result["reconciliation"]["attention"] == ["reissue_unknown"]
        row = _stored(hq, reissue["id"])
        assert row.attention and row.reissue_of == target


def test_an_order_without_a_link_has_the_payload_and_hash_it_always_had(hq: SeededHQ) -> None:
    plain = make_order(seq=1)
    order = OrderIn.model_validate(plain)
    assert "reissue_of" not in order_payload(order)
    assert "reissue_of" not in order.model_dump(mode="json", exclude_unset=True)
    linked = OrderIn.model_validate({**plain, "reissue_of": str(uuid.uuid4())})
    assert payload_sha256(linked) != payload_sha256(order)
    _upload(hq, plain)
    assert _stored(hq, plain["id"]).payload_sha256 == payload_sha256(order)

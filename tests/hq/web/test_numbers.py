"""Numbers: ranges, a range file imported whole or not at all, booklets per station with use and high water."""

from __future__ import annotations

from core.einvoice import period_of
from tests.factories import NOON
from tests.hq.web.conftest import Office
from tests.support.orders import make_order

NEXT = period_of(NOON).next().code


def _import(office: Office, content: bytes, name: str = "ranges.csv") -> object:
    return office.post("/office/numbers/import", files={"file": (name, content, "text/csv")})


def test_a_range_file_is_imported_and_listed(signed_in: Office) -> None:
    body = f"期別,字軌,起號,迄號\n{NEXT},QA,10000000,10000999\n{NEXT},qb,QB20000000,QB20000049\n".encode()
    answer = _import(signed_in, "\ufeff".encode() + body)
    assert answer.status_code == 200 and "已匯入 2 個區間" in answer.text  # type: ignore[attr-defined]
    ranges = answer.text.split('id="ranges"')[1]  # type: ignore[attr-defined]
    assert "QA" in ranges and "10000999" in ranges and "QB" in ranges and "0 / 50" in ranges
    assert ("owner", "numbers.import", "ranges.csv") in signed_in.audit()


def test_a_bad_file_imports_nothing(signed_in: Office) -> None:
    bad = f"{NEXT},QA,10000000,10000999\n{NEXT},QB,10000001,10000050\n".encode()  # the 2nd is not whole booklets
    answer = _import(signed_in, bad)
    assert answer.status_code == 422  # type: ignore[attr-defined]
    assert "QA" not in signed_in.client.get("/office/numbers").text.split('id="ranges"')[1]
    short = _import(signed_in, b"11502,QA\n")
    assert short.status_code == 422 and "第 1 行" in short.text  # type: ignore[attr-defined]
    assert _import(signed_in, b"\xff\xfe").status_code == 422  # type: ignore[attr-defined]
    assert _import(signed_in, b"x" * 300_000).status_code == 422  # type: ignore[attr-defined]


def test_an_overlapping_range_is_refused_with_the_reason(signed_in: Office) -> None:
    current = period_of(NOON).code
    answer = _import(signed_in, f"{current},KN,20000000,20000049\n".encode())
    assert answer.status_code == 409  # type: ignore[attr-defined]


def test_an_import_without_the_csrf_token_is_refused(signed_in: Office) -> None:
    answer = signed_in.client.post("/office/numbers/import", data={"csrf": "x"},
                                   files={"file": ("r.csv", f"{NEXT},QA,10000000,10000999\n".encode(), "text/csv")})
    assert answer.status_code == 403 and "QA" not in signed_in.client.get("/office/numbers").text


def test_booklets_per_station_with_use_and_high_water(signed_in: Office) -> None:
    signed_in.upload(make_order(seq=1), make_order(seq=2), make_order(seq=3))
    row = signed_in.client.get("/office/numbers").text.split('id="booklets"')[1].split("</tr>")[1]
    assert "<td>S01</td>" in row and '<td class="num">2</td>' in row  # two booklets
    assert "3 / 100" in row and "AB12345602" in row

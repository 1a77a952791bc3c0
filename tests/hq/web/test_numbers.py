"""Numbers: ranges, a range file imported whole or not at all, booklets per station with use and high water."""

from __future__ import annotations

from core.einvoice import period_of
from tests.factories import NOON
from tests.hq.web.conftest import Office
from tests.support.orders import make_order

NEXT = period_of(NOON).next().code


def _import(office: Office, content: bytes, name: str = "ranges.csv") -> object:
    return office.post("/office/numbers/import", files={"file": (name, content, "text/csv")})


def _line(period: str, track: str, start: str, end: str, ban: str = "12345675") -> str:
    """One line of the platform's CSV download: ban, invoice type, (unused), period, track, begin, end."""
    return f"{ban},07,,{period},{track},{start},{end}\n"


def test_a_range_file_is_imported_and_listed(signed_in: Office) -> None:
    year, month = NEXT[:3], int(NEXT[3:])
    body = ("統一編號,發票類別,,期別,字軌,起號,迄號\n" + _line(NEXT, "QA", "10000000", "10000999")
            + _line(f"{year}/{month - 1:02d} ~ {year}/{month:02d}", "qb", "20000000", "20000049")).encode()
    answer = _import(signed_in, "\ufeff".encode() + body)
    assert answer.status_code == 200 and "已匯入 2 個區間" in answer.text  # type: ignore[attr-defined]
    ranges = answer.text.split('id="ranges"')[1]  # type: ignore[attr-defined]
    assert "QA" in ranges and "10000999" in ranges and "QB" in ranges and "0 / 50" in ranges
    assert ("owner", "numbers.import", "ranges.csv") in signed_in.audit()


def test_the_platforms_e0501_message_is_read_too(signed_in: Office) -> None:
    xml = (f"<InvoiceEnvelope><InvoicePack><InvoiceAssignNo><Ban>12345675</Ban><InvoiceType>07</InvoiceType>"
           f"<YearMonth>{NEXT}</YearMonth><InvoiceTrack>QC</InvoiceTrack><InvoiceBeginNo>30000000</InvoiceBeginNo>"
           f"<InvoiceEndNo>30000099</InvoiceEndNo><InvoiceBooklet>2</InvoiceBooklet></InvoiceAssignNo>"
           f"</InvoicePack></InvoiceEnvelope>").encode()
    answer = _import(signed_in, xml, "E0501.xml")
    assert answer.status_code == 200 and "QC" in answer.text.split('id="ranges"')[1]  # type: ignore[attr-defined]


def test_a_bad_file_imports_nothing(signed_in: Office) -> None:
    # The second line is not whole booklets: the first is not imported either, and the message names line 2.
    bad = (_line(NEXT, "QA", "10000000", "10000999") + _line(NEXT, "QB", "10000001", "10000050")).encode()
    answer = _import(signed_in, bad)
    assert answer.status_code == 422 and "第 2 行" in answer.text  # type: ignore[attr-defined]
    assert "QA" not in signed_in.client.get("/office/numbers").text.split('id="ranges"')[1]
    short = _import(signed_in, b"12345675,07,,11502,QA\n")
    assert short.status_code == 422 and "第 1 行" in short.text  # type: ignore[attr-defined]
    foreign = _import(signed_in, _line(NEXT, "QA", "10000000", "10000999", ban="04595257").encode())
    assert foreign.status_code == 200  # no [mof] seller_ban configured: as `cashier hq ranges import`
    assert _import(signed_in, b"").status_code == 422  # type: ignore[attr-defined]
    assert _import(signed_in, b"<not xml").status_code == 422  # type: ignore[attr-defined]
    too_big = _import(signed_in, b"x" * 300_000)
    assert too_big.status_code == 422 and "檔案太大" in too_big.text  # type: ignore[attr-defined]
    assert signed_in.client.post("/office/numbers/import", data={"csrf": signed_in.csrf()}).status_code == 422


def test_another_sellers_ranges_are_refused_when_filing_knows_the_ban(signed_in: Office) -> None:
    from hq.mof.config import MofConfig

    signed_in.hq.app.state.mof = MofConfig(seller_ban="12345675")
    answer = _import(signed_in, _line(NEXT, "QA", "10000000", "10000999", ban="04595257").encode())
    assert answer.status_code == 422 and "04595257" in answer.text  # type: ignore[attr-defined]
    assert "QA" not in signed_in.client.get("/office/numbers").text.split('id="ranges"')[1]


def test_an_overlapping_range_is_refused_with_the_reason(signed_in: Office) -> None:
    current = period_of(NOON).code
    answer = _import(signed_in, _line(current, "KN", "20000000", "20000049").encode())
    assert answer.status_code == 409 and "重疊" in answer.text  # type: ignore[attr-defined]


def test_an_import_without_the_csrf_token_is_refused(signed_in: Office) -> None:
    answer = signed_in.client.post("/office/numbers/import", data={"csrf": "x"},
                                   files={"file": ("r.csv", _line(NEXT, "QA", "10000000", "10000999").encode(),
                                                   "text/csv")})
    assert answer.status_code == 403 and "QA" not in signed_in.client.get("/office/numbers").text


def test_booklets_per_station_with_use_and_high_water(signed_in: Office) -> None:
    signed_in.upload(make_order(seq=1), make_order(seq=2), make_order(seq=3))
    row = signed_in.client.get("/office/numbers").text.split('id="booklets"')[1].split("</tr>")[1]
    assert "<td>S01</td>" in row and '<td class="num">2</td>' in row  # two booklets
    assert "3 / 100" in row and "AB12345602" in row

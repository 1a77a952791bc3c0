"""HQ files every invoice event through Turnkey's folders: once, checked, tracked to the platform's answer."""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from datetime import timedelta

from sqlmodel import select

from core.einvoice import BOOKLET_SIZE
from hq.mof import turnkey
from hq.mof.documents import Seller, blank_ranges
from hq.mof.export import resend
from hq.mof.status import status
from hq.seed import DEMO_NUMBERS_PER_PERIOD
from hq.tables import HQMofDocument
from tests.hq.mof.conftest import BATCH, Filing
from tests.support.orders import make_order


def _docs(filing: Filing) -> list[HQMofDocument]:
    with filing.hq.db.read() as session:
        return list(session.exec(select(HQMofDocument).order_by(HQMofDocument.id)).all())  # type: ignore[arg-type]


def test_each_invoice_becomes_one_f0401_handed_once_and_accepted(filing: Filing) -> None:
    orders = filing.upload(3)
    report = filing.export()
    assert (report.queued, report.handed, report.held) == (3, 3, 0)
    files = sorted(p.name for p in turnkey.src_dir(filing.root, "F0401").iterdir())
    assert len(files) == 3 and all(name.startswith("F0401_KN") for name in files)
    again = filing.export()  # nothing new: nothing written, nothing queued
    assert (again.queued, again.handed) == (0, 0)
    assert [d.state for d in _docs(filing)] == ["handed"] * 3
    filing.turnkey.run_once(filing.hq.clock.now())
    assert filing.export().accepted == 3
    assert [d.state for d in _docs(filing)] == ["accepted"] * 3
    assert sorted(filing.turnkey.received.values()) == [1, 1, 1]
    assert {f"F0401:{o['invoice']['number']}" for o in orders} == set(filing.turnkey.received)
    assert not list(turnkey.src_dir(filing.root, "F0401").iterdir())  # Turnkey took them (BAK)


def test_a_void_gives_an_f0501_after_the_f0401(filing: Filing) -> None:
    [order] = filing.upload(1)
    filing.cycle()
    client = filing.hq.client("S01")
    client.post(f"/api/v1/orders/{order['id']}/void", json={"reason": "客人退貨",
                                                           "voided_at": filing.hq.clock.now().isoformat()})
    report = filing.cycle()
    assert (report.queued, report.handed, report.accepted) == (1, 1, 1)
    assert [(d.kind, d.state) for d in _docs(filing)] == [("F0401", "accepted"), ("F0501", "accepted")]
    assert filing.turnkey.received[f"F0501:{order['invoice']['number']}"] == 1


def test_a_rejected_f0401_keeps_the_platforms_reason_and_is_sent_again_after_a_fix(filing: Filing) -> None:
    [order] = filing.upload(1)
    number = order["invoice"]["number"]
    filing.turnkey.reject(number, "E0401", "發票號碼不在配號區間")
    report = filing.cycle()
    assert (report.accepted, report.rejected) == (0, 1)
    [doc] = _docs(filing)
    assert (doc.state, doc.error_code, doc.error_text, doc.attempt) == ("rejected", "E0401", "發票號碼不在配號區間", 1)
    filing.turnkey.accept(number)
    assert filing.export().handed == 0  # a rejected document is never re-sent by itself
    again = resend(filing.hq.db, doc.id or 0, filing.hq.clock.now())
    assert again is not None and (again.state, again.attempt) == ("queued", 2)
    report = filing.cycle()
    assert (report.handed, report.accepted) == (1, 1)
    [doc] = _docs(filing)
    assert (doc.state, doc.error_code, doc.attempt, doc.file_name) == ("accepted", None, 2, f"F0401_{number}_1-2.xml")
    assert filing.turnkey.received[f"F0401:{number}"] == 2  # two uploads of one document


def test_a_file_turnkey_refuses_is_rejected_from_its_err_folder(filing: Filing) -> None:
    filing.upload(1)
    filing.export()
    [waiting] = filing.turnkey.waiting()
    waiting.write_bytes(b"<Invoice>broken")  # Turnkey's own check then moves it to ERR
    filing.turnkey.run_once(filing.hq.clock.now())
    assert filing.export().rejected == 1
    [doc] = _docs(filing)
    assert doc.state == "rejected" and doc.error_code == "TURNKEY-ERR" and "ERR" in (doc.error_text or "")


def test_a_message_that_fails_the_schema_is_held_with_the_reason_and_never_written(filing: Filing) -> None:
    filing.upload(1)
    report = filing.export(seller=Seller("名" * 61))
    assert (report.handed, report.held) == (0, 1)
    [doc] = _docs(filing)
    assert doc.state == "held" and "Name" in (doc.held_reason or "")
    src = turnkey.src_dir(filing.root, "F0401")
    assert not src.exists() or not list(src.iterdir())
    missing = filing.export(seller=Seller(""))
    assert missing.held == 1 and "seller_name" in missing.held_reasons[0]
    fixed = filing.export()  # the setting fixed: sent on the next pass
    assert (fixed.handed, fixed.held) == (1, 0)


def test_a_crash_between_writing_and_recording_never_writes_the_file_twice(filing: Filing) -> None:
    filing.upload(2)
    original = turnkey.write
    written: list[str] = []

    def write_then_die(root, kind, name, content):  # type: ignore[no-untyped-def]
        original(root, kind, name, content)
        written.append(name)
        raise KeyboardInterrupt  # the process dies after the rename, before the database commit

    turnkey.write = write_then_die  # type: ignore[assignment]
    try:
        with contextlib.suppress(KeyboardInterrupt):
            filing.export()
    finally:
        turnkey.write = original  # type: ignore[assignment]
    assert len(written) == 1 and [d.state for d in _docs(filing)] == ["queued", "queued"]
    filing.turnkey.run_once(filing.hq.clock.now())  # Turnkey even took the file meanwhile (now in BAK)
    report = filing.export()
    assert report.handed == 2
    filing.turnkey.run_once(filing.hq.clock.now())
    filing.export()
    assert sorted(filing.turnkey.received.values()) == [1, 1]  # each once
    assert [d.state for d in _docs(filing)] == ["accepted", "accepted"]


def test_e0402_reports_exactly_the_unused_numbers_of_the_closed_period(filing: Filing) -> None:
    filing.upload(3)  # S01's booklet KN20000000-49: three numbers issued
    s02 = filing.hq.client("S02")
    [other] = s02.post("/api/v1/booklets/allocate", json={"period_code": "11512", "count": 1}).json()
    orders = [make_order(station_id="S02", seq=i, number=f"KN{other['start'] + i - 1:08d}") for i in range(1, 11)]
    assert s02.post(BATCH, json={"orders": orders}).status_code == 200  # S02's booklet: ten issued
    filing.cycle()
    assert filing.export().queued == 0  # the period is still open: no E0402 yet
    filing.hq.clock.set(filing.deadlines.blanks_ready("11512") + timedelta(minutes=1))
    report = filing.cycle()
    blanks = sorted((d.reference, d.state) for d in _docs(filing) if d.kind == "E0402")
    # One per track of the closed period (KN, and the demo till's own AB booklets); KP's range is for the
    # next period: not closed.
    assert report.handed == len(blanks) and blanks == [("11512AB", "accepted"), ("11512KN", "accepted")]
    last = 20_000_000 + DEMO_NUMBERS_PER_PERIOD - 1
    expected = [(20_000_003, 20_000_049), (20_000_060, last)]  # booklet tails, then never allocated
    with filing.hq.db.read() as session:
        assert blank_ranges(session, "11512", "KN") == expected
    [content] = [c for c in filing.turnkey.documents if b"BranchTrackBlank" in c and b">KN<" in c]
    items = ET.fromstring(content).findall(".//{*}BranchTrackBlankItem")
    assert [(int(i[0].text or ""), int(i[1].text or "")) for i in items] == expected
    assert BOOKLET_SIZE == 50


def test_status_names_what_is_late_and_what_is_due_within_six_hours(filing: Filing) -> None:
    filing.upload(1, start=1)
    filing.export()
    now = filing.hq.clock.now()
    with filing.hq.db.read() as session:
        fresh = status(session, now, filing.deadlines)
        assert fresh.counts == {"handed": 1} and not fresh.late and not fresh.due_soon
        assert fresh.oldest_open is not None and fresh.oldest_open.due_at == fresh.oldest_open.event_at + \
            timedelta(hours=48)
        soon = status(session, now + timedelta(hours=43), filing.deadlines)
        assert [d.reference for d in soon.due_soon] == [fresh.oldest_open.reference] and not soon.late
        late = status(session, now + timedelta(hours=49), filing.deadlines)
        assert [d.reference for d in late.late] == [fresh.oldest_open.reference] and late.late[0].late

"""`cashier hq mof status|export|resend`, `cashier hq ranges import` and the admin API, as a person uses them."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from core.clock import ManualClock
from hq.mof.config import MofConfigError, parse_mof
from hq.mof.ranges_file import RangeFileError, import_ranges, read_ranges
from hq.tables import HQBookletRange
from tests.hq.mof.conftest import Filing
from tui.cli import main


def _db_arg(filing: Filing) -> str:
    db = filing.hq.db
    return db.engine.url.render_as_string(hide_password=False) if db.is_postgres else db.url.removeprefix("sqlite:///")


def test_status_lists_documents_and_exits_1_only_when_something_is_late(filing: Filing, monkeypatch: pytest.MonkeyPatch,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    filing.upload(2)
    config = filing.root.parent / "hq.toml"
    config.write_text(f'[mof]\nturnkey_dir = "{filing.root}"\nseller_name = "示範商店"\n', encoding="utf-8")
    clock = ManualClock(filing.hq.clock.now())
    monkeypatch.setattr("core.clock.SystemClock.now", lambda _self: clock.now())
    assert main(["--config", str(config), "hq", "mof", "export", "--db", _db_arg(filing)]) == 0
    assert "2 handed to Turnkey" in capsys.readouterr().out
    assert main(["--config", str(config), "hq", "mof", "status", "--db", _db_arg(filing)]) == 0
    out = capsys.readouterr().out
    assert "handed 2" in out and "LATE" not in out
    clock.set(clock.now() + timedelta(hours=45))
    assert main(["--config", str(config), "hq", "mof", "status", "--db", _db_arg(filing)]) == 0
    assert "due within 6 h: 2" in capsys.readouterr().out
    clock.set(clock.now() + timedelta(hours=4))
    assert main(["--config", str(config), "hq", "mof", "status", "--db", _db_arg(filing), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert len(report["late"]) == 2 and report["counts"] == {"handed": 2}


def test_the_admin_api_lists_by_state_and_reports_status(filing: Filing) -> None:
    filing.upload(1)
    filing.export()
    admin = filing.hq.client("ADMIN")
    status = admin.get("/api/v1/mof/status").json()
    assert status["counts"] == {"handed": 1} and status["oldest_open"]["kind"] == "F0401"
    assert [d["state"] for d in admin.get("/api/v1/mof/documents", params={"state": "handed"}).json()["items"]] == \
        ["handed"]
    assert filing.hq.client("S01").get("/api/v1/mof/status").status_code == 403  # back office only
    assert admin.post("/api/v1/mof/documents/999/resend").status_code == 404


def test_a_station_only_hears_about_its_own_orders(filing: Filing) -> None:
    [order] = filing.upload(1)
    filing.export()
    mine = filing.hq.client("S01").post("/api/v1/mof/orders/states", json={"order_ids": [order["id"]]}).json()
    assert [(s["kind"], s["state"]) for s in mine["items"]] == [("F0401", "handed")]
    other = filing.hq.client("S02").post("/api/v1/mof/orders/states", json={"order_ids": [order["id"]]}).json()
    assert other["items"] == []


def test_ranges_import_reads_the_platform_file_and_refuses_overlaps_and_foreign_bans(filing: Filing,
                                                                                     tmp_path: Path) -> None:
    good = tmp_path / "ranges.csv"
    good.write_text("營業人統編,發票類別,x,期別,字軌,起號,迄號\n"
                    "12345675,07,,115/11 ~ 115/12,QA,00000000,00000499\n"
                    "12345675,07,,115/11 ~ 115/12,QB,00001000,00001049\n", encoding="utf-8")
    now = filing.hq.clock.now()
    with filing.hq.db.write() as session:
        assert import_ranges(session, read_ranges(good), "12345675", now) == 2
    cases = {
        "12345675,07,,115/11 ~ 115/12,QA,00000450,00000549\n": ("ranges.overlap", 1),
        "99999997,07,,115/11 ~ 115/12,QC,00000000,00000049\n": ("ranges.foreign_ban", 1),
        "12345675,07,,115/11 ~ 115/12,QC,00000010,00000059\n": ("ranges.not_booklets", 1),
        "12345675,07,,115/11 ~ 115/12,QD,00000000,00000049\n12345675,07,,115/11 ~ 115/12,QD,00000000,00000049\n":
            ("ranges.overlap", 2),
    }
    for text, (code, line) in cases.items():
        bad = tmp_path / "bad.csv"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(RangeFileError) as refused, filing.hq.db.write() as session:
            import_ranges(session, read_ranges(bad), "12345675", now)
        assert (refused.value.code, refused.value.params["line"]) == (code, line)
    with filing.hq.db.read() as session:
        tracks = sorted(r.track for r in session.exec(select(HQBookletRange)).all())
    assert tracks.count("QA") == 1 and "QC" not in tracks and "QD" not in tracks  # nothing of a refused file


def test_ranges_import_reads_turnkeys_e0501_too(tmp_path: Path) -> None:
    e0501 = tmp_path / "E0501.xml"
    e0501.write_text(
        '<InvoiceEnvelope xmlns="urn:GEINV:eInvoiceMessage:E0501:4.1"><InvoicePack><InvoiceAssignNo>'
        "<Ban>12345675</Ban><InvoiceType>07</InvoiceType><YearMonth>11512</YearMonth><InvoiceTrack>QE</InvoiceTrack>"
        "<InvoiceBeginNo>00000100</InvoiceBeginNo><InvoiceEndNo>00000199</InvoiceEndNo><InvoiceBooklet>2</InvoiceBooklet>"
        "</InvoiceAssignNo></InvoicePack></InvoiceEnvelope>", encoding="utf-8")
    [r] = read_ranges(e0501)
    assert (r.ban, r.period_code, r.track, r.start, r.end) == ("12345675", "11512", "QE", 100, 199)


def test_bad_mof_settings_are_refused_with_the_key() -> None:
    assert parse_mof({"turnkey_dir": "/x", "b2c_hours": 24}, environ={}).deadlines.b2c_hours == 24
    for section, key in (({"b2c_hours": "soon"}, "b2c_hours"), ({"turnkey": "/x"}, "turnkey"),
                         ({"seller_ban": "12345678"}, "seller_ban")):
        with pytest.raises(MofConfigError) as refused:
            parse_mof(section, environ={})
        assert key in refused.value.text("en")
    assert parse_mof({}, environ={"CASHIER_MOF__TURNKEY_DIR": "/tk"}).turnkey_dir == Path("/tk")

"""Staff: list, add and edit (role, active), set a PIN (hashed as HQ hashes PINs, a manager's 6+ digits),
CSV export without PINs and import with them (all rows or none, a message per row); CSRF, audit, and the
stations' pull."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from core.pins import verify_pin
from hq.tables import HQAudit, HQStaff
from tests.hq.web.conftest import Office

STAFF = "/api/v1/staff"


def _pulled(office: Office, after: str = "3") -> dict[str, dict[str, Any]]:
    """What a station pulls after the demo seed's three staff (versions 1-3)."""
    answer = office.hq.client("S01").get(STAFF, params={"cursor": after})
    assert answer.status_code == 200, answer.text
    return {row["id"]: row for row in answer.json()["items"]}


def _staff(office: Office, staff_id: str) -> HQStaff | None:
    with office.hq.db.read() as session:
        return session.get(HQStaff, staff_id)


def _import(office: Office, body: str, name: str = "staff.csv") -> Any:
    return office.post("/office/staff/import", files={"file": (name, body.encode(), "text/csv")})


def test_the_list_and_an_export_without_pins(signed_in: Office) -> None:
    page = signed_in.client.get("/office/staff").text
    assert all(f'data-staff="{sid}"' in page for sid in ("M001", "E001", "E002")) and "林店長" in page
    exported = signed_in.client.get("/office/staff.csv")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    lines = exported.text.lstrip("\ufeff").splitlines()
    assert lines == ["id,name,role,active", "E001,王小明,cashier,1", "E002,陳美玲,cashier,1", "M001,林店長,manager,1"]
    assert "scrypt" not in exported.text and "pin" not in exported.text


def test_add_a_cashier_and_stations_pull_them_with_a_working_pin(signed_in: Office) -> None:
    saved = signed_in.post("/office/staff", {"id": "E003", "name": "張志明", "role": "cashier", "active": "1",
                                             "pin": "2468", "pin_again": "2468"})
    assert saved.status_code == 200 and "已儲存員工 E003" in saved.text and "2468" not in saved.text
    pulled = _pulled(signed_in)["E003"]
    assert (pulled["name"], pulled["role"], pulled["active"]) == ("張志明", "cashier", True)
    assert verify_pin("2468", pulled["pin_hash"]) and pulled["pin_hash"].startswith("scrypt$32768$8$1$")
    with signed_in.hq.db.read() as session:
        audit = session.exec(select(HQAudit).where(HQAudit.action == "staff.save")).one()
    assert (audit.username, audit.target) == ("owner", "E003") and "2468" not in audit.detail
    assert '"pin": "set"' in audit.detail


def test_edit_keeps_the_pin_and_a_deactivated_cashier_reaches_the_stations(signed_in: Office) -> None:
    before = _staff(signed_in, "E001")
    assert before is not None
    saved = signed_in.post("/office/staff", {"id": "E001", "name": "王小明", "role": "cashier"})  # no active box
    assert saved.status_code == 200
    after = _staff(signed_in, "E001")
    assert after is not None and after.pin_hash == before.pin_hash and not after.active
    assert after.version > before.version and _pulled(signed_in)["E001"]["active"] is False


def test_a_manager_needs_six_digits_and_promotion_needs_a_new_pin(signed_in: Office) -> None:
    short = signed_in.post("/office/staff", {"id": "M002", "name": "新店長", "role": "manager", "active": "1",
                                             "pin": "1234", "pin_again": "1234"})
    assert short.status_code == 422 and "店長密碼至少須 6 位數字" in short.text and _staff(signed_in, "M002") is None
    promoted = signed_in.post("/office/staff", {"id": "E002", "name": "陳美玲", "role": "manager", "active": "1"})
    assert promoted.status_code == 422 and "至少 6 位" in promoted.text
    staff = _staff(signed_in, "E002")
    assert staff is not None and staff.role == "cashier"
    ok = signed_in.post("/office/staff", {"id": "E002", "name": "陳美玲", "role": "manager", "active": "1",
                                          "pin": "135790", "pin_again": "135790"})
    assert ok.status_code == 200 and _pulled(signed_in)["E002"]["role"] == "manager"
    new = signed_in.post("/office/staff", {"id": "E009", "name": "沒密碼", "role": "cashier", "active": "1"})
    assert new.status_code == 422 and "新員工須設定密碼" in new.text
    typo = signed_in.post("/office/staff", {"id": "E009", "name": "打錯", "pin": "1234", "pin_again": "1243"})
    assert typo.status_code == 422 and "兩次輸入的密碼不同" in typo.text and _staff(signed_in, "E009") is None
    bad_id = signed_in.post("/office/staff", {"id": "E 9", "name": "x", "pin": "1234", "pin_again": "1234"})
    assert bad_id.status_code == 422


def test_set_a_pin(signed_in: Office) -> None:
    answer = signed_in.post("/office/staff/pin", {"id": "M001", "pin": "864200", "pin_again": "864200"})
    assert answer.status_code == 200 and "已設定 M001 的新密碼" in answer.text and "864200" not in answer.text
    staff = _staff(signed_in, "M001")
    assert staff is not None and verify_pin("864200", staff.pin_hash)
    assert verify_pin("864200", _pulled(signed_in)["M001"]["pin_hash"])
    assert ("owner", "staff.pin", "M001") in signed_in.audit()
    short = signed_in.post("/office/staff/pin", {"id": "M001", "pin": "12345", "pin_again": "12345"})
    assert short.status_code == 422 and "店長密碼至少須 6 位數字" in short.text
    letters = signed_in.post("/office/staff/pin", {"id": "E001", "pin": "12ab", "pin_again": "12ab"})
    assert letters.status_code == 422 and "4 到 12 位數字" in letters.text
    assert signed_in.post("/office/staff/pin", {"id": "NOBODY", "pin": "1234", "pin_again": "1234"}).status_code == 404
    staff_after = _staff(signed_in, "M001")
    assert staff_after is not None and verify_pin("864200", staff_after.pin_hash)  # the refused ones changed nothing


def test_forged_forms_change_nothing(signed_in: Office) -> None:
    before = _staff(signed_in, "M001")
    for path, data in (("/office/staff", {"id": "E007", "name": "x", "pin": "1234", "pin_again": "1234"}),
                       ("/office/staff/pin", {"id": "M001", "pin": "999999", "pin_again": "999999"})):
        assert signed_in.client.post(path, data={**data, "csrf": "forged"}).status_code == 403
        assert signed_in.client.post(path, data=data).status_code == 403
    forged = signed_in.client.post("/office/staff/import", data={"csrf": "x"},
                                   files={"file": ("s.csv", b"id,name,pin\nE007,x,1234\n", "text/csv")})
    assert forged.status_code == 403
    assert _staff(signed_in, "E007") is None and _staff(signed_in, "M001") == before
    assert not [a for a in signed_in.audit() if a[1].startswith("staff.")]


def test_import_hashes_pins_keeps_missing_ones_and_stations_pull_it(signed_in: Office) -> None:
    kept = _hash_of(signed_in, "E001")
    body = "id,name,role,active,pin\nE001,王小明,cashier,1,\nE010,新人甲,cashier,1,4321\nM010,新店長,manager,1,654321\n"
    answer = _import(signed_in, "\ufeff" + body)
    assert answer.status_code == 200 and "已匯入 3 位員工（設定 2 組密碼）" in answer.text
    pulled = _pulled(signed_in)
    assert verify_pin("4321", pulled["E010"]["pin_hash"]) and verify_pin("654321", pulled["M010"]["pin_hash"])
    assert pulled["E001"]["pin_hash"] == kept  # a blank PIN keeps the one they have
    assert ("owner", "staff.import", "staff.csv") in signed_in.audit()
    exported = signed_in.client.get("/office/staff.csv").text
    assert "M010,新店長,manager,1" in exported and "654321" not in exported


def _hash_of(office: Office, staff_id: str) -> str:
    staff = _staff(office, staff_id)
    assert staff is not None
    return staff.pin_hash


def test_a_bad_file_writes_nothing_and_says_what_is_wrong_on_each_row(signed_in: Office) -> None:
    before = _hash_of(signed_in, "E001")
    body = ("id,name,role,active,pin\n"
            "E001,王小明,cashier,1,9999\n"  # fine on its own: not written, as the file is refused
            "M020,短密碼店長,manager,1,1234\n"  # line 3: a manager's PIN too short
            "E021,,cashier,1,1234\n"  # line 4: no name
            "E022,沒密碼,cashier,1,\n"  # line 5: new, no PIN
            "E023,職務錯,boss,1,1234\n"  # line 6: no such role
            "E001,又一次,cashier,1,\n")  # line 7: the same id twice
    answer = _import(signed_in, body)
    assert answer.status_code == 422
    errors = answer.text.split('id="errors"')[1].split("</div>")[0]
    for line in (3, 4, 5, 6, 7):
        assert f"<li>第 {line} 行" in errors, line
    assert "<li>第 2 行" not in errors and "1234" not in errors
    assert _hash_of(signed_in, "E001") == before and _staff(signed_in, "E021") is None
    assert _staff(signed_in, "M020") is None and _pulled(signed_in) == {}
    assert not [a for a in signed_in.audit() if a[1] == "staff.import"]
    assert _import(signed_in, "name,role\nx,cashier\n").status_code == 422  # no id column
    assert _import(signed_in, "").status_code == 422
    not_utf8 = signed_in.post("/office/staff/import", files={"file": ("s.csv", b"\xff\xfe\x00", "text/csv")})
    assert not_utf8.status_code == 422 and "UTF-8" in not_utf8.text


def test_the_page_in_english(signed_in: Office) -> None:
    page = signed_in.client.get("/office/staff?lang=en").text
    assert "Set a PIN" in page and "Manager" in page and "Import CSV" in page

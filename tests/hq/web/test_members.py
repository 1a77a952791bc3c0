"""Members: search by phone, member code and name; add and edit; CSV export and import (all rows or none, a
message per row); CSRF, audit, and the stations' pull and lookup."""

from __future__ import annotations

from typing import Any

from tests.hq.web.conftest import Office

CUSTOMERS = "/api/v1/customers"


def _pulled(office: Office, after: str = "30") -> dict[str, dict[str, Any]]:
    """What a station pulls after the demo seed's 30 customers (versions 1-30)."""
    answer = office.hq.client("S01").get(CUSTOMERS, params={"cursor": after})
    assert answer.status_code == 200, answer.text
    return {row["id"]: row for row in answer.json()["items"]}


def _import(office: Office, body: str, name: str = "members.csv") -> Any:
    return office.post("/office/members/import", files={"file": (name, body.encode(), "text/csv")})


def test_search_by_phone_code_and_name(signed_in: Office) -> None:
    by_phone = signed_in.client.get("/office/members", params={"q": "0912-345-671"}).text  # as people write it
    assert by_phone.count("data-member=") == 1 and 'data-member="C00002"' in by_phone
    assert 'name="phone" value="0912345671"' in by_phone  # one found: the form starts from it
    by_code = signed_in.client.get("/office/members", params={"q": "M0000003"}).text
    assert by_code.count("data-member=") == 1 and "黃淑芬" in by_code
    by_name = signed_in.client.get("/office/members", params={"q": "陳怡君"}).text
    assert by_name.count("data-member=") == 3  # the demo's ten names, three times over
    assert signed_in.client.get("/office/members", params={"q": "nobody"}).text.count("data-member=") == 0
    assert signed_in.client.get("/office/members").text.count("data-member=") == 30


def test_edit_a_member_and_add_one_and_stations_see_both(signed_in: Office) -> None:
    saved = signed_in.post("/office/members", {"id": "C00001", "member_code": "M0000001", "phone": "0987 654 321",
                                               "name": "陳怡君"})
    assert saved.status_code == 200 and "已儲存會員 C00001" in saved.text
    added = signed_in.post("/office/members", {"id": "", "member_code": "VIP-9", "phone": "0911222333",
                                               "name": "新會員"})
    assert added.status_code == 200
    pulled = _pulled(signed_in)
    assert pulled["C00001"]["phone"] == "0987654321"
    [new] = [row for row in pulled.values() if row["member_code"] == "VIP-9"]
    assert new["id"].startswith("C-") and new["name"] == "新會員"
    found = signed_in.hq.client("S01").get(f"{CUSTOMERS}/lookup", params={"phone": "0987654321"})
    assert found.status_code == 200 and found.json()["id"] == "C00001"
    audit = signed_in.audit()
    assert ("owner", "member.save", "C00001") in audit and ("owner", "member.save", new["id"]) in audit


def test_a_taken_member_code_and_a_bad_phone_are_refused(signed_in: Office) -> None:
    taken = signed_in.post("/office/members", {"id": "C00001", "member_code": "M0000002", "name": "x"})
    assert taken.status_code == 422 and "會員編號 M0000002 已屬於會員 C00002" in taken.text
    phone = signed_in.post("/office/members", {"id": "C00001", "phone": "call me", "name": "x"})
    assert phone.status_code == 422 and "phone" in phone.text
    assert _pulled(signed_in) == {}


def test_forged_forms_change_nothing(signed_in: Office) -> None:
    forged = signed_in.client.post("/office/members", data={"id": "C00001", "name": "改名", "csrf": "forged"})
    assert forged.status_code == 403
    upload = signed_in.client.post("/office/members/import", data={"csrf": "x"},
                                   files={"file": ("m.csv", b"id,name\nC99,x\n", "text/csv")})
    assert upload.status_code == 403 and _pulled(signed_in) == {}


def test_export_and_import_round_trip(signed_in: Office) -> None:
    exported = signed_in.client.get("/office/members.csv")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    lines = exported.text.lstrip("\ufeff").splitlines()
    assert lines[0] == "id,member_code,phone,name" and lines[1] == "C00001,M0000001,0912345670,陳怡君"
    assert len(lines) == 31
    assert ("owner", "member.export", "") in signed_in.audit()  # personal data: who took a copy is on record
    body = "\ufeff" + "\n".join([lines[0], "C00001,M0000001,0912345670,陳怡君（改）", ",M0000100,0900000100,新來的"])
    answer = _import(signed_in, body)
    assert answer.status_code == 200 and "已匯入 2 位會員" in answer.text
    pulled = _pulled(signed_in)
    assert pulled["C00001"]["name"] == "陳怡君（改）"
    assert [r["member_code"] for r in pulled.values() if r["id"] != "C00001"] == ["M0000100"]
    assert ("owner", "member.import", "members.csv") in signed_in.audit()


def test_a_bad_file_writes_nothing_and_says_what_is_wrong_on_each_row(signed_in: Office) -> None:
    body = ("id,member_code,phone,name\n"
            "C00001,M0000001,0912345670,改了也不寫\n"  # fine alone; not written, as the file is refused
            "C00100,M0000002,0900000001,別人的編號\n"  # line 3: the code is C00002's
            "C00101,X1,not-a-phone,電話錯\n"  # line 4
            "C00102,X2,0900000002,\n"  # fine (a name may be blank)
            "C00103,X2,0900000003,同一個編號\n"  # line 6: X2 again, another member
            "C00001,M0000001,0912345670,同一個人兩次\n")  # line 7: the same id twice
    answer = _import(signed_in, body)
    assert answer.status_code == 422
    errors = answer.text.split('id="errors"')[1].split("</div>")[0]
    for line in (3, 4, 6, 7):
        assert f"<li>第 {line} 行" in errors, line
    assert "<li>第 2 行" not in errors and "<li>第 5 行" not in errors
    assert _pulled(signed_in) == {} and not [a for a in signed_in.audit() if a[1] == "member.import"]
    assert _import(signed_in, "id,phone\nC1,0911\n").status_code == 422  # no name column
    assert _import(signed_in, "id,name\n").status_code == 422  # no rows


def test_the_page_in_english(signed_in: Office) -> None:
    page = signed_in.client.get("/office/members?lang=en").text
    assert "Member code" in page and "Phone, member code or name" in page

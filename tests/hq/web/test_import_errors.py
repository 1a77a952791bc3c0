"""A refused staff or members import (or form) says every problem of every row, with its line and column, in
the page's language from the back office's catalog: never pydantic's English. Nothing is written."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from hq.tables import HQCustomer, HQStaff
from tests.hq.web.conftest import Office

PYDANTIC = ("String should", "Input should", "Value error", "validation error")


def _import(office: Office, page: str, body: bytes | None, lang: str = "") -> Any:
    files = {"file": ("x.csv", body, "text/csv")} if body is not None else None
    return office.post(f"/office/{page}/import" + (f"?lang={lang}" if lang else ""), files=files)


def _errors(answer: Any) -> list[str]:
    assert answer.status_code == 422, answer.text
    assert not any(text in answer.text for text in PYDANTIC), answer.text
    block = answer.text.split('id="errors"')[1].split("</div>")[0]
    return [item.split("</li>")[0].strip() for item in block.split("<li>")[1:]]


def _staff_ids(office: Office) -> set[str]:
    with office.hq.db.read() as session:
        return set(session.exec(select(HQStaff.id)))


def _member_ids(office: Office) -> set[str]:
    with office.hq.db.read() as session:
        return set(session.exec(select(HQCustomer.id)))


STAFF = ("id,name,role,active,pin\n"
         "E031,好的,cashier,1,1234\n"  # line 2: fine, but the file is refused, so not written either
         "E032,,boss,1,1234\n"  # line 3: a blank name and no such role
         "E0 33,名字,cashier,1,1234\n").encode()  # line 4: an id with a space


def test_a_staff_row_with_two_problems_says_both_in_chinese(signed_in: Office) -> None:
    before = _staff_ids(signed_in)
    errors = _errors(_import(signed_in, "staff", STAFF))
    assert errors == ["第 3 行 name 欄：不可空白", "第 3 行 role 欄：須為 cashier / manager 其中之一",
                      "第 4 行 id 欄：只能是英數字、點、底線或連字號"]
    assert _staff_ids(signed_in) == before  # all or nothing: line 2 was good, and is not there


def test_the_same_file_in_english(signed_in: Office) -> None:
    errors = _errors(_import(signed_in, "staff", STAFF, lang="en"))
    assert errors == ["Line 3, column name: must not be blank", "Line 3, column role: must be one of cashier / manager",
                      "Line 4, column id: only letters, digits, ., _ or -"]


def test_the_checks_after_parsing_speak_both_languages_too(signed_in: Office) -> None:
    body = "id,name,role,active,pin\nE041,甲,cashier,1,1234\nE041,乙,cashier,1,98\nE042,丙,cashier,1,\n".encode()
    zh = _errors(_import(signed_in, "staff", body))
    assert zh[0] == "第 3 行 id 欄：員工編號 E041 與第 2 行重複"
    assert zh[1].startswith("第 3 行 pin 欄：") and zh[2] == "第 4 行 pin 欄：新員工須設定密碼（PIN）"
    en = _errors(_import(signed_in, "staff", body, lang="en"))
    assert en[0] == "Line 3, column id: id E041 also on line 2" and en[2] == "Line 4, column pin: new staff need a PIN"
    assert "98" not in zh[1] + en[1]  # a PIN is never shown back, even a wrong one


def test_a_member_row_with_two_problems_in_both_languages(signed_in: Office) -> None:
    before = _member_ids(signed_in)
    body = ("id,member_code,phone,name\n"
            "C-NEW1,VIP-1,0911222333,好會員\n"
            f"C-NEW2,VIP-2,call me,{'長' * 101}\n").encode()
    assert _errors(_import(signed_in, "members", body)) == [
        "第 3 行 phone 欄：電話須為 6 到 19 位數字", "第 3 行 name 欄：最多 100 個字"]
    assert _errors(_import(signed_in, "members", body, lang="en")) == [
        "Line 3, column phone: a phone number is 6 to 19 digits", "Line 3, column name: at most 100 characters"]
    assert _member_ids(signed_in) == before
    taken = b"id,member_code,phone,name\nC00001,M0000002,,x\n"
    assert _errors(_import(signed_in, "members", taken, lang="en")) == [
        "Line 2, column member_code: member code M0000002 belongs to member C00002"]


def test_a_refused_file_says_why_in_both_languages(signed_in: Office) -> None:
    too_large = b"x" * (1024 * 1024 + 1)
    assert _errors(_import(signed_in, "members", None)) == ["第 1 行：沒有選擇檔案"]
    assert _errors(_import(signed_in, "staff", too_large)) == ["第 1 行：檔案太大（最多 1,024 KB）"]
    assert _errors(_import(signed_in, "staff", b"\xff\xfe\x00")) == ["第 1 行：不是 UTF-8 文字檔"]
    # ?lang=en is remembered in a cookie from here on
    assert _errors(_import(signed_in, "staff", None, lang="en")) == ["Line 1: no file"]
    assert _errors(_import(signed_in, "staff", too_large)) == ["Line 1: file too large (at most 1,024 KB)"]
    assert _errors(_import(signed_in, "members", b"id,phone\nC1,0911222333\n")) == ["Line 1: missing columns: name"]


def test_a_form_says_each_field_in_the_pages_language(signed_in: Office) -> None:
    zh = signed_in.post("/office/staff", {"id": "E051", "name": "", "role": "boss", "pin": "1234",
                                          "pin_again": "1234"})
    assert _errors(zh) == ["name：不可空白", "role：須為 cashier / manager 其中之一"]
    en = signed_in.post("/office/members?lang=en", {"id": "", "phone": "call me", "name": "x"})
    assert _errors(en) == ["phone: a phone number is 6 to 19 digits"]

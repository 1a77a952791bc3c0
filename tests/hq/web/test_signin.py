"""Sign-in: sessions in an HttpOnly SameSite cookie, CSRF on every form, lockout, expiry; all audited."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hq.db import HQDatabase
from hq.web.auth.users import LOCKOUT, MAX_FAILURES, sign_in
from tests.hq.web.conftest import PASSWORD, Office
from tests.support.paths import ROOT

PAGES = ("/office/", "/office/attention", "/office/orders", "/office/stations", "/office/numbers", "/office/filing")


def test_every_page_sends_a_stranger_to_sign_in(office: Office) -> None:
    for path in PAGES:
        answer = office.client.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/office/signin?next=")


def test_the_sign_in_page_is_chinese_by_default_and_english_on_request(office: Office) -> None:
    page = office.client.get("/office/signin")
    assert page.status_code == 200 and "登入" in page.text and 'lang="zh-TW"' in page.text
    english = office.client.get("/office/signin?lang=en")
    assert "Sign in" in english.text and 'lang="en"' in english.text
    assert "登入" not in office.client.get("/office/signin").text.split("<main>")[1]  # remembered in a cookie


def test_a_good_sign_in_sets_a_safe_session_cookie_and_lands_on_today(office: Office) -> None:
    answer = office.sign_in(next="/office/orders")
    assert answer.status_code == 303 and answer.headers["location"] == "/office/orders"
    cookie = answer.headers["set-cookie"]
    assert "hq_office=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Path=/office" in cookie and "Secure" not in cookie  # plain http on loopback: see the https test
    today = office.client.get("/office/")
    assert today.status_code == 200 and "今日營業" in today.text
    assert ("owner", "signin", "") in office.audit()


def test_over_https_the_cookie_is_secure(office: Office) -> None:
    from tests.support.fixtures import TestClient

    client = TestClient(office.hq.app, base_url="https://hq.example")
    token = client.get("/office/signin").text.split('name="csrf" value="')[1].split('"')[0]
    answer = client.post("/office/signin", data={"username": "owner", "password": PASSWORD, "csrf": token},
                         follow_redirects=False)
    assert answer.status_code == 303 and "Secure" in answer.headers["set-cookie"]


def test_never_redirects_to_another_site(office: Office) -> None:
    answer = office.sign_in(next="https://evil.example/")
    assert answer.headers["location"] == "/office/"


def test_a_wrong_password_is_refused_and_audited(office: Office) -> None:
    answer = office.sign_in(password="not the password")
    assert answer.status_code == 401 and "帳號或密碼錯誤" in answer.text and "hq_office=" not in str(answer.headers)
    unknown = office.sign_in(username="nobody")
    assert unknown.status_code == 401 and "帳號或密碼錯誤" in unknown.text  # the same words: no username probing
    assert ("owner", "signin.failed", "") in office.audit() and ("nobody", "signin.failed", "") in office.audit()
    assert office.client.get("/office/", follow_redirects=False).status_code == 303


def test_repeated_failures_lock_the_account_even_against_the_right_password(office: Office) -> None:
    for _ in range(MAX_FAILURES - 1):
        assert office.sign_in(password="wrong password!").status_code == 401
    locked = office.sign_in(password="wrong password!")
    assert locked.status_code == 429 and "鎖定" in locked.text
    assert office.sign_in().status_code == 429  # the right password, still locked
    office.hq.clock.advance(seconds=LOCKOUT.total_seconds() + 1)
    assert office.sign_in().status_code == 303


def test_a_good_sign_in_resets_the_failure_count(hq_sqlite: HQDatabase, office: Office) -> None:
    now = office.hq.clock.now()
    for _ in range(MAX_FAILURES - 1):
        with hq_sqlite.write() as session:
            sign_in(session, "owner", "wrong password!", now)
    with hq_sqlite.write() as session:
        assert sign_in(session, "owner", PASSWORD, now).outcome == "ok"
    with hq_sqlite.write() as session:
        assert sign_in(session, "owner", "wrong password!", now).outcome == "wrong"


def test_sign_in_without_its_csrf_token_is_refused(office: Office) -> None:
    office.client.get("/office/signin")
    answer = office.client.post("/office/signin", data={"username": "owner", "password": PASSWORD, "csrf": "forged"},
                                follow_redirects=False)
    assert answer.status_code == 403 and "hq_office=" not in str(answer.headers)


def test_an_idle_session_expires_and_says_so(signed_in: Office) -> None:
    signed_in.hq.clock.advance(minutes=29)
    assert signed_in.client.get("/office/", follow_redirects=False).status_code == 200  # activity keeps it
    signed_in.hq.clock.advance(minutes=31)
    answer = signed_in.client.get("/office/orders", follow_redirects=False)
    assert answer.status_code == 303 and "expired=1" in answer.headers["location"]
    page = signed_in.client.get(answer.headers["location"])
    assert "登入已逾時" in page.text


def test_a_session_ends_after_twelve_hours_however_busy(signed_in: Office) -> None:
    for _ in range(25):
        signed_in.hq.clock.advance(minutes=29)
        signed_in.client.get("/office/", follow_redirects=False)
    assert signed_in.client.get("/office/", follow_redirects=False).status_code == 303


def test_sign_out_needs_the_csrf_token_and_ends_the_session(signed_in: Office) -> None:
    forged = signed_in.client.post("/office/signout", data={"csrf": "nope"}, follow_redirects=False)
    assert forged.status_code == 403
    assert signed_in.client.get("/office/", follow_redirects=False).status_code == 200
    assert signed_in.post("/office/signout").status_code == 303
    assert signed_in.client.get("/office/", follow_redirects=False).status_code == 303
    assert ("owner", "signout", "") in signed_in.audit()


def test_the_bearer_token_api_is_unchanged(office: Office) -> None:
    assert office.hq.client("S01").get("/api/v1/products").status_code == 200
    assert office.client.get("/api/v1/products").status_code == 401


def test_cashier_hq_user_add_creates_a_user_who_can_sign_in(tmp_path: Path) -> None:
    db_path = tmp_path / "hq.sqlite"
    command = [sys.executable, "-m", "tui.cli", "hq", "user", "add", "boss", "--db", str(db_path), "--password-stdin"]
    made = subprocess.run(command, input=f"{PASSWORD}\n", text=True, capture_output=True, cwd=ROOT, check=False)
    assert made.returncode == 0, made.stderr
    again = subprocess.run(command, input=f"{PASSWORD}\n", text=True, capture_output=True, cwd=ROOT, check=False)
    assert again.returncode == 1 and "exists already" in again.stderr
    short = subprocess.run([*command[:6], "kid", *command[7:]], input="short\n", text=True, capture_output=True,
                           cwd=ROOT, check=False)
    assert short.returncode == 1 and "10 to 200 characters" in short.stderr
    from core.clock import SystemClock

    db = HQDatabase(str(db_path))
    try:
        with db.write() as session:
            assert sign_in(session, "boss", PASSWORD, SystemClock().now()).outcome == "ok"
            assert sign_in(session, "kid", PASSWORD, SystemClock().now()).outcome == "wrong"
    finally:
        db.close()

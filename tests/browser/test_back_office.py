"""The back office in a real browser: Debian's headless Chromium, driven by Playwright, against
`cashier hq serve` started for real on a loopback port. Screenshots (laptop and phone widths) go to
bench/out/back-office/ for a person to look at.

The walk is the owner's: sign in, find the offline order sold below the catalog price, acknowledge it,
register a station and revoke it, import a range file; then the staff and members: a PIN set (never shown back,
kept as a hash that a station checks), a members file refused for one bad row, then a good one.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from core.clock import SystemClock
from core.einvoice import period_of
from core.pins import verify_pin
from tests.support.orders import make_order
from tests.support.paths import ROOT

CHROMIUM = "/usr/bin/chromium"  # Debian's package (tests/run.sh installs it); Playwright cannot download one here
PASSWORD = "correct horse battery"
SHOTS = ROOT / "bench" / "out" / "back-office"
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@dataclass
class Served:
    url: str
    tokens: dict[str, str]
    order_no: str
    invoice: str
    db: str


def _cashier(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], input=stdin, text=True, capture_output=True,
                          cwd=ROOT, check=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    db = str(tmp_path_factory.mktemp("hq") / "hq.sqlite")
    _cashier("hq", "user", "add", "owner", "--db", db, "--password-stdin", stdin=PASSWORD + "\n")
    process = subprocess.Popen([sys.executable, "-m", "tui.cli", "hq", "serve", "--db", db, "--port", "0",
                                "--seed-demo"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if "listening on" in line:
                break
        output = "".join(lines)
        url = re.search(r"listening on (http://\S+)", output).group(1)  # type: ignore[union-attr]
        tokens = dict(re.findall(r"station (\S+) token: (\S+)", output))
        s01 = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {tokens['S01']}"}, timeout=10)
        now = SystemClock().now()
        booklet = s01.post("/api/v1/booklets/allocate", json={"period_code": period_of(now).code, "count": 1}).json()[0]
        invoice = f"{booklet['track']}{booklet['start']:08d}"
        # Sold offline at NT$80 against the catalog's 105, with the manager's approval: 店長改價.
        order = make_order(seq=1, number=invoice, created_at=now, offline=True,
                           lines=[("SKU00001", "乾電池 3號 4入", "regular", 1, 80)], order_id=str(uuid.uuid4()))
        order["lines"][0]["price_approved_by"] = "M001"
        answer = s01.post("/api/v1/orders/batch", json={"orders": [order]}).json()["results"][0]
        assert answer["outcome"] == "accepted", answer
        yield Served(url, tokens, order["order_no"], invoice, db)
    finally:
        process.terminate()
        process.communicate(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


def _shot(page: Page, name: str) -> Path:
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _sign_in(page: Page, url: str) -> None:
    page.goto(f"{url}/office/")
    expect(page).to_have_url(re.compile(r"/office/signin"))
    page.get_by_label("帳號").fill("owner")
    page.get_by_label("密碼").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    expect(page.get_by_role("heading", name=re.compile("今日營業"))).to_be_visible()


def test_the_owners_walk_through_the_back_office(served: Served, browser: Browser) -> None:
    context = browser.new_context(viewport=LAPTOP, locale="zh-TW")
    page = context.new_page()
    page.goto(f"{served.url}/office/signin")
    page.get_by_label("帳號").fill("owner")
    page.get_by_label("密碼").fill("wrong password!")
    page.get_by_role("button", name="登入").click()
    expect(page.get_by_role("alert")).to_have_text("帳號或密碼錯誤")
    _shot(page, "01-signin-wrong-password")

    _sign_in(page, served.url)
    expect(page.locator("#needs")).to_contain_text("店長改價 1")
    _shot(page, "02-today-laptop")

    # The offline order sold below the catalog price, and its acknowledgement.
    page.get_by_role("link", name="待處理", exact=True).click()
    row = page.locator("#override tr[data-order]", has_text=served.order_no)
    expect(row).to_contain_text("80")
    expect(row).to_contain_text("105")
    expect(row).to_contain_text("M001")
    _shot(page, "03-attention-override")
    row.get_by_role("button", name="確認").click()
    expect(page.get_by_text("目前沒有待處理事項")).to_be_visible()
    _shot(page, "04-attention-acknowledged")

    # The same order found by its invoice number, and its detail.
    page.get_by_role("link", name="訂單", exact=True).click()
    page.get_by_label("發票號碼、訂單編號或電話").fill(served.invoice)
    page.get_by_role("button", name="查詢").click()
    page.get_by_role("link", name=served.order_no).click()
    expect(page.get_by_role("heading", name=f"訂單 {served.order_no}")).to_be_visible()
    expect(page.locator("main")).to_contain_text("owner · override #1")
    _shot(page, "05-order-detail")

    # A new station: its token shown once and working, then revoked and refused.
    page.get_by_role("link", name="收銀機", exact=True).click()
    page.get_by_label("代號").fill("S09")
    page.get_by_label("名稱").fill("二樓收銀機")
    page.get_by_role("button", name="新增收銀機").click()
    token = page.get_by_test_id("token").inner_text().strip()
    _shot(page, "06-station-registered-token")
    api = f"{served.url}/api/v1/products"
    assert httpx.get(api, headers={"Authorization": f"Bearer {token}"}, timeout=10).status_code == 200
    station = page.locator('tr[data-station="S09"]')
    page.once("dialog", lambda dialog: dialog.accept())  # "停用收銀機 S09？" — the owner confirms
    station.get_by_role("button", name="停用").click()
    expect(page.locator('tr[data-station="S09"]')).to_contain_text("已停用")
    expect(page.get_by_test_id("token")).to_have_count(0)  # never shown again
    assert httpx.get(api, headers={"Authorization": f"Bearer {token}"}, timeout=10).status_code == 401
    _shot(page, "07-station-revoked")

    # The platform's range file, uploaded.
    following = period_of(SystemClock().now()).next().code
    range_file = SHOTS / "ranges.csv"
    # As the platform's website gives it: ban, invoice type, (unused), period, track, begin, end.
    range_file.write_text(f"統一編號,發票類別,,期別,字軌,起號,迄號\n12345675,07,,{following},QA,10000000,10000499\n",
                          encoding="utf-8")
    page.get_by_role("link", name="發票號碼", exact=True).click()
    page.get_by_label(re.compile("字軌檔")).set_input_files(str(range_file))
    page.get_by_role("button", name="匯入字軌檔").click()
    expect(page.get_by_role("status")).to_have_text("已匯入 1 個區間")
    expect(page.locator("#ranges")).to_contain_text("QA")
    _shot(page, "08-numbers-imported")

    # A price changed in the catalog, and the day's Z report.
    page.get_by_role("link", name="商品", exact=True).click()
    page.get_by_label("商品編號", exact=True).fill("SKU00002")
    page.get_by_label("商品", exact=True).fill("口罩 成人 50入")
    page.get_by_label("一般價格").fill("199")
    page.get_by_role("button", name="儲存").click()
    expect(page.get_by_role("status")).to_have_text("已儲存 SKU00002")
    expect(page.locator('tr[data-sku="SKU00002"]')).to_contain_text("199")
    _shot(page, "08b-catalog-saved")
    page.get_by_role("link", name="Z 帳", exact=True).click()
    expect(page.locator("#z")).to_contain_text("80")
    _shot(page, "08c-z-report")
    page.get_by_role("link", name="發票號碼", exact=True).click()

    page.get_by_role("link", name="English", exact=True).click()
    expect(page.get_by_role("heading", name="Invoice numbers")).to_be_visible()
    _shot(page, "09-numbers-english")
    context.close()


def _stored_hash(served: Served, staff_id: str) -> str:
    with sqlite3.connect(served.db) as db:  # HQ's own file, read as it is on disk
        row = db.execute("SELECT pin_hash FROM hq_staff WHERE id = ?", (staff_id,)).fetchone()
    assert row is not None
    return str(row[0])


def test_staff_pins_and_members_imports(served: Served, browser: Browser) -> None:
    context = browser.new_context(viewport=LAPTOP, locale="zh-TW")
    page = context.new_page()
    _sign_in(page, served.url)

    # A cashier's new PIN: typed twice, never shown back, kept as a hash a station checks it against.
    pin = "246813"
    page.get_by_role("link", name="員工", exact=True).click()
    form = page.locator("#pin")
    form.get_by_label("員工編號").select_option("E001")
    form.get_by_label("密碼（PIN）").fill(pin)
    form.get_by_label("再輸入一次密碼").fill(pin)
    form.get_by_role("button", name="設定密碼").click()
    expect(page.get_by_role("status")).to_have_text("已設定 E001 的新密碼")
    assert pin not in page.content()
    for field in page.locator('input[name="pin"], input[name="pin_again"]').all():
        assert field.input_value() == "" and field.get_attribute("type") == "password"
    _shot(page, "13-staff-pin-set")
    stored = _stored_hash(served, "E001")
    assert pin not in stored and verify_pin(pin, stored)
    s01 = httpx.Client(base_url=served.url, headers={"Authorization": f"Bearer {served.tokens['S01']}"}, timeout=10)
    pulled = {row["id"]: row for row in s01.get("/api/v1/staff", params={"cursor": "0"}).json()["items"]}
    assert pulled["E001"]["pin_hash"] == stored and verify_pin(pin, pulled["E001"]["pin_hash"])

    # A members file with one bad row: the row's problems shown, nobody imported.
    page.get_by_role("link", name="會員", exact=True).click()
    bad = SHOTS / "members-bad.csv"
    bad.write_text("id,member_code,phone,name\nB-0001,VIP-B1,0911000001,林小明\nB-0002,VIP-B2,call me,\n",
                   encoding="utf-8")
    page.locator("#import").get_by_label("CSV").set_input_files(str(bad))
    page.locator("#import").get_by_role("button", name="匯入 CSV").click()
    errors = page.locator("#errors")
    expect(errors).to_contain_text("檔案未匯入")
    expect(errors).to_contain_text("第 3 行 phone 欄：電話須為 6 到 19 位數字")
    _shot(page, "14-members-import-refused")
    page.get_by_label("電話、會員編號或姓名").fill("林小明")
    page.get_by_role("button", name="查詢").click()
    expect(page.locator("tr[data-member]")).to_have_count(0)

    good = SHOTS / "members-good.csv"
    good.write_text("id,member_code,phone,name\nB-0001,VIP-B1,0911000001,林小明\nB-0002,VIP-B2,0911000002,王小華\n",
                    encoding="utf-8")
    page.locator("#import").get_by_label("CSV").set_input_files(str(good))
    page.locator("#import").get_by_role("button", name="匯入 CSV").click()
    expect(page.get_by_role("status")).to_have_text("已匯入 2 位會員")
    expect(page.locator('tr[data-member="B-0001"]')).to_contain_text("林小明")
    expect(page.locator('tr[data-member="B-0002"]')).to_contain_text("0911000002")
    _shot(page, "15-members-imported")
    context.close()


def test_the_back_office_on_a_phone(served: Served, browser: Browser) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-TW")
    page = context.new_page()
    _sign_in(page, served.url)
    _shot(page, "10-today-phone")
    # Nothing wider than the screen: the tables scroll inside their own box, not the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("link", name="訂單", exact=True).click()
    expect(page.get_by_role("link", name=served.order_no)).to_be_visible()
    _shot(page, "11-orders-phone")
    page.get_by_role("link", name="收銀機", exact=True).click()
    _shot(page, "12-stations-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()

"""The back office with 100,000 orders at HQ: how fast each page answers, next to the JSON API on the same
data in the same run (the reference). Prints one JSON object.

HQ on SQLite, seeded with the demo data and 100,000 orders over 30 days from two stations (bulk inserts,
as a year of uploads would leave them: every 100th line a 店長改價, every 500th an unknown SKU, every
1,000th order held), served by `python -m hq.server` in a child process. One owner signs in over HTTP;
each page is fetched `--repeat` times after one warm-up; median and p95 in milliseconds.

Usage: .venv/bin/python bench/bench_back_office.py [--orders 100000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from bench.machine import machine_info  # noqa: E402
from core.clock import SystemClock  # noqa: E402
from core.einvoice import period_of, split_tax  # noqa: E402
from hq.db import HQDatabase  # noqa: E402
from hq.seed import seed_demo  # noqa: E402
from hq.tables import HQInvoice, HQOrder, HQOrderLine, HQPayment  # noqa: E402
from hq.web.auth.users import add_user  # noqa: E402

PASSWORD = "bench password 1"
CHUNK = 5_000


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def fill(db: HQDatabase, count: int) -> dict[str, str]:
    """`count` orders, newest now; returns an invoice number, a phone, an order id and a day to search for."""
    now = SystemClock().now()
    step = timedelta(days=30) / count
    sample: dict[str, str] = {}
    for first in range(0, count, CHUNK):
        orders, invoices, lines, payments = [], [], [], []
        for i in range(first, min(first + CHUNK, count)):
            station = "S01" if i % 2 == 0 else "S02"
            created = now - step * i
            key = str(uuid.UUID(int=i + 1))
            override, unknown, held = i % 100 == 7, i % 500 == 3, i % 1_000 == 5
            price = 80 if override else 105
            sales, tax = split_tax(price)
            reasons = (["unknown_sku"] if unknown else []) + (["invoice_not_allocated"] if held else [])
            phone = f"09{i % 1_000_000:08d}"
            number = f"KN{10_000_000 + i:08d}"
            sku = "NOPE" if unknown else "SKU00001"
            invoice = {"number": number, "period_code": period_of(created).code, "random_code": "1234",
                       "issued_at": created.isoformat(), "total": price, "sales": sales, "tax": tax,
                       "seller_ban": "12345675", "buyer_ban": None, "carrier_type": None, "carrier_id": None,
                       "donation_code": None, "qr_left": None, "qr_right": None, "print_mark": True, "manual": False}
            payload = {"id": key, "order_no": f"{station}-{i:08d}", "seq": i + 1, "station_id": station,
                       "created_at": created.isoformat(), "staff_id": "E001", "customer_id": None,
                       "customer_phone": phone, "total": price, "offline": i % 10 == 0,
                       "lines": [{"position": 1, "sku": sku, "name": "乾電池 3號 4入", "product_type": "regular",
                                  "quantity": 1, "unit_price": price, "catalog_price": 105, "amount": price}],
                       "payments": [{"kind": "cash", "amount": price, "tendered": price, "change": 0,
                                     "reference": ""}], "invoice": invoice}
            reconciliation = {
                "lines": [{"position": 1, "sku": sku, "product_type": "regular", "entered_name": "乾電池 3號 4入",
                           "hq_name": None if unknown else "乾電池 3號 4入", "name_fixed": False,
                           "entered_price": price, "catalog_price": None if unknown else 105,
                           "price_override": override, "unknown_sku": unknown}],
                "customer_id": None, "customer_linked": False, "invoice_number": number,
                "period_code": invoice["period_code"], "manual_invoice": False, "attention": reasons}
            result = {"order_id": key, "outcome": "accepted", "replay": False,
                      "received_at": (created + timedelta(seconds=2)).isoformat(), "reconciliation": reconciliation}
            orders.append({"id": key, "station_id": station, "order_no": f"{station}-{i:08d}", "seq": i + 1,
                           "created_at": created, "received_at": created + timedelta(seconds=2), "staff_id": "E001",
                           "customer_id": None, "customer_phone": phone, "total": price, "offline": i % 10 == 0,
                           "payload_sha256": "0" * 64, "payload": json.dumps(payload, ensure_ascii=False),
                           "result": json.dumps(result, ensure_ascii=False), "status": "accepted",
                           "price_overrides": int(override), "attention": bool(reasons)})
            invoices.append({"order_id": key, "station_id": station, "number": number,
                             "period_code": period_of(created).code, "random_code": "1234", "issued_at": created,
                             "total": price, "sales": sales, "tax": tax, "seller_ban": "12345675", "print_mark": True,
                             "manual": False, "voided": False})
            lines.append({"order_id": key, "position": 1, "sku": sku,
                          "entered_name": "乾電池 3號 4入", "name": "乾電池 3號 4入", "product_type": "regular",
                          "quantity": 1, "unit_price": price, "catalog_price": None if unknown else 105,
                          "amount": price, "price_override": override, "unknown_sku": unknown,
                          "price_approved_by": "M001" if override else None})
            payments.append({"order_id": key, "kind": "cash", "amount": price, "tendered": price, "change": 0,
                             "reference": ""})
            if i == count // 2:
                sample = {"invoice": number, "phone": phone, "order_id": key, "day": created.date().isoformat()}
        with db.write() as session:
            for model, rows in ((HQOrder, orders), (HQInvoice, invoices), (HQOrderLine, lines),
                                (HQPayment, payments)):
                session.execute(insert(model), rows)
    return sample


def timed(client: httpx.Client, path: str, repeat: int, **kwargs: Any) -> dict[str, Any]:
    answer = client.get(path, **kwargs)  # warm-up (and the check that it works)
    assert answer.status_code == 200, (path, answer.status_code)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        answer = client.get(path, **kwargs)
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200
    times.sort()
    return {"median_ms": round(statistics.median(times), 1), "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
            "bytes": len(answer.content)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "hq.sqlite")
        db = HQDatabase(path)
        seeded = seed_demo(db, SystemClock().now())
        with db.write() as session:
            add_user(session, "owner", PASSWORD, SystemClock().now())
        start = time.perf_counter()
        sample = fill(db, args.orders)
        log(f"{args.orders} orders inserted in {time.perf_counter() - start:.1f} s")
        db.close()
        process = subprocess.Popen([sys.executable, "-m", "hq.server", "--db", path, "--port", "0"], cwd=ROOT,
                                   stdout=subprocess.PIPE, text=True)
        try:
            assert process.stdout is not None
            url = ""
            for line in process.stdout:
                if "listening on" in line:
                    url = re.search(r"listening on (http://\S+)", line).group(1)  # type: ignore[union-attr]
                    break
            office = httpx.Client(base_url=url, timeout=30)
            token = re.search(r'name="csrf" value="([^"]+)"', office.get("/office/signin").text).group(1)  # type: ignore[union-attr]
            signed = office.post("/office/signin", data={"username": "owner", "password": PASSWORD, "csrf": token})
            assert signed.status_code in (200, 303) and "hq_office" in office.cookies, signed.text[:200]
            pages = {
                "today": "/office/",
                "attention": "/office/attention",
                "orders_latest": "/office/orders",
                "orders_by_invoice": f"/office/orders?q={sample['invoice']}",
                "orders_by_phone": f"/office/orders?q={sample['phone']}",
                "orders_by_day": f"/office/orders?from={sample['day']}&to={sample['day']}",
                "order_detail": f"/office/orders/{sample['order_id']}",
                "stations": "/office/stations",
                "numbers": "/office/numbers",
                "catalog": "/office/catalog",
                "staff": "/office/staff",
                "members": "/office/members",
                "z_report": "/office/z",
                "filing": "/office/filing",
            }
            result: dict[str, Any] = {"orders": args.orders, "repeat": args.repeat, "database": "sqlite",
                                      "pages": {name: timed(office, p, args.repeat) for name, p in pages.items()}}
            api = httpx.Client(base_url=url, timeout=30, headers={"Authorization": f"Bearer {seeded.admin_token}"})
            result["reference_json_api"] = {
                "orders_page_of_50": timed(api, "/api/v1/orders?limit=50", args.repeat),
                "order_by_id": timed(api, f"/api/v1/orders/{sample['order_id']}", args.repeat),
                "health": timed(api, "/health", args.repeat),
            }
            worst = max(page["p95_ms"] for page in result["pages"].values())
            result["worst_page_p95_ms"] = worst
            result["all_pages_within_200_ms"] = worst <= 200
            result["machine"] = machine_info("fastapi", "uvicorn", "jinja2", "sqlalchemy")
        finally:
            process.terminate()
            process.communicate(timeout=10)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""HQ sync throughput: backlog drain, concurrent stations, and the catalog pull. Prints one JSON object.

- "drain": N orders queued in a station's outbox (written with bulk inserts, the way a day offline would
  leave them) uploaded by core.sync.uploader to a local HQ (uvicorn in a child process, SQLite) in
  batches; orders/s, then HQ's table checked: every order exactly once. Then the whole backlog is
  re-sent (as after a lost database of acknowledgements) and timed again: all replays, still N orders.
- "stations": 20 simulated stations uploading at once (one HTTP client each, batches of 100) to HQ on
  SQLite and on PostgreSQL; orders/s over the whole run, exactly-once checked.
- "catalog_pull": HQ with 100,000 products; a fresh station pulls them by delta cursor (core.sync.pull)
  in a child process, reporting seconds and that process's resident memory before, at its peak and after.
  The peak is VmHWM, not getrusage's ru_maxrss, which Linux carries over exec from the parent: it used to
  report this bench's own peak (after loading HQ and the earlier parts): 160-170 MB for a 95 MB station.

PostgreSQL: $CASHIER_TEST_PG_URL if set, else a cluster started with .ci/start-postgres --durable (fsync on).

Usage: .venv/bin/python bench/bench_sync.py [--quick] [--skip-postgres] [--only drain|stations|catalog] [--hq-workers N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select, text  # noqa: E402

from core.clock import ManualClock, SystemClock, to_taipei  # noqa: E402
from core.einvoice import BOOKLET_SIZE, period_of, split_tax  # noqa: E402

FULL = {"drain": 10_000, "stations": 20, "per_station": 500, "products": 100_000}
QUICK = {"drain": 2_000, "stations": 20, "per_station": 50, "products": 10_000}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def hq_process(db_url: str, workers: int = 1) -> Iterator[str]:
    """HQ under uvicorn in a child process (its own interpreter: no GIL shared with the station)."""
    process = subprocess.Popen([sys.executable, "-m", "hq.server", "--db", db_url, "--port", "0",
                                "--workers", str(workers)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        for line in process.stdout:
            found = re.search(r"listening on (http://\S+)", line)
            if found:
                yield found.group(1)
                break
        else:
            raise RuntimeError("HQ did not start")
    finally:
        process.terminate()
        process.wait(10)


def prepare_hq(db_url: str, stations: list[str], products: int = 200,
               numbers: dict[str, tuple[str, int]] | None = None) -> dict[str, str]:
    """A seeded HQ with these stations; `numbers` gives a station its invoice numbers (track, 1..count), which
    HQ accepts only from the station they were allocated to."""
    from core.sync.protocol import ProductIn
    from hq.auth import issue_token
    from hq.booklets import hand_over
    from hq.catalog import upsert_products
    from hq.db import HQDatabase
    from hq.seed import seed_demo

    db = HQDatabase(db_url)
    db.truncate_all()
    now = SystemClock().now()
    seed_demo(db, now, stations=())
    with db.write() as session:
        tokens = {s: issue_token(session, s, now=now) for s in stations}
        for station, (track, count) in (numbers or {}).items():
            last = (count // BOOKLET_SIZE + 1) * BOOKLET_SIZE - 1  # whole booklets from 0 cover 1..count
            hand_over(session, station, period_code=period_of(now).code, track=track, first=0, last=last, now=now)
    if products > 200:
        batch = 10_000
        for start in range(200, products, batch):
            items = [ProductIn(sku=f"P{i:07d}", barcode=f"2{i:012d}", name=f"商品 {i:07d} 測試品名",
                               price_regular=10 + i % 990, price_addon=None if i % 3 else 8 + i % 800)
                     for i in range(start, min(products, start + batch))]
            with db.write() as session:
                upsert_products(session, items, now)
    db.close()
    return tokens


def hq_order_count(db_url: str) -> tuple[int, int]:
    from hq.db import HQDatabase
    from hq.tables import HQOrder

    db = HQDatabase(db_url)
    with db.read() as session:
        total, distinct = session.execute(select(func.count(), func.count(func.distinct(HQOrder.id)))).one()
    db.close()
    return int(total), int(distinct)


# ---------------------------------------------------------------- drain

def queue_orders(path: Path, count: int, clock: ManualClock) -> None:
    """A station database whose outbox holds `count` waiting orders (bulk-inserted, like bench_checkout)."""
    from core.store import Database
    from core.store.catalog import upsert_staff
    from core.store.tables import Invoice, Order, OrderLine, OutboxEntry, Payment

    db = Database(path)
    now = clock.now().replace(microsecond=0)
    period = period_of(now)
    with db.write() as session:
        upsert_staff(session, [{"id": "E001", "name": "王小明", "role": "cashier", "pin_hash": "x", "active": True,
                                "updated_at": now}])
    rows: dict[str, list[dict[str, Any]]] = {"orders": [], "lines": [], "payments": [], "invoices": [], "outbox": []}
    for seq in range(1, count + 1):
        order_id = str(uuid.uuid4())
        total = 105 + 2 * 39
        sales, tax = split_tax(total)
        rows["orders"].append({"id": order_id, "order_no": f"S01-{seq:06d}", "seq": seq, "station_id": "S01",
                               "created_at": now, "staff_id": "E001", "total": total, "offline": True,
                               "status": "completed"})
        rows["lines"] += [
            {"order_id": order_id, "position": 1, "sku": "SKU00001", "name": "電池", "product_type": "regular",
             "quantity": 1, "unit_price": 105, "catalog_price": 105, "amount": 105, "price_override": False,
             "unknown_sku": False},
            {"order_id": order_id, "position": 2, "sku": "SKU00006", "name": "洋芋片", "product_type": "regular",
             "quantity": 2, "unit_price": 39, "catalog_price": 39, "amount": 78, "price_override": False,
             "unknown_sku": False}]
        rows["payments"].append({"order_id": order_id, "kind": "cash", "amount": total, "tendered": 200,
                                 "change": 200 - total, "reference": ""})
        rows["invoices"].append({"order_id": order_id, "number": f"ZZ{seq:08d}", "period_code": period.code,
                                 "random_code": "1234", "issued_at": now, "total": total, "sales": sales, "tax": tax,
                                 "seller_ban": "12345675", "qr_encoding": "utf-8", "print_mark": True,
                                 "manual": False, "voided": False, "print_count": 1})
        rows["outbox"].append({"order_id": order_id, "state": "waiting", "attempts": 0, "next_attempt_at": now,
                               "created_at": now, "updated_at": now})
    with db.write() as session:
        for model, key in ((Order, "orders"), (OrderLine, "lines"), (Payment, "payments"), (Invoice, "invoices"),
                           (OutboxEntry, "outbox")):
            session.execute(insert(model), rows[key])
    db.close()


async def drain(path: Path, url: str, token: str, clock: ManualClock, batch: int) -> tuple[float, int]:
    from core.store import Database
    from core.sync.client import HQClient
    from core.sync.uploader import Uploader

    db = Database(path)
    async with HQClient(url, token, timeout=60) as client:
        uploader = Uploader(db, client, clock, batch_size=batch, rng=random.Random(1))
        started = time.perf_counter()
        rounds = await uploader.drain()
        seconds = time.perf_counter() - started
    replays = sum(1 for r in rounds for o in r.outcomes if o.replay)
    errors = [r.error for r in rounds if r.error]
    if errors:
        raise RuntimeError(f"drain failed: {errors[0]}")
    db.close()
    return seconds, replays


def bench_drain(count: int, batch: int = 200) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    hq_url = f"sqlite:///{folder / 'hq.sqlite'}"
    tokens = prepare_hq(hq_url, ["S01"], numbers={"S01": ("ZZ", count)})
    clock = ManualClock(SystemClock().now())
    station = folder / "station.db"
    log(f"drain: queueing {count} orders")
    queue_orders(station, count, clock)
    with hq_process(hq_url) as url:
        log("drain: uploading")
        seconds, _ = asyncio.run(drain(station, url, tokens["S01"], clock, batch))
        total, distinct = hq_order_count(hq_url)
        from core.store import Database

        db = Database(station)  # every acknowledgement lost: send the whole backlog again
        with db.write() as session:
            session.execute(text("UPDATE outbox SET state = 'waiting', result = NULL"))
        db.close()
        log("drain: replaying the whole backlog")
        replay_seconds, replays = asyncio.run(drain(station, url, tokens["S01"], clock, batch))
        after_total, after_distinct = hq_order_count(hq_url)
    return {
        "orders": count, "batch": batch, "seconds": round(seconds, 3), "orders_per_s": round(count / seconds),
        "target_orders_per_s": 500, "hq_orders": total, "hq_distinct_orders": distinct,
        "exactly_once": total == distinct == count,
        "replay": {"seconds": round(replay_seconds, 3), "orders_per_s": round(count / replay_seconds),
                   "answered_as_replay": replays, "hq_orders_after": after_total,
                   "exactly_once": after_total == after_distinct == count and replays == count},
    }


# ---------------------------------------------------------------- concurrent stations

def station_orders(index: int, station: str, count: int) -> list[dict[str, Any]]:
    now = to_taipei(SystemClock().now()).replace(microsecond=0)
    period = period_of(now)
    track = "Q" + chr(ord("A") + index)
    orders = []
    for seq in range(1, count + 1):
        total = 105 * (1 + seq % 3)
        sales, tax = split_tax(total)
        orders.append({
            "id": str(uuid.uuid4()), "order_no": f"{station}-{seq:06d}", "seq": seq, "station_id": station,
            "created_at": now.isoformat(), "staff_id": "E001", "customer_id": None, "customer_phone": None,
            "total": total, "offline": True,
            "lines": [{"position": 1, "sku": "SKU00001", "name": "乾電池", "product_type": "regular",
                       "quantity": 1 + seq % 3, "unit_price": 105, "catalog_price": 105, "amount": total}],
            "payments": [{"kind": "cash", "amount": total, "tendered": total, "change": 0, "reference": ""}],
            "invoice": {"number": f"{track}{seq:08d}", "period_code": period.code, "random_code": "0420",
                        "issued_at": now.isoformat(), "total": total, "sales": sales, "tax": tax,
                        "seller_ban": "12345675", "buyer_ban": None, "carrier_type": None, "carrier_id": None,
                        "donation_code": None, "qr_left": None, "qr_right": None, "print_mark": True,
                        "manual": False}})
    return orders


async def run_stations(url: str, tokens: dict[str, str], per_station: int, batch: int) -> float:
    from core.sync.client import HQClient

    work = {s: station_orders(i, s, per_station) for i, s in enumerate(tokens)}

    async def one(station: str) -> None:
        async with HQClient(url, tokens[station], timeout=120) as client:
            orders = work[station]
            for start in range(0, len(orders), batch):
                reply = await client.upload(orders[start:start + batch])
                assert all(r.outcome == "accepted" for r in reply.results)

    started = time.perf_counter()
    await asyncio.gather(*(one(s) for s in tokens))
    return time.perf_counter() - started


def bench_stations(db_url: str, stations: int, per_station: int, batch: int = 100, workers: int = 1) -> dict[str, Any]:
    names = [f"S{i + 1:02d}" for i in range(stations)]
    tokens = prepare_hq(db_url, names,
                        numbers={name: ("Q" + chr(ord("A") + i), per_station) for i, name in enumerate(names)})
    with hq_process(db_url, workers) as url:
        seconds = asyncio.run(run_stations(url, tokens, per_station, batch))
    total, distinct = hq_order_count(db_url)
    count = stations * per_station
    return {"stations": stations, "orders": count, "batch": batch, "hq_workers": workers, "seconds": round(seconds, 3),
            "orders_per_s": round(count / seconds), "exactly_once": total == distinct == count}


# ---------------------------------------------------------------- catalog pull

def pull_child(url: str, token: str, path: str) -> None:
    """Runs in its own process: a fresh station pulling the whole catalog; prints seconds and peak RSS."""
    from core.store import Database
    from core.sync.client import HQClient
    from core.sync.pull import Puller

    baseline_mb = _rss_mb()

    async def main() -> tuple[float, int]:
        db = Database(path)
        async with HQClient(url, token, timeout=120) as client:
            started = time.perf_counter()
            result = await Puller(db, client, SystemClock()).pull_products()
            seconds = time.perf_counter() - started
        db.close()
        return seconds, result.count

    seconds, count = asyncio.run(main())
    print(json.dumps({"seconds": round(seconds, 3), "products": count, "station_rss_before_mb": baseline_mb,
                      "station_peak_rss_mb": _rss_mb("VmHWM:"), "station_rss_after_mb": _rss_mb()}))


def _rss_mb(field: str = "VmRSS:") -> float:
    """From /proc/self/status: VmRSS (now) or VmHWM (the peak since this process's exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return round(int(line.split()[1]) / 1024, 1)
    return -1.0


def bench_catalog(products: int) -> dict[str, Any]:
    from core.sync.protocol import DEFAULT_PAGE

    folder = Path(tempfile.mkdtemp(prefix="bench-catalog-"))
    hq_url = f"sqlite:///{folder / 'hq.sqlite'}"
    log(f"catalog: loading {products} products into HQ")
    tokens = prepare_hq(hq_url, ["S01"], products=products)
    with hq_process(hq_url) as url:
        log("catalog: pulling")
        out = subprocess.run([sys.executable, __file__, "--pull-child", url, tokens["S01"], str(folder / "st.db")],
                             capture_output=True, text=True, check=True, cwd=ROOT)
    result = json.loads(out.stdout)
    result["page_size"] = DEFAULT_PAGE  # Puller's default, as SyncOptions.page_size
    return result


@contextmanager
def postgres_url() -> Iterator[tuple[str, str]]:
    url = os.environ.get("CASHIER_TEST_PG_URL")
    if url:
        yield url, "CASHIER_TEST_PG_URL"
        return
    folder = tempfile.mkdtemp(prefix="bench-pg-")
    script = str(ROOT / ".ci" / "start-postgres")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    out = subprocess.run([script, "--dir", folder, "--port", str(port), "--durable"], capture_output=True, text=True,
                         check=True)
    try:
        yield out.stdout.strip().splitlines()[-1], ".ci/start-postgres --durable (fsync on)"
    finally:
        subprocess.run([script, "--stop", "--dir", folder], capture_output=True, check=False)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--only", choices=("drain", "stations", "catalog"), help="run only this part")
    parser.add_argument("--hq-workers", type=int, default=1, metavar="N",
                        help="HQ's processes for the stations part on PostgreSQL (hq.server --workers)")
    parser.add_argument("--pull-child", nargs=3, metavar=("URL", "TOKEN", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pull_child:
        pull_child(*args.pull_child)
        return 0
    sizes = QUICK if args.quick else FULL
    result: dict[str, Any] = {
        "bench": "sync", "quick": args.quick, "python": platform.python_version(), "cpus": os.cpu_count(),
    }
    if args.only in (None, "drain"):
        result["drain"] = bench_drain(sizes["drain"])
    if args.only in (None, "stations"):
        folder = Path(tempfile.mkdtemp(prefix="bench-stations-"))
        log("stations: SQLite")
        result["stations_sqlite"] = bench_stations(f"sqlite:///{folder / 'hq.sqlite'}", sizes["stations"],
                                                   sizes["per_station"])  # one writer: one process
        if not args.skip_postgres:
            with postgres_url() as (url, source):
                log("stations: PostgreSQL")
                result["stations_postgresql"] = {**bench_stations(url, sizes["stations"], sizes["per_station"],
                                                                  workers=args.hq_workers), "server": source}
    if args.only in (None, "catalog"):
        result["catalog_pull"] = bench_catalog(sizes["products"])
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

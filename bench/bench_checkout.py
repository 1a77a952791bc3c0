"""Per-sale checkout time on a store with 100,000 products and 100,000 orders, and bytes per 10,000 orders.

Prints one JSON object to stdout (progress goes to stderr). Three targets are timed sale by sale,
taking turns so that noise from the rest of the machine lands on all of them alike:
- "store_100k": core.checkout.checkout on the loaded store (the figure the budget is about);
- "store_empty": the same call on a fresh store with no products and no orders (the cost of size);
- "raw_sqlite3_empty": the same statements through the bare sqlite3 module in one BEGIN IMMEDIATE …
  COMMIT, with the same PRAGMAs, on a fresh database of the same schema (the cost of the ORM and of
  checkout's own code). It calls the same qr_payloads, because checkout does that inside its
  transaction too; it skips input validation and building the proof copy.

Historical orders are not made through checkout(), which would take minutes: they are inserted with
SQLAlchemy core executemany in a few big transactions, numbered from exhausted booklets of a past period
(track ZZ, period 11506) so they can never collide with the numbers the timed sales take.

Usage: .venv/bin/python bench/bench_checkout.py [--quick] [--products N] [--orders N] [--sales N] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from machine import machine_info  # bench/machine.py: scripts run as `python bench/<name>.py`
from sqlalchemy import insert

from core.checkout import CartLine, CheckoutRequest, InvoiceRequest, PaymentKind, Seller, Tender, checkout
from core.checkout.service import ORDER_COUNTER
from core.clock import TAIPEI, ManualClock, to_taipei
from core.einvoice import BOOKLET_SIZE, make_booklet, period_of, qr_payloads, random_code, split_tax
from core.pins import hash_pin
from core.store import Database
from core.store.booklets import add_booklet
from core.store.catalog import upsert_products, upsert_staff
from core.store.tables import Booklet, Invoice, Order, OrderLine, OutboxEntry, Payment

FULL = {"products": 100_000, "orders": 100_000, "sales": 1_000}
QUICK = {"products": 10_000, "orders": 10_000, "sales": 200}
PRODUCT_BATCH = 5_000
ORDER_CHUNK = 20_000  # orders per bulk transaction: five for the full run, few enough to stay fast

STATION_ID = "S01"
STAFF_ID = "C001"
SELLER = Seller(station_id=STATION_ID, ban="12345675", name="示範商店股份有限公司",
                aes_key_hex="0123456789abcdef0123456789abcdef")
# The timed sales happen in period 11512; history sits in 11506 so its numbers cannot collide.
SALES_START = datetime(2026, 11, 22, 9, 0, tzinfo=TAIPEI)
HISTORY_START = datetime(2026, 5, 1, 8, 0, tzinfo=TAIPEI)
HISTORY_END = datetime(2026, 6, 30, 22, 0, tzinfo=TAIPEI)
HISTORY_TRACK = "ZZ"
SALES_TRACK = "AB"
SECONDS_BETWEEN_SALES = 5

PRODUCT_NAMES = ("礦泉水 600ml", "御飯糰 鮪魚", "茶葉蛋", "鮮奶 936ml", "洋芋片 原味", "衛生紙 12入", "咖啡 拿鐵",
                 "泡麵 牛肉", "原子筆 藍", "電池 3號 4入")

Product = tuple[str, str, int]  # sku, name, regular price


def log(message: str) -> None:
    print(f"[bench_checkout] {message}", file=sys.stderr, flush=True)


def checkout_machine_info(directory: Path) -> dict[str, Any]:
    # synchronous=FULL makes every sale an fsync: the file system decides much of the figure.
    return machine_info("sqlalchemy", "sqlmodel", sqlite=sqlite3.sqlite_version,
                        database_filesystem=_filesystem(directory))


def _filesystem(directory: Path) -> str | None:
    try:
        mounts = Path("/proc/self/mounts").read_text().splitlines()
    except OSError:
        return None
    target, best, kind = str(directory.resolve()), -1, None
    for line in mounts:
        fields = line.split()
        point = fields[1]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > best:
            best, kind = len(point), fields[2]
    return kind


def summarize_ms(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {
        "mean": round(statistics.fmean(samples) * 1e3, 3),
        "p50": round(cuts[49] * 1e3, 3),
        "p95": round(cuts[94] * 1e3, 3),
        "p99": round(cuts[98] * 1e3, 3),
        "min": round(min(samples) * 1e3, 3),
        "max": round(max(samples) * 1e3, 3),
        "n": len(samples),
    }


# --- sizes -----------------------------------------------------------------------------------------


def checkpointed_size(path: Path) -> dict[str, int]:
    """Main file + WAL after a TRUNCATE checkpoint: what the data really occupies on disk."""
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise RuntimeError(f"checkpoint of {path} was blocked by a reader or writer")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        free = connection.execute("PRAGMA freelist_count").fetchone()[0]
    wal = path.with_name(path.name + "-wal")
    return {
        "bytes": path.stat().st_size + (wal.stat().st_size if wal.exists() else 0),
        "page_size": page_size,
        "pages": pages,
        "free_pages": free,
    }


def per_10k(grown_bytes: int, orders: int) -> int:
    return round(grown_bytes / orders * 10_000)


# --- setting stores up -----------------------------------------------------------------------------


def prepare_store(db: Database, clock: ManualClock, numbers_needed: int) -> None:
    """A cashier who may sell, and enough booklets of the current period for every sale of the run."""
    now = clock.now()
    with db.write() as session:
        upsert_staff(session, [{"id": STAFF_ID, "name": "王小明", "role": "cashier", "pin_hash": hash_pin("1234"),
                                "active": True, "updated_at": now}])
        period = period_of(now)
        for index in range(math.ceil(numbers_needed / BOOKLET_SIZE)):
            start = index * BOOKLET_SIZE
            add_booklet(session, make_booklet(SALES_TRACK, start, start + BOOKLET_SIZE - 1, period), now)


def make_products(count: int, rng: random.Random) -> list[Product]:
    return [(f"P{i:07d}", f"{PRODUCT_NAMES[i % len(PRODUCT_NAMES)]} #{i:06d}", rng.randint(10, 2_000))
            for i in range(count)]


def load_products(db: Database, products: list[Product], now: datetime) -> float:
    started = time.perf_counter()
    for first in range(0, len(products), PRODUCT_BATCH):
        rows = [
            {"sku": sku, "barcode": f"471{i:010d}", "name": name, "price_regular": price,
             "price_addon": price * 8 // 10 if i % 10 == 0 else None, "price_gift": 0 if i % 50 == 0 else None,
             "active": True, "updated_at": now}
            for i, (sku, name, price) in enumerate(products[first:first + PRODUCT_BATCH], start=first)
        ]
        with db.write() as session:
            upsert_products(session, rows)
    return time.perf_counter() - started


@dataclass
class HistoryChunk:
    orders: list[dict[str, Any]]
    lines: list[dict[str, Any]]
    payments: list[dict[str, Any]]
    invoices: list[dict[str, Any]]
    outbox: list[dict[str, Any]]


def history_chunk(first: int, count: int, total_orders: int, products: list[Product],
                  rng: random.Random) -> HistoryChunk:
    """Rows shaped like checkout's: 2 lines, cash, a real QR pair; mostly printed, some carriers, some B2B."""
    chunk = HistoryChunk([], [], [], [], [])
    span = (HISTORY_END - HISTORY_START).total_seconds()
    for index in range(first, first + count):
        seq = index + 1
        order_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        created = HISTORY_START + timedelta(seconds=int(span * index / total_orders))
        picked = rng.sample(products, 2)
        quantities = [rng.randint(1, 3) for _ in picked]
        total = sum(q * price for q, (_, _, price) in zip(quantities, picked, strict=True))
        sales, tax = split_tax(total)
        tendered = -(-total // 100) * 100
        kind = rng.random()
        buyer_ban = "04595257" if kind < 0.05 else None
        carrier = "/ABC+123" if 0.05 <= kind < 0.30 else None
        code = f"{rng.randrange(10_000):04d}"
        number = f"{HISTORY_TRACK}{index:08d}"
        qr_left, qr_right = qr_payloads(
            number=number, random_code=code, issued=created, total=total, seller_ban=SELLER.ban,
            buyer_ban=buyer_ban, items=[(name, q, price) for q, (_, name, price) in zip(quantities, picked,
                                                                                        strict=True)],
            aes_key_hex=SELLER.aes_key_hex,
        )
        printed = carrier is None
        chunk.orders.append({
            "id": order_id, "order_no": f"{STATION_ID}-{seq:06d}", "seq": seq, "station_id": STATION_ID,
            "created_at": created, "staff_id": STAFF_ID, "customer_id": None,
            "customer_phone": "0912345678" if index % 10 == 0 else None, "total": total,
            "offline": index % 20 == 0, "status": "completed",
        })
        for position, (q, (sku, name, price)) in enumerate(zip(quantities, picked, strict=True), start=1):
            chunk.lines.append({
                "order_id": order_id, "position": position, "sku": sku, "name": name, "product_type": "regular",
                "quantity": q, "unit_price": price, "catalog_price": price, "amount": q * price,
            })
        chunk.payments.append({"order_id": order_id, "kind": "cash", "amount": total, "tendered": tendered,
                               "change": tendered - total, "reference": ""})
        chunk.invoices.append({
            "order_id": order_id, "number": number, "period_code": period_of(created).code, "random_code": code,
            "issued_at": created, "total": total, "sales": sales, "tax": tax, "seller_ban": SELLER.ban,
            "buyer_ban": buyer_ban, "carrier_type": "mobile" if carrier else None, "carrier_id": carrier,
            "donation_code": None, "qr_left": qr_left, "qr_right": qr_right, "qr_encoding": "utf-8",
            "print_mark": printed, "manual": False, "voided": False, "voided_at": None, "void_reason": None,
            "print_count": 1 if printed else 0, "printed_at": created if printed else None,
        })
        uploaded = created + timedelta(seconds=3)
        chunk.outbox.append({
            "order_id": order_id, "state": "success", "attempts": 1, "next_attempt_at": created,
            "last_error": None, "created_at": created, "updated_at": uploaded,
            # HQ's answer has no fixed form yet; a short acknowledgement stands in for it.
            "result": json.dumps({"order_id": order_id, "status": "created", "reconciliation": []}),
        })
    return chunk


def load_history(db: Database, count: int, products: list[Product], rng: random.Random) -> dict[str, float]:
    generate = insert_seconds = 0.0
    transactions = 0
    for first in range(0, count, ORDER_CHUNK):
        started = time.perf_counter()
        chunk = history_chunk(first, min(ORDER_CHUNK, count - first), count, products, rng)
        generate += time.perf_counter() - started
        started = time.perf_counter()
        with db.engine.begin() as connection:
            # Parents first: foreign keys are enforced.
            connection.execute(insert(Order.__table__), chunk.orders)  # type: ignore[attr-defined]
            connection.execute(insert(OrderLine.__table__), chunk.lines)  # type: ignore[attr-defined]
            connection.execute(insert(Payment.__table__), chunk.payments)  # type: ignore[attr-defined]
            connection.execute(insert(Invoice.__table__), chunk.invoices)  # type: ignore[attr-defined]
            connection.execute(insert(OutboxEntry.__table__), chunk.outbox)  # type: ignore[attr-defined]
        insert_seconds += time.perf_counter() - started
        transactions += 1
        log(f"history: {first + len(chunk.orders):,} / {count:,} orders")
    started = time.perf_counter()
    with db.engine.begin() as connection:
        # The booklets the history's numbers came from, all used up, and the order counter where it stands.
        received = HISTORY_START - timedelta(days=1)
        connection.execute(insert(Booklet.__table__), [  # type: ignore[attr-defined]
            {"period_code": period_of(HISTORY_START).code, "track": HISTORY_TRACK, "start": start,
             "end": start + BOOKLET_SIZE - 1, "next_offset": min(BOOKLET_SIZE, count - start), "received_at": received}
            for start in range(0, count, BOOKLET_SIZE)
        ])
        connection.exec_driver_sql("INSERT INTO counters (name, value) VALUES (?, ?)", (ORDER_COUNTER, count))
    insert_seconds += time.perf_counter() - started
    transactions += 1
    return {"generate_seconds": round(generate, 2), "insert_seconds": round(insert_seconds, 2),
            "seconds": round(generate + insert_seconds, 2), "transactions": transactions}


# --- the sales -------------------------------------------------------------------------------------


def make_requests(count: int, products: list[Product], rng: random.Random) -> list[CheckoutRequest]:
    """3-line carts paid in cash with change, printed B2C invoices: the common sale."""
    requests = []
    for _ in range(count):
        lines = [CartLine(sku=sku, name=name, quantity=rng.randint(1, 3), unit_price=price, catalog_price=price)
                 for sku, name, price in rng.sample(products, 3)]
        total = sum(line.amount for line in lines)
        tender = Tender(PaymentKind.CASH, -(-total // 100) * 100)
        requests.append(CheckoutRequest(lines=lines, tenders=[tender], invoice=InvoiceRequest.printed(),
                                        staff_id=STAFF_ID))
    return requests


def _iso(when: datetime) -> str:
    return to_taipei(when).isoformat(timespec="seconds")


class RawCheckout:
    """checkout()'s statements through the bare sqlite3 module: the floor the ORM version is measured against."""

    def __init__(self, path: Path, clock: ManualClock) -> None:
        self.clock = clock
        self.connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5)
        for pragma in ("busy_timeout = 5000", "journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
            self.connection.execute(f"PRAGMA {pragma}")

    def close(self) -> None:
        self.connection.close()

    def __call__(self, request: CheckoutRequest) -> None:
        db = self.connection
        now = self.clock.now().replace(microsecond=0)
        at = _iso(now)
        period = period_of(now).code
        order_id = str(uuid.uuid4())
        code = random_code()
        total = sum(line.amount for line in request.lines)
        sales, tax = split_tax(total)
        tendered = sum(tender.amount for tender in request.tenders)
        db.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("SELECT id, name, role, pin_hash, active, updated_at FROM staff WHERE id = ?",
                          (request.staff_id,)).fetchone() is None:
                raise LookupError(request.staff_id)
            booklet_id, track, start, offset = db.execute(
                "SELECT id, track, start, next_offset FROM booklets WHERE period_code = ? AND next_offset < ? "
                "ORDER BY received_at, track, start LIMIT 1", (period, BOOKLET_SIZE)).fetchone()
            db.execute("UPDATE booklets SET next_offset = ? WHERE id = ? AND next_offset = ?",
                       (offset + 1, booklet_id, offset))
            number = f"{track}{start + offset:08d}"
            (seq,) = db.execute("INSERT INTO counters (name, value) VALUES (?, 1) "
                                "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
                                (ORDER_COUNTER,)).fetchone()
            qr_left, qr_right = qr_payloads(
                number=number, random_code=code, issued=now, total=total, seller_ban=SELLER.ban,
                items=[(ln.name, ln.quantity, ln.unit_price) for ln in request.lines],
                aes_key_hex=SELLER.aes_key_hex, max_version=SELLER.max_qr_version,
            )
            db.execute("INSERT INTO orders (id, order_no, seq, station_id, created_at, staff_id, customer_id, "
                       "customer_phone, total, offline, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (order_id, f"{STATION_ID}-{seq:06d}", seq, STATION_ID, at, request.staff_id, None, None,
                        total, 0, "completed"))
            db.executemany("INSERT INTO order_lines (order_id, position, sku, name, product_type, quantity, "
                           "unit_price, catalog_price, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [(order_id, position, ln.sku, ln.name, ln.product_type.value, ln.quantity, ln.unit_price,
                             ln.catalog_price, ln.amount) for position, ln in enumerate(request.lines, start=1)])
            db.execute("INSERT INTO payments (order_id, kind, amount, tendered, change, reference) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (order_id, "cash", total, tendered, tendered - total, ""))
            db.execute("INSERT INTO invoices (order_id, number, period_code, random_code, issued_at, total, sales, "
                       "tax, seller_ban, buyer_ban, carrier_type, carrier_id, donation_code, qr_left, qr_right, "
                       "qr_encoding, print_mark, manual, voided, voided_at, void_reason, print_count, printed_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (order_id, number, period, code, at, total, sales, tax, SELLER.ban, None, None, None, None,
                        qr_left, qr_right, "utf-8", 1, 0, 0, None, None, 0, None))
            db.execute("INSERT INTO outbox (order_id, state, attempts, next_attempt_at, last_error, result, "
                       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (order_id, "waiting", 0, at, None, None, at, at))
            db.execute("SELECT coalesce(sum(? - next_offset), 0) FROM booklets WHERE period_code = ?",
                       (BOOKLET_SIZE, period)).fetchone()
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


Target = Callable[[CheckoutRequest], object]


def run_sales(targets: dict[str, Target], requests: list[CheckoutRequest], clock: ManualClock,
              into: dict[str, list[float]]) -> None:
    """Every request goes to every target in turn; who goes first rotates so no target always follows a commit."""
    names = list(targets)
    clock_now = time.perf_counter
    for index, request in enumerate(requests):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            sell = targets[name]
            started = clock_now()
            sell(request)
            into[name].append(clock_now() - started)
        clock.advance(seconds=SECONDS_BETWEEN_SALES)


# --- putting it together ---------------------------------------------------------------------------


@contextmanager
def work_directory(given: str | None) -> Iterator[Path]:
    """A temporary directory, or a new one inside --dir that is kept for inspection."""
    if given is None:
        with tempfile.TemporaryDirectory(prefix="bench-checkout-") as name:
            yield Path(name)
        return
    Path(given).mkdir(parents=True, exist_ok=True)
    yield Path(tempfile.mkdtemp(prefix="bench-checkout-", dir=given))


def bench(root: Path, products_count: int, orders_count: int, sales: int, warmup: int) -> dict[str, Any]:
    rng = random.Random(20261122)
    clock = ManualClock(SALES_START)
    numbers_needed = warmup + sales

    log(f"creating stores in {root}")
    big = Database(root / "store-100k.db")
    empty = Database(root / "store-empty.db")
    raw_path = root / "raw-reference.db"
    for db in (big, empty):
        prepare_store(db, clock, numbers_needed)
    reference_setup = Database(raw_path)
    prepare_store(reference_setup, clock, numbers_needed)
    reference_setup.close()
    raw = RawCheckout(raw_path, clock)
    sizes: dict[str, Any] = {"empty_store": checkpointed_size(empty.path)}

    log(f"loading {products_count:,} products")
    products = make_products(products_count, rng)
    products_seconds = load_products(big, products, clock.now())
    sizes["after_products"] = checkpointed_size(big.path)

    log(f"loading {orders_count:,} historical orders")
    history = load_history(big, orders_count, products, rng)
    sizes["after_orders"] = checkpointed_size(big.path)
    bulk_growth = sizes["after_orders"]["bytes"] - sizes["after_products"]["bytes"]

    requests = make_requests(numbers_needed, products, rng)
    targets: dict[str, Target] = {
        "store_100k": lambda request: checkout(big, SELLER, clock, request),
        "store_empty": lambda request: checkout(empty, SELLER, clock, request),
        "raw_sqlite3_empty": raw,
    }
    log(f"{warmup} warm-up sales per target")
    warm: dict[str, list[float]] = {name: [] for name in targets}
    run_sales(targets, requests[:warmup], clock, warm)
    before = {"store_100k": checkpointed_size(big.path), "store_empty": checkpointed_size(empty.path)}

    log(f"{sales:,} timed sales per target")
    timed: dict[str, list[float]] = {name: [] for name in targets}
    run_sales(targets, requests[warmup:], clock, timed)
    after = {"store_100k": checkpointed_size(big.path), "store_empty": checkpointed_size(empty.path)}
    raw.close()
    big.close()
    empty.close()

    results = {name: summarize_ms(samples) for name, samples in timed.items()}
    growth = {name: after[name]["bytes"] - before[name]["bytes"] for name in after}
    return {
        "load": {
            "products": products_count,
            "products_seconds": round(products_seconds, 2),
            "products_batch": PRODUCT_BATCH,
            "orders": orders_count,
            "orders_seconds": history["seconds"],
            "orders_generate_seconds": history["generate_seconds"],
            "orders_insert_seconds": history["insert_seconds"],
            "orders_transactions": history["transactions"],
        },
        "checkout_ms": results,
        "first_sale_ms": {name: round(samples[0] * 1e3, 3) for name, samples in warm.items() if samples},
        "ratios_p50": {
            "store_100k_vs_store_empty": round(results["store_100k"]["p50"] / results["store_empty"]["p50"], 2),
            "store_empty_vs_raw_sqlite3": round(results["store_empty"]["p50"] / results["raw_sqlite3_empty"]["p50"],
                                                2),
        },
        "size": {
            "empty_store_bytes": sizes["empty_store"]["bytes"],
            "after_products_bytes": sizes["after_products"]["bytes"],
            "after_orders_bytes": sizes["after_orders"]["bytes"],
            "page_size": sizes["after_orders"]["page_size"],
            "free_pages_after_orders": sizes["after_orders"]["free_pages"],
            "bulk_orders_bytes": bulk_growth,
            "bulk_bytes_per_10k_orders": per_10k(bulk_growth, orders_count),
            "checkout_growth_bytes": growth,
            "checkout_bytes_per_10k_orders": {name: per_10k(grown, sales) for name, grown in growth.items()},
            "note": "bulk history has 2 lines an order and uploaded outbox rows; timed sales have 3 lines and "
                    "waiting outbox rows; sizes are main file + WAL after PRAGMA wal_checkpoint(TRUNCATE)",
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "bench_checkout").splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"smoke run: {QUICK['products']:,} products, {QUICK['orders']:,} orders, "
                             f"{QUICK['sales']} sales")
    parser.add_argument("--products", type=int, help=f"catalog size (default {FULL['products']:,})")
    parser.add_argument("--orders", type=int, help=f"historical orders (default {FULL['orders']:,})")
    parser.add_argument("--sales", type=int, help=f"timed checkouts per target (default {FULL['sales']:,})")
    parser.add_argument("--warmup", type=int, default=20, help="untimed checkouts per target first (default 20)")
    parser.add_argument("--dir", help="make the databases in a new folder inside DIR and keep them")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    products = sizes["products"] if args.products is None else args.products
    orders = sizes["orders"] if args.orders is None else args.orders
    sales = sizes["sales"] if args.sales is None else args.sales
    if products < 3 or orders < 1 or sales < 100 or args.warmup < 1:
        parser.error("need at least 3 products, 1 order, 100 sales (for a p99) and 1 warm-up sale")

    started = time.perf_counter()
    with work_directory(args.dir) as root:
        figures = bench(root, products, orders, sales, args.warmup)
        machine = checkout_machine_info(root)
    report = {
        "benchmark": "checkout",
        "machine": machine,
        "config": {"quick": args.quick, "products": products, "orders": orders, "sales": sales,
                   "warmup": args.warmup, "dir": args.dir, "pragmas": "journal_mode=WAL, synchronous=FULL"},
        "unit": "milliseconds per sale (perf_counter around each call)",
        **figures,
        "wall_seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

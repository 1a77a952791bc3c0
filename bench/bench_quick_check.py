"""The cost of the station's integrity check on open (core/store/integrity.py) on a big database:
100,000 products and 100,000 orders, built as bench_checkout.py builds its store.

Prints one JSON object to stdout (progress goes to stderr): PRAGMA quick_check(10) with the page cache
cold for the process (a fresh connection; the OS page cache is warm after the build, as on a till that
just closed) and warm (run again on the same connection), and Database() open with and without the check.
Each figure is the median of --runs runs.

Usage: .venv/bin/python bench/bench_quick_check.py [--quick] [--runs N] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench_checkout import (
    FULL,
    QUICK,
    SALES_START,
    load_history,
    load_products,
    make_products,
    prepare_store,
    work_directory,
)
from machine import machine_info  # bench/machine.py: scripts run as `python bench/<name>.py`

from core.clock import ManualClock
from core.store import Database
from core.store.integrity import OPEN_BUDGET_SECONDS, check_integrity


def log(message: str) -> None:
    print(f"[bench_quick_check] {message}", file=sys.stderr, flush=True)


def timed(action: Any, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 1)


def bench(root: Path, products: int, orders: int, runs: int) -> dict[str, Any]:
    path = root / "station.db"
    db = Database(path)
    rng = random.Random(20261122)
    catalog = make_products(products, rng)
    log(f"loading {products:,} products and {orders:,} orders into {path}")
    prepare_store(db, ManualClock(SALES_START), numbers_needed=1)  # the staff the history's orders name
    load_products(db, catalog, SALES_START)
    load_history(db, orders, catalog, rng)
    db.close()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()

    def cold() -> None:
        with sqlite3.connect(path) as fresh:
            assert check_integrity(fresh, budget_seconds=OPEN_BUDGET_SECONDS).ok
        fresh.close()

    warm_connection = sqlite3.connect(path)
    check_integrity(warm_connection)
    result = {
        "orders": orders, "products": products, "file_bytes": path.stat().st_size, "runs": runs,
        "budget_seconds": OPEN_BUDGET_SECONDS,
        "quick_check_cold_connection_ms": timed(cold, runs),
        "quick_check_warm_connection_ms": timed(lambda: check_integrity(warm_connection), runs),
        "open_with_check_ms": timed(lambda: Database(path).close(), runs),
        "open_without_check_ms": timed(lambda: Database(path, integrity_budget=None).close(), runs),
    }
    warm_connection.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "bench_quick_check").splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK['orders']:,} orders instead of {FULL['orders']:,}")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median; default 5)")
    parser.add_argument("--dir", help="build the database in a new folder inside DIR and keep it")
    args = parser.parse_args(argv)
    size = QUICK if args.quick else FULL
    with work_directory(args.dir) as root:
        figures = bench(root, size["products"], size["orders"], args.runs)
    print(json.dumps({"machine": machine_info(), **figures}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

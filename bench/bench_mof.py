"""MOF filing throughput: F0401 documents built, checked against our MIG 4.1 schema and written into Turnkey's
upload folder, per second, for 100,000 invoices.

Prints one JSON object to stdout (progress to stderr). Measured in the same run, on the same invoices:
- "build_serialise": the lxml builder and serialisation alone (the reference: no validation, no files);
- "build_validate": the same plus the XML Schema check every message passes before it leaves HQ;
- "build_validate_write": the same plus the atomic hand-over to Turnkey (temporary file, fsync, rename into
  UpCast/B2SSTORAGE/F0401/SRC, directory fsync): what the exporter does per document, without the database.
  Writing fsyncs every file, so it is timed on a smaller sample (`--write`, default 2,000) and reported per
  second.

Usage: .venv/bin/python bench/bench_mof.py [--invoices N] [--write N] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from machine import machine_info  # bench/machine.py: scripts run as `python bench/<name>.py`

from core.clock import TAIPEI
from core.einvoice import split_tax
from hq.mof import messages as m
from hq.mof import turnkey
from hq.mof.schema import problems

START = datetime(2026, 11, 1, 9, 0, tzinfo=TAIPEI)
SELLER = m.Party("12345675", "示範商店股份有限公司")


def invoices(count: int) -> list[m.InvoiceMessage]:
    made = []
    for i in range(count):
        lines = [m.Item(f"商品 {i % 997:03d}-{k}", 1 + k, 35 + 10 * k, (1 + k) * (35 + 10 * k), k + 1)
                 for k in range(1 + i % 4)]
        total = sum(item.amount for item in lines)
        sales, tax = split_tax(total)
        carrier = ("mobile", "/ABC+123") if i % 3 == 0 else (None, None)
        made.append(m.InvoiceMessage(f"KN{i:08d}", START + timedelta(seconds=i), SELLER, None, f"{i % 10_000:04d}",
                                     lines, total=total, sales=sales, tax=tax, carrier_type=carrier[0],
                                     carrier_id=carrier[1], print_mark=carrier[0] is None))
    return made


def timed(label: str, work: Callable[[], int]) -> dict[str, float]:
    print(f"{label} …", file=sys.stderr)
    began = time.perf_counter()
    done = work()
    seconds = time.perf_counter() - began
    return {"documents": done, "seconds": round(seconds, 3), "per_second": round(done / seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--write", type=int, default=2_000)
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    data = invoices(args.invoices)

    def build_serialise() -> int:
        for msg in data:
            m.serialise(m.f0401(msg))
        return len(data)

    def build_validate() -> int:
        for msg in data:
            element = m.f0401(msg)
            if problems("F0401", element) is not None:
                raise SystemExit(f"{msg.number} fails the schema")
            m.serialise(element)
        return len(data)

    root = Path(tempfile.mkdtemp(prefix="bench-mof-", dir=args.dir))

    def build_validate_write() -> int:
        for i, msg in enumerate(data[: args.write]):
            element = m.f0401(msg)
            if problems("F0401", element) is not None:
                raise SystemExit(f"{msg.number} fails the schema")
            turnkey.write(root, "F0401", turnkey.file_name("F0401", msg.number, i, 1), m.serialise(element))
        return min(args.write, len(data))

    problems("F0401", m.f0401(data[0]))  # compile the schema outside the timings
    result = {
        "benchmark": "mof_f0401", "invoices": args.invoices, "machine": machine_info("lxml"),
        "build_serialise": timed("build + serialise", build_serialise),
        "build_validate": timed("build + validate + serialise", build_validate),
        "build_validate_write": timed("build + validate + write to Turnkey", build_validate_write),
    }
    ref, checked = result["build_serialise"]["per_second"], result["build_validate"]["per_second"]
    result["validation_cost"] = round(ref / checked, 2)  # × slower than plain serialisation
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

"""What one PIN check costs: core.pins.verify_pin with today's scrypt parameters (the floor is 100 ms a
check on the 2-core tills: a stolen hash must not give up a 6-digit PIN quickly), next to the parameters
before them (N=2**14) in the same rounds, and the os load average, since the tills share their cores.

Prints one JSON object: milliseconds per check, mean / p50 / min / max over the iterations.

Usage: .venv/bin/python bench/bench_pins.py [--iterations N]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from machine import machine_info  # bench/machine.py: scripts run as `python bench/<name>.py`

from core import pins


def _times(check: Callable[[], bool], iterations: int) -> dict[str, Any]:
    samples = []
    for _ in range(iterations):
        start = time.perf_counter()
        assert check()
        samples.append((time.perf_counter() - start) * 1000)
    return {"mean_ms": round(statistics.fmean(samples), 1), "p50_ms": round(statistics.median(samples), 1),
            "min_ms": round(min(samples), 1), "max_ms": round(max(samples), 1)}


def _old_hash(pin: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=10)
    args = parser.parse_args()
    current, old = pins.hash_pin("000000", "manager"), _old_hash("000000")
    n, r, p = (int(x) for x in current.split("$")[1:4])
    result = {
        "benchmark": "pins",
        "iterations": args.iterations,
        "scrypt": {"n": n, "r": r, "p": p, "memory_mib": 128 * n * r // 2**20},
        "verify_current": _times(lambda: pins.verify_pin("000000", current), args.iterations),
        "verify_previous_n2_14": _times(lambda: pins.verify_pin("000000", old), args.iterations),
        "load_average": os.getloadavg(),
        "machine": machine_info(),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

"""Per-invoice cost of the QR payloads and the AES verification field, next to their floors.

Prints one JSON object. Every case is timed call by call with time.perf_counter and reported as
mean / p50 / p99 in microseconds. The references run in the same process and the same rounds:
- a bare AES-128-CBC encryption of one 16-byte block with `cryptography`: what the verification
  field costs at the very least, since the field is exactly that plus PKCS7 and base64;
- an f-string building a 77-character header from ready-made fields: the floor for the formatting.

Usage: .venv/bin/python bench/bench_einvoice.py [--iterations N] [--rounds R]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from machine import machine_info  # bench/machine.py: scripts run as `python bench/<name>.py`

from core.clock import TAIPEI
from core.einvoice import CONSUMER_BAN, HEADER_LENGTH, qr_bytes, qr_payloads, qr_version, verification_code
from core.einvoice import payloads as payloads_module

AES_KEY_HEX = "0123456789abcdef0123456789abcdef"
SELLER_BAN = "12345675"
BUYER_BAN = "04595257"
NUMBER = "AB12345678"
RANDOM_CODE = "1234"
ISSUED = datetime(2026, 11, 22, 10, 30, tzinfo=TAIPEI)
# Fixed by the e-invoice specification; the same IV core.einvoice.verification uses.
SPEC_IV = bytes.fromhex("0edf25c93a28d7b5ff5e45da42f8a1b8")

B2C_ITEMS = [("礦泉水 600ml", 2, 20), ("御飯糰 鮪魚", 1, 35), ("茶葉蛋", 3, 13)]
# Realistic names of mixed width, so the split between the two codes is actually searched for.
B2B_ITEMS = [(f"辦公用品 第{i:02d}項 A4影印紙 500張/包", 1 + i % 5, 85 + 7 * i) for i in range(30)]

Case = Callable[[], object]


def einvoice_machine_info() -> dict[str, Any]:
    from cryptography.hazmat.backends.openssl.backend import backend

    return machine_info("cryptography", processor=platform.processor(), openssl=backend.openssl_version_text())


def summarize_us(samples: list[float]) -> dict[str, float]:
    """Seconds in, microseconds out; p99 by the inclusive method so 20,000 samples give a stable cut."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {
        "mean": round(statistics.fmean(samples) * 1e6, 3),
        "p50": round(cuts[49] * 1e6, 3),
        "p99": round(cuts[98] * 1e6, 3),
        "min": round(min(samples) * 1e6, 3),
        "n": len(samples),
    }


@contextmanager
def aes_stubbed() -> Iterator[None]:
    """qr_payloads with the AES field replaced by a constant, to separate formatting from encryption."""
    original = payloads_module.verification_code
    fixed = verification_code(NUMBER, RANDOM_CODE, AES_KEY_HEX)
    payloads_module.verification_code = lambda number, random_code, aes_key_hex: fixed
    try:
        yield
    finally:
        payloads_module.verification_code = original


def b2c_payloads() -> tuple[str, str]:
    return qr_payloads(number=NUMBER, random_code=RANDOM_CODE, issued=ISSUED, total=129, seller_ban=SELLER_BAN,
                       items=B2C_ITEMS, aes_key_hex=AES_KEY_HEX)


B2B_TOTAL = sum(qty * price for _, qty, price in B2B_ITEMS)


def b2b_payloads() -> tuple[str, str]:
    return qr_payloads(number=NUMBER, random_code=RANDOM_CODE, issued=ISSUED, total=B2B_TOTAL,
                       seller_ban=SELLER_BAN, buyer_ban=BUYER_BAN, items=B2B_ITEMS, aes_key_hex=AES_KEY_HEX)


def aes_floor_case() -> Case:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key = bytes.fromhex(AES_KEY_HEX)
    block = (NUMBER + RANDOM_CODE + "\x02\x02").encode("ascii")  # already PKCS7-padded to 16 bytes

    def encrypt() -> bytes:
        # A CBC encryptor cannot be reused after finalize, so building it is part of every invoice's cost.
        encryptor = Cipher(algorithms.AES(key), modes.CBC(SPEC_IV)).encryptor()
        return encryptor.update(block) + encryptor.finalize()

    return encrypt


def fstring_floor_case() -> Case:
    roc, sales, total = "1151122", 123, 129
    field = verification_code(NUMBER, RANDOM_CODE, AES_KEY_HEX)

    def header() -> str:
        return f"{NUMBER}{roc}{RANDOM_CODE}{sales:08x}{total:08x}{CONSUMER_BAN}{SELLER_BAN}{field}"

    if len(header()) != HEADER_LENGTH:
        raise AssertionError("the reference header must be as long as the real one")
    return header


def cases() -> dict[str, tuple[Case, bool]]:
    """name -> (call, whether the AES field is stubbed out while it runs)."""
    return {
        "verification_code": (lambda: verification_code(NUMBER, RANDOM_CODE, AES_KEY_HEX), False),
        "qr_payloads_b2c_3_items": (b2c_payloads, False),
        "qr_payloads_b2c_3_items_without_aes": (b2c_payloads, True),
        "qr_payloads_b2b_30_items": (b2b_payloads, False),
        "qr_payloads_b2b_30_items_without_aes": (b2b_payloads, True),
        "reference_aes128cbc_16_bytes": (aes_floor_case(), False),
        "reference_fstring_header_77_chars": (fstring_floor_case(), False),
        "timer_overhead": (lambda: None, False),
    }


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def time_calls(call: Case, count: int, into: list[float]) -> None:
    clock = time.perf_counter
    for _ in range(count):
        start = clock()
        call()
        into.append(clock() - start)


def run(iterations: int, rounds: int, warmup: int) -> dict[str, list[float]]:
    """Cases take turns in rounds, so a burst of noise from a neighbour lands on all of them alike."""
    table = cases()
    samples: dict[str, list[float]] = {name: [] for name in table}
    for call, stubbed in table.values():
        with aes_stubbed() if stubbed else _nothing():
            time_calls(call, warmup, [])
    per_round, extra = divmod(iterations, rounds)
    for index in range(rounds):
        count = per_round + (1 if index < extra else 0)
        for name, (call, stubbed) in table.items():
            with aes_stubbed() if stubbed else _nothing():
                time_calls(call, count, samples[name])
    return samples


def describe_payloads() -> dict[str, Any]:
    """What was encoded, so a reader can tell the 30-item case apart from a truncated one."""
    described = {}
    for name, build, items in (("b2c_3_items", b2c_payloads, B2C_ITEMS), ("b2b_30_items", b2b_payloads, B2B_ITEMS)):
        left, right = build()
        described[name] = {
            "items_given": len(items),
            "items_recorded": int(left[HEADER_LENGTH:].split(":")[2]),
            "left_bytes": len(qr_bytes(left)),
            "right_bytes": len(qr_bytes(right)),
            "qr_version": qr_version(left, right),
        }
    return described


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "bench_einvoice").splitlines()[0])
    parser.add_argument("--iterations", type=int, default=20_000, help="timed calls per case (default 20000)")
    parser.add_argument("--rounds", type=int, default=10, help="turns the cases take (default 10)")
    parser.add_argument("--warmup", type=int, default=500, help="untimed calls per case first (default 500)")
    args = parser.parse_args(argv)
    if args.iterations < 100 or args.rounds < 1 or args.warmup < 0:
        parser.error("--iterations must be at least 100 (for a p99), --rounds at least 1, --warmup not negative")

    started = time.perf_counter()
    samples = run(args.iterations, args.rounds, args.warmup)
    results = {name: summarize_us(values) for name, values in samples.items()}

    def ratio(name: str, reference: str) -> float:
        return round(results[name]["p50"] / results[reference]["p50"], 2)

    report = {
        "benchmark": "einvoice",
        "machine": einvoice_machine_info(),
        "config": {"iterations": args.iterations, "rounds": args.rounds, "warmup": args.warmup},
        "unit": "microseconds per call (perf_counter around each call; timer_overhead not subtracted)",
        "notes": [
            "qr_payloads always computes the AES field itself, so qr_payloads_* is payload + AES together;",
            "*_without_aes swaps in a constant field to show the payload formatting alone;",
            "verification_code is the AES field alone.",
        ],
        "results_us": results,
        "ratios_p50": {
            "verification_code_vs_bare_aes": ratio("verification_code", "reference_aes128cbc_16_bytes"),
            "b2c_payloads_without_aes_vs_fstring": ratio("qr_payloads_b2c_3_items_without_aes",
                                                         "reference_fstring_header_77_chars"),
            "b2c_payloads_vs_bare_aes_plus_fstring": round(
                results["qr_payloads_b2c_3_items"]["p50"]
                / (results["reference_aes128cbc_16_bytes"]["p50"]
                   + results["reference_fstring_header_77_chars"]["p50"]), 2),
            "b2b_30_vs_b2c_3": ratio("qr_payloads_b2b_30_items", "qr_payloads_b2c_3_items"),
        },
        "payloads": describe_payloads(),
        "wall_seconds": round(time.perf_counter() - started, 2),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Doctor check: is HQ reachable, how fast, does it accept this station's token, and how far apart
are the two clocks (from /health's server time, measured at the middle of the round trip)."""

from __future__ import annotations

import asyncio
import ipaddress
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from core.clock import Clock
from core.doctor.model import CheckResult, JSONValue, Said, Status, said, say
from core.errors import CashierError
from core.messages import DoctorCode

# Invoices are dated by the station's clock: a few seconds do not matter, minutes can put an invoice
# issued just before midnight at a period's end into the wrong period.
SKEW_WARN_SECONDS = 30.0
SKEW_FAIL_SECONDS = 300.0


def plain_http_off_this_machine(url: str) -> bool:
    """http:// to another host: the station's token and its sales cross the network readable by anyone on it."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "http" or host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: not this machine
        return True


@dataclass(frozen=True)
class _Probe:
    latency_ms: float
    skew: float  # seconds, HQ's clock minus ours
    version: str
    token_error: CashierError | None


async def _probe(url: str, token: str, clock: Clock, timeout: float, ca_file: Path | None) -> _Probe:
    from core.sync.client import HQClient
    from core.sync.errors import HQAuthError

    async with HQClient(url, token, timeout=timeout, connect_timeout=timeout, ca_file=ca_file) as client:
        local_before, t0 = clock.now(), time.perf_counter()
        health = await client.health(timeout=timeout)
        elapsed = time.perf_counter() - t0
        local_after = clock.now()
        middle: datetime = local_before + (local_after - local_before) / 2
        skew = (health.server_time - middle) / timedelta(seconds=1)
        try:
            await client.staff(limit=1)  # the cheapest call that needs the token
            token_error: CashierError | None = None
        except HQAuthError as error:
            token_error = error
        return _Probe(latency_ms=round(elapsed * 1000, 1), skew=round(skew, 1), version=health.version,
                      token_error=token_error)


def check_hq(url: str, token: str, clock: Clock, *, timeout: float = 3.0, ca_file: Path | None = None) -> CheckResult:
    details: dict[str, JSONValue] = {"url": url, "reachable": False}
    plain = (say(DoctorCode.HQ_PLAIN_HTTP, url=url),) if plain_http_off_this_machine(url) else ()
    try:
        found = asyncio.run(_probe(url, token, clock, timeout, ca_file))
    except CashierError as error:  # unreachable, timeout, bad reply: the client already classified it
        return CheckResult("hq", Status.FAIL, said(error), {**details, "error": error.code}, plain)
    skew, token_error = found.skew, found.token_error
    details.update(reachable=True, latency_ms=found.latency_ms, clock_skew_seconds=skew,
                   server_version=found.version, token_accepted=token_error is None)
    notes: list[Said] = list(plain)
    status = Status.WARN if plain else Status.OK
    if token_error is not None:
        notes.append(said(token_error))
        status = Status.FAIL
    if abs(skew) >= SKEW_WARN_SECONDS:
        notes.append(say(DoctorCode.HQ_SKEW, skew=f"{skew:+.1f}"))
        status = Status.FAIL if abs(skew) >= SKEW_FAIL_SECONDS else max(status, Status.WARN, key=_rank)
    summary = say(DoctorCode.HQ_OK, url=url, latency_ms=found.latency_ms, skew=f"{skew:+.1f}")
    return CheckResult("hq", status, summary, details, tuple(notes))


def _rank(status: Status) -> int:
    return (Status.OK, Status.WARN, Status.FAIL).index(status)

"""The connectivity watcher: debounced transitions, clock skew, and never an exception for its caller."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime, timedelta

import httpx
import pytest

from core.clock import ManualClock
from core.sync.client import HQClient
from core.sync.errors import HQUnreachableError
from core.sync.protocol import Health
from core.sync.watcher import ConnectivityWatcher, Link, LinkStatus
from tests.factories import NOON

pytestmark = pytest.mark.anyio


def _probe(clock: ManualClock, script: Iterable[object]):  # type: ignore[no-untyped-def]
    """A probe that plays a script: a timedelta is a good answer with that skew, an exception is raised."""
    steps = iter(script)

    async def probe() -> Health:
        step = next(steps)
        if isinstance(step, BaseException):
            raise step
        assert isinstance(step, timedelta)
        return Health(server_time=clock.now() + step, version="test")
    return probe


def _down() -> HQUnreachableError:
    return HQUnreachableError("hq.unreachable", detail="test")


async def test_one_lost_probe_does_not_flip_an_online_till(clock: ManualClock) -> None:
    changes: list[LinkStatus] = []
    watcher = ConnectivityWatcher(_probe(clock, [timedelta(0), _down(), timedelta(0), _down(), _down(),
                                                 timedelta(0)]), clock, on_change=changes.append)
    states = [(await watcher.check()).state for _ in range(6)]
    assert states == [Link.ONLINE, Link.ONLINE, Link.ONLINE, Link.ONLINE, Link.OFFLINE, Link.ONLINE]
    assert [c.state for c in changes] == [Link.ONLINE, Link.OFFLINE, Link.ONLINE]
    assert changes[1].reason is not None and changes[1].reason.code == "hq.unreachable"


async def test_at_start_up_one_failure_is_enough_to_say_offline(clock: ManualClock) -> None:
    watcher = ConnectivityWatcher(_probe(clock, [_down()]), clock)
    assert watcher.status.state is Link.UNKNOWN
    assert (await watcher.check()).state is Link.OFFLINE


async def test_last_seen_and_clock_skew_are_published(clock: ManualClock) -> None:
    seen: list[LinkStatus] = []
    watcher = ConnectivityWatcher(_probe(clock, [timedelta(minutes=3), timedelta(seconds=-20), _down()]), clock,
                                  on_probe=seen.append)
    first = await watcher.check()
    assert first.clock_skew == timedelta(minutes=3) and first.skew_level == "warn" and first.last_seen == NOON
    clock.advance(seconds=30)
    second = await watcher.check()
    assert second.clock_skew == timedelta(seconds=-20) and second.skew_level == "ok"
    clock.advance(seconds=30)
    third = await watcher.check()  # one failure while online: still online, last_seen kept
    assert third.state is Link.ONLINE and third.last_seen == NOON + timedelta(seconds=30)
    assert len(seen) == 3
    assert LinkStatus(clock_skew=timedelta(minutes=-11)).skew_level == "severe"


async def test_nothing_escapes_not_even_a_bug_in_the_probe_or_the_listener(clock: ManualClock) -> None:
    def broken_listener(_status: LinkStatus) -> None:
        raise RuntimeError("listener bug")

    watcher = ConnectivityWatcher(_probe(clock, [ValueError("garbage JSON"), KeyError("x"), timedelta(0)]), clock,
                                  on_change=broken_listener)
    assert (await watcher.check()).state is Link.OFFLINE
    assert (await watcher.check()).reason.code == "hq.bad_reply"  # type: ignore[union-attr]
    assert (await watcher.check()).state is Link.ONLINE


async def test_a_real_client_against_a_dead_and_a_live_hq(clock: ManualClock) -> None:
    alive = {"up": False}

    def handler(request: httpx.Request) -> httpx.Response:
        if not alive["up"]:
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(200, json={"status": "ok", "server_time": "2026-11-22T12:00:05+08:00",
                                         "api": 1, "version": "x"})

    async with HQClient("http://hq.test", "t", transport=httpx.MockTransport(handler)) as client:
        watcher = ConnectivityWatcher(client.health, clock)
        assert (await watcher.check()).state is Link.OFFLINE
        alive["up"] = True
        status = await watcher.check()
    assert status.state is Link.ONLINE and status.clock_skew == timedelta(seconds=5)


async def test_the_run_loop_probes_on_its_interval_and_when_poked(clock: ManualClock) -> None:
    calls: list[datetime] = []

    async def probe() -> Health:
        calls.append(clock.now())
        return Health(server_time=clock.now(), version="t")

    watcher = ConnectivityWatcher(probe, clock, interval=3600)
    stop = asyncio.Event()
    task = asyncio.create_task(watcher.run(stop))
    for _ in range(100):
        if calls:
            break
        await asyncio.sleep(0.01)
    watcher.poke()
    for _ in range(100):
        if len(calls) >= 2:
            break
        await asyncio.sleep(0.01)
    stop.set()
    watcher.poke()
    await asyncio.wait_for(task, 5)
    assert len(calls) == 2  # the first probe at once, the second only because it was poked

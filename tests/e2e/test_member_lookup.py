"""Member login over real HTTP: the local cache answers first and HQ is not asked; a member registered
at another store since the last pull is found at HQ while online and cached; HQ gone or too slow is the
offline answer (not found, the phone kept), within the lookup's time limit."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from core.members import HQ_LOOKUP_TIMEOUT, Source
from core.sync.protocol import CustomerIn
from hq.catalog import upsert_customers as hq_upsert_customers
from tests.e2e.conftest import Rig, Till
from tests.support.proxy import FaultProxy

LOOKUP = b"GET /api/v1/customers/lookup"
NEWCOMER = CustomerIn(id="C09001", member_code="M0009001", phone="0955123456", name="林新會員")
MARGIN = 1.0  # seconds beyond HQ_LOOKUP_TIMEOUT a lookup may take on a loaded machine, at most


@pytest.fixture
def proxy(rig: Rig) -> Iterator[FaultProxy]:
    """Between the till and HQ, counting (or holding) member lookups."""
    proxy = FaultProxy("127.0.0.1", rig.server.port)
    proxy.start()
    proxy.watch(LOOKUP)
    yield proxy
    proxy.stop()


def register_at_hq(rig: Rig, customer: CustomerIn = NEWCOMER) -> None:
    """A member who signed up at another store after this till's last pull."""
    with rig.hq.db.write() as session:
        hq_upsert_customers(session, [customer], rig.hq.clock.now())


def cached(till: Till, key: str) -> str | None:
    member = till.station.find_member(key)
    return None if member is None else member.id


def test_a_cached_member_is_found_locally_and_hq_is_not_asked(rig: Rig, proxy: FaultProxy) -> None:
    till = rig.till("S01", url=proxy.url)
    assert till.events.online() and cached(till, "0912345670") == "C00001"  # pulled with the demo data
    for typed in ("0912345670", " M0000001 "):
        result = till.station.lookup_member(typed, hq=till.service, asking=lambda: pytest.fail("HQ asked"))
        assert result.source is Source.LOCAL and result.member is not None and result.member.id == "C00001"
        assert not result.hq_asked
    assert proxy.requests(LOOKUP) == 0


def test_a_member_new_at_hq_is_found_there_then_cached_and_local_with_hq_gone(rig: Rig, proxy: FaultProxy) -> None:
    till = rig.till("S01", url=proxy.url)
    register_at_hq(rig)
    assert cached(till, NEWCOMER.phone) is None  # registered after the pull
    asked: list[bool] = []
    result = till.station.lookup_member(NEWCOMER.phone, hq=till.service, asking=lambda: asked.append(True))
    assert asked == [True] and result.hq_asked and result.hq_reached
    assert result.source is Source.HQ and result.member is not None
    assert (result.member.id, result.member.name, result.member.member_code) == ("C09001", "林新會員", "M0009001")
    assert result.keep_phone is None
    assert proxy.requests(LOOKUP) == 1
    assert cached(till, NEWCOMER.phone) == cached(till, "M0009001") == "C09001"  # the pull's upsert, same row

    rig.server.stop()
    till.events.wait(till.events.offline, what="the watcher to say offline")
    again = till.station.lookup_member(NEWCOMER.phone, hq=till.service)
    assert again.source is Source.LOCAL and again.member is not None and again.member.id == "C09001"
    assert proxy.requests(LOOKUP) == 1  # the second lookup never left the till


def test_by_member_code_at_hq_and_nobody_knows_the_key(rig: Rig, proxy: FaultProxy) -> None:
    till = rig.till("S01", url=proxy.url)
    register_at_hq(rig)
    by_code = till.station.lookup_member("M0009001", hq=till.service)
    assert by_code.source is Source.HQ and by_code.member is not None and by_code.member.id == "C09001"
    unknown = till.station.lookup_member("0966000000", hq=till.service)
    assert unknown.member is None and unknown.source is None and unknown.hq_reached
    assert unknown.keep_phone == "0966000000"  # kept: HQ may still link it at upload
    no_code = till.station.lookup_member("M7777777", hq=till.service)
    assert no_code.member is None and no_code.keep_phone is None and no_code.hq_reached
    assert proxy.requests(LOOKUP) == 3


def test_hq_stopped_the_phone_is_kept_without_asking_or_hanging(rig: Rig, proxy: FaultProxy) -> None:
    till = rig.till("S01", url=proxy.url)
    register_at_hq(rig)
    rig.server.stop()
    till.events.wait(till.events.offline, what="the watcher to say offline")
    start = time.monotonic()
    result = till.station.lookup_member(NEWCOMER.phone, hq=till.service, asking=lambda: pytest.fail("HQ asked"))
    assert time.monotonic() - start < HQ_LOOKUP_TIMEOUT
    assert result.member is None and not result.hq_asked and result.keep_phone == NEWCOMER.phone
    assert proxy.requests(LOOKUP) == 0
    assert cached(till, NEWCOMER.phone) is None


def test_hq_failing_while_the_link_says_online_is_the_offline_answer(rig: Rig, proxy: FaultProxy) -> None:
    till = rig.till("S01", url=proxy.url)
    register_at_hq(rig)
    proxy.drop_replies(LOOKUP)  # the lookup reaches HQ, the connection closes without a reply
    start = time.monotonic()
    result = till.station.lookup_member(NEWCOMER.phone, hq=till.service)
    assert time.monotonic() - start < HQ_LOOKUP_TIMEOUT + MARGIN
    assert result.hq_asked and not result.hq_reached and result.member is None
    assert result.hq_reason is not None and result.hq_reason.code == "hq.unreachable"
    assert result.keep_phone == NEWCOMER.phone and cached(till, NEWCOMER.phone) is None


def test_hq_too_slow_gives_up_at_the_time_limit_and_keeps_the_phone(rig: Rig, proxy: FaultProxy) -> None:
    till = rig.till("S01", url=proxy.url)
    register_at_hq(rig)
    proxy.stall(LOOKUP)  # the lookup reaches the proxy and is never answered; /health still is
    start = time.monotonic()
    result = till.station.lookup_member(NEWCOMER.phone, hq=till.service)
    took = time.monotonic() - start
    assert result.hq_asked and not result.hq_reached and result.member is None
    assert result.hq_reason is not None and result.hq_reason.code == "hq.timeout"
    assert HQ_LOOKUP_TIMEOUT - 0.1 <= took < HQ_LOOKUP_TIMEOUT + MARGIN
    assert result.keep_phone == NEWCOMER.phone and cached(till, NEWCOMER.phone) is None
    assert proxy.requests(LOOKUP) == 1
    proxy.stall(LOOKUP, on=False)  # HQ answers again: the same lookup now finds the member
    assert till.station.lookup_member(NEWCOMER.phone, hq=till.service).source is Source.HQ

"""HQ over HTTPS end to end: `HQServer` (what `cashier hq serve --certfile --keyfile`
runs) with a certificate from a CA made in the test; a station trusting that CA ([hq] ca_file) syncs, one
that does not is refused in words and keeps its sale."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from core.doctor.hq_check import check_hq
from core.doctor.model import Status
from core.sync.events import LinkProbed
from hq.db import HQDatabase
from tests.e2e.conftest import FAST, Events, Till
from tests.factories import NOON, SELLER, open_station, simple_sale
from tests.support.clocks import RunningClock
from tests.support.served import ServedHQ, served
from tests.support.tls import LocalCA, make_ca


@pytest.fixture
def ca(tmp_path: Path) -> LocalCA:
    return make_ca(tmp_path / "tls")


@pytest.fixture
def https_hq(hq_db: HQDatabase, monkeypatch: pytest.MonkeyPatch, ca: LocalCA) -> Iterator[ServedHQ]:
    trust = ssl.create_default_context(cafile=str(ca.ca_file))
    with served(hq_db, monkeypatch, clock=RunningClock(NOON), certfile=ca.certfile, keyfile=ca.keyfile,
                verify=trust) as hq:
        yield hq


def _till(hq: ServedHQ, tmp: Path, ca_file: Path | None) -> Till:
    station = open_station(tmp / "S01.db", RunningClock(NOON), booklets=1,  # type: ignore[arg-type]
                           seller=replace(SELLER, station_id="S01"))
    events = Events()
    service = station.sync_service(hq.url, hq.hq.tokens["S01"], events, FAST, ca_file=ca_file)
    return Till(station, service, events)


def test_a_station_trusting_the_stores_ca_syncs_over_https(https_hq: ServedHQ, ca: LocalCA, tmp_path: Path) -> None:
    assert https_hq.url.startswith("https://127.0.0.1:")
    till = _till(https_hq, tmp_path, ca.ca_file)
    till.service.start()
    try:
        till.events.wait(till.events.online, what="the till online over HTTPS")
        till.station.checkout(simple_sale())
        till.service.notify_sale()
        till.events.wait(lambda: till.states() == {"success": 1}, what="the sale uploaded over HTTPS")
    finally:
        till.service.stop()
        till.station.close()
    with https_hq.client() as client:  # and the test's own client verifies the same chain
        assert len(client.get("/api/v1/orders").json()["items"]) == 1
    report = check_hq(https_hq.url, https_hq.hq.tokens["S01"], RunningClock(NOON), ca_file=ca.ca_file)  # type: ignore[arg-type]
    assert report.details["token_accepted"] is True and report.details["reachable"] is True


def test_a_station_not_trusting_the_certificate_is_told_why_and_keeps_its_sale(
        https_hq: ServedHQ, tmp_path: Path) -> None:
    till = _till(https_hq, tmp_path, None)  # the system's CAs: the store's own CA is not among them
    till.station.checkout(simple_sale())
    till.service.start()
    try:
        till.events.wait(lambda: any(e.status.reason is not None and e.status.reason.code == "hq.tls"
                                     for e in till.events.of(LinkProbed)), what="a probe refused by TLS")
        assert till.states() == {"waiting": 1}
        [probe] = [e for e in till.events.of(LinkProbed) if e.status.reason is not None][:1]
        assert probe.status.reason is not None and "certificate" in probe.status.reason.text("en")
    finally:
        till.service.stop()
        till.station.close()
    report = check_hq(https_hq.url, https_hq.hq.tokens["S01"], RunningClock(NOON))  # type: ignore[arg-type]
    assert report.status is Status.FAIL and report.details["error"] == "hq.tls"
    assert "certificate" in report.summary.text("en") and "[hq] ca_file" in report.summary.text("en")
    assert "憑證" in report.summary.text("zh_TW")
    assert report.notes == ()  # https: no warning about plain http

"""The returns campaign: a till selling and taking goods back, SIGKILLed at random moments, over and over.

Shared by tests/faults/test_return_campaign.py (a short run with assertions) and bench/return_campaign.py
(at least 100 kills, the report as JSON). A forked child process ("a till") opens the station database and
loops: a sale, then a return of it, chosen at random among a partial return within the period (void and
reissue), a full one (void only), a return of the reissued invoice again, and an allowance (折讓). It
reports each sale and each return once its call returned, and says "returning" just before one starts, so
the parent knows which kills landed during a return. The parent SIGKILLs the child a random time (seeded)
after its first, second or third sale, and starts the next one. Afterwards the database is checked: every
sale and return reported is there; every return is whole or absent (a voided original has its void queued,
its refunds and its audit, and its reissue when lines were kept; a reissue names a voided original; an
allowance has its lines, refunds and outbox row); no invoice or allowance number twice, and no number taken
but unused.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import signal
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.clock import Clock
from core.errors import CashierError
from core.station import Station
from core.store import Database
from tests.factories import MANAGER_PIN, NOON, SELLER, open_station, simple_sale
from tests.faults.campaign import FORK, CampaignError, Channel, _message, _raw, _Reporter, check_station
from tests.support.clocks import RunningClock

KINDS = ("partial", "full", "again", "allowance")


@dataclass(frozen=True)
class ReturnCampaignOptions:
    kills: int = 100
    seed: int = 20261231
    booklets: int = 60  # 3,000 numbers: a sale and at most two reissues per round
    wait: float = 30.0
    # A kill within this many seconds of a sale: its return (the PIN check, scrypt, then the write) takes
    # most of a round, so most kills land in one.
    max_delay: float = 0.4


def _till(fd: int, *, path: Path, seed: int, clock: Clock) -> None:
    """A till that sells and takes back until it is killed. Runs in a forked child."""
    logging.getLogger().addHandler(logging.NullHandler())
    say = _Reporter(fd)
    rng = random.Random(seed)
    station = Station(Database(path), SELLER, clock)
    say("started", pid=os.getpid())

    def attempt(where: str, action: Any) -> Any:
        try:
            return action()
        except CashierError as error:
            say("error", where=where, **_message(error))
        except Exception as error:  # a traceback the cashier would see: the campaign fails on any
            say("raw", where=where, **_raw(error))
        return None

    while True:
        sale = attempt("checkout", lambda: station.checkout(simple_sale()))  # 乾電池 1 x 105, 口罩 2 x 105
        if sale is None:
            continue
        say("sale", order=sale.order_id, number=sale.invoice_number)
        kind = rng.choice(KINDS)
        say("returning", order=sale.order_id, how=kind)
        began = time.monotonic()
        if kind == "allowance":
            allowance = attempt("allowance", lambda sale=sale: station.return_lines(
                sale.order_id, [(2, 1)], reason="客人退貨", staff_id="E001", manager_pin=MANAGER_PIN))
            if allowance is not None:
                say("returned", order=sale.order_id, how=kind, allowance=allowance.id, number=allowance.number,
                    seconds=time.monotonic() - began)
            continue
        lines = [(1, 1), (2, 2)] if kind == "full" else [(2, 1)]
        done = attempt("reissue", lambda sale=sale, lines=lines: station.return_in_period(
            sale.order_id, lines, reason="客人退貨", staff_id="E001", manager_pin=MANAGER_PIN))
        if done is None:
            continue
        new = done.sale.order_id if done.sale is not None else None
        say("returned", order=sale.order_id, how=kind, new=new,
            number=done.sale.invoice_number if done.sale is not None else None, seconds=time.monotonic() - began)
        if kind == "again" and new is not None:
            say("returning", order=new, how="again")
            began = time.monotonic()
            again = attempt("reissue", lambda new=new: station.return_in_period(
                new, [(1, 1)], reason="再退", staff_id="E001", manager_pin=MANAGER_PIN))
            if again is not None:
                say("returned", order=new, how="again", new=again.sale.order_id if again.sale else None,
                    number=again.sale.invoice_number if again.sale else None, seconds=time.monotonic() - began)


@dataclass
class ReturnCampaign:
    folder: Path
    options: ReturnCampaignOptions = field(default_factory=ReturnCampaignOptions)
    records: list[dict[str, Any]] = field(default_factory=list)
    kills_during_return: int = 0
    kills: int = 0
    aimed: int = 0  # kills aimed at the end of a return
    durations: list[float] = field(default_factory=list)  # seconds each reported return took

    def __post_init__(self) -> None:
        self.path = self.folder / "station.db"
        self.rng = random.Random(self.options.seed)
        self.clock = RunningClock(NOON)

    def run(self) -> dict[str, Any]:
        started = time.monotonic()
        station = open_station(self.path, self.clock, booklets=self.options.booklets)  # type: ignore[arg-type]
        station.close()
        while self.kills < self.options.kills:
            self._cycle()
        return self._report(time.monotonic() - started)

    def _cycle(self) -> None:
        read_fd, write_fd = os.pipe()
        child = FORK.Process(target=_till, args=(write_fd,), kwargs={
            "path": self.path, "seed": self.rng.randrange(1 << 30), "clock": self.clock})
        child.start()
        os.close(write_fd)
        channel = Channel(read_fd, child)
        try:
            # The moment of the kill: a random time into a random round, so every step of a return is hit;
            # every other kill aims at the end of a return (as long as returns took so far: its write and
            # commit, after the PIN check), where a kill between commit and report shows up as a return
            # stored but never reported.
            rounds = self.rng.randint(1, 3)
            channel.wait(lambda: channel.count("sale") >= rounds, self.options.wait, f"the till's sale {rounds}")
            if self.durations and self.rng.random() < 0.5:
                channel.wait(lambda: channel.records[-1]["kind"] == "returning", self.options.wait,
                             "a return to begin")
                typical = sorted(self.durations)[len(self.durations) // 2]
                channel.run_for(typical * self.rng.uniform(0.8, 1.05))
                self.aimed += 1
            else:
                channel.run_for(self.rng.uniform(0, self.options.max_delay))
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.join(10)
            channel.finish()
        if child.exitcode != -signal.SIGKILL:
            raise CampaignError(f"a till ended by itself (exit {child.exitcode}) before the kill")
        self.kills += 1
        last = next((r for r in reversed(channel.records) if r["kind"] in ("returning", "returned", "sale")), None)
        if last is not None and last["kind"] == "returning":
            self.kills_during_return += 1
        self.records.extend(channel.records)
        self.durations.extend(r["seconds"] for r in channel.records if r["kind"] == "returned")

    def _report(self, seconds: float) -> dict[str, Any]:
        sales = {r["order"]: r["number"] for r in self.records if r["kind"] == "sale"}
        returned = [r for r in self.records if r["kind"] == "returned"]
        invariants = {**check_station(self.path, sales), **check_returns(self.path, returned)}
        errors = Counter(r.get("code", r.get("type")) for r in self.records if r["kind"] in ("error", "raw"))
        return {
            "ok": all(invariants.values()) and not any(r["kind"] == "raw" for r in self.records),
            "seconds": round(seconds, 1),
            "kills": self.kills,
            "kills_during_return": self.kills_during_return,
            "kills_aimed_at_a_returns_end": self.aimed,
            # Committed, then killed before the till could say so: whole all the same (the invariants).
            "returns_stored_not_reported": _store_counts(self.path)["returns"] - len(returned),
            "return_seconds_median": round(sorted(self.durations)[len(self.durations) // 2], 3)
            if self.durations else None,
            "sales_reported": len(sales),
            "returns_reported": dict(Counter(r["how"] for r in returned)),
            "store": _store_counts(self.path),
            "errors": dict(errors),
            "invariants": invariants,
        }


def _store_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        one = lambda sql: int(db.execute(sql).fetchone()[0])  # noqa: E731
        return {"orders": one("SELECT count(*) FROM orders"),
                "voided": one("SELECT count(*) FROM orders WHERE status = 'voided'"),
                "reissues": one("SELECT count(*) FROM orders WHERE reissue_of IS NOT NULL"),
                "allowances": one("SELECT count(*) FROM allowances"),
                "returns": one("SELECT count(*) FROM orders WHERE status = 'voided'")
                + one("SELECT count(*) FROM allowances")}


def check_returns(path: Path, returned: list[dict[str, Any]]) -> dict[str, bool]:
    """Each return reported is in the store; each return in the store is whole; no number twice."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        run = lambda sql, *args: db.execute(sql, args).fetchall()  # noqa: E731
        voided = {row[0] for row in run("SELECT id FROM orders WHERE status = 'voided'")}
        reissue_of = dict(run("SELECT id, reissue_of FROM orders WHERE reissue_of IS NOT NULL"))
        allowances = dict(run("SELECT id, order_id FROM allowances"))
        reported_reissues = [r for r in returned if r["how"] != "allowance"]
        return {
            "every_reported_reissue_is_stored": all(
                r["order"] in voided and (r["new"] is None or reissue_of.get(r["new"]) == r["order"])
                for r in reported_reissues),
            "every_reported_allowance_is_stored": all(
                allowances.get(r["allowance"]) == r["order"] for r in returned if r["how"] == "allowance"),
            "every_void_is_whole": run(
                """SELECT count(*) FROM orders o WHERE o.status = 'voided' AND (
                   (SELECT count(*) FROM void_outbox v WHERE v.order_id = o.id) != 1
                   OR (SELECT count(*) FROM invoices i WHERE i.order_id = o.id AND i.voided = 1) != 1
                   OR (SELECT count(*) FROM audit_log a WHERE a.order_id = o.id AND a.action = 'void') != 1
                   OR (SELECT count(*) FROM audit_log a WHERE a.order_id = o.id AND a.action = 'reissue') != 1
                   OR (SELECT count(*) FROM orders n WHERE n.reissue_of = o.id) > 1
                   OR o.total - coalesce((SELECT n.total FROM orders n WHERE n.reissue_of = o.id), 0)
                      != (SELECT coalesce(sum(r.amount), 0) FROM return_refunds r WHERE r.order_id = o.id))"""
            ) == [(0,)],
            "every_reissue_names_a_voided_original": all(original in voided for original in reissue_of.values()),
            "every_allowance_is_whole": run(
                """SELECT count(*) FROM allowances a WHERE
                   (SELECT count(*) FROM allowance_lines l WHERE l.allowance_id = a.id) < 1
                   OR (SELECT coalesce(sum(r.amount), 0) FROM allowance_refunds r WHERE r.allowance_id = a.id)
                      != a.amount + a.tax
                   OR (SELECT count(*) FROM allowance_outbox b WHERE b.allowance_id = a.id) != 1
                   OR (SELECT count(*) FROM audit_log g WHERE g.action = 'allowance'
                       AND json_extract(g.detail, '$.allowance_id') = a.id) != 1""") == [(0,)],
            "no_allowance_number_twice": run("SELECT count(*) - count(DISTINCT number) FROM allowances") == [(0,)],
            "allowance_numbers_gapless": sorted(int(n[0][4:]) for n in run("SELECT number FROM allowances"))
            == list(range(1, len(allowances) + 1)),
        }


def run_return_campaign(folder: Path, options: ReturnCampaignOptions | None = None) -> dict[str, Any]:
    return ReturnCampaign(folder, options or ReturnCampaignOptions()).run()


__all__ = ["ReturnCampaign", "ReturnCampaignOptions", "check_returns", "run_return_campaign"]

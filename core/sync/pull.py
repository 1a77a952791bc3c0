"""Pulling what offline selling needs while HQ is reachable: staff (with PIN hashes), products,
customers (each by delta cursor, the cursor moving in the same transaction as the rows it covers),
and invoice booklets for the current and the next period, topped up to a minimum of numbers."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from core.clock import Clock
from core.einvoice import BOOKLET_SIZE, Period, make_booklet, period_of
from core.errors import ValidationError
from core.messages import BackupCode
from core.messages.reason import Reason
from core.store import Database
from core.store.booklets import add_booklet, holds_booklet, numbers_left
from core.store.catalog import upsert_customers, upsert_products, upsert_staff
from core.store.mof_state import orders_to_ask, record
from core.store.sync_cursors import get_state, set_state
from core.sync.client import HQClient
from core.sync.errors import HQNotFoundError, HQRejectedError
from core.sync.protocol import DEFAULT_PAGE, MAX_BOOKLETS_PER_REQUEST, BookletOut
from core.sync.uploader import DbRunner, in_thread

if TYPE_CHECKING:
    from core.sync.resume import ResumeReport

log = logging.getLogger(__name__)

_UPSERTS: dict[str, Callable[[Session, list[dict[str, Any]]], int]] = {
    "staff": upsert_staff, "products": upsert_products, "customers": upsert_customers,
}


_MAX_REQUESTS = 10  # per period and run: a misbehaving HQ must not keep the loop busy


@dataclass(frozen=True)
class PullResult:
    kind: str
    count: int
    cursor: str


@dataclass
class BookletReport:
    added: list[BookletOut] = field(default_factory=list)
    numbers_left: dict[str, int] = field(default_factory=dict)  # by period code, after the top-up
    problems: list[Reason] = field(default_factory=list)  # e.g. HQ has no numbers left for a period
    resume: ResumeReport | None = None  # HQ's marks, applied before anything else


class Puller:
    def __init__(self, db: Database, client: HQClient, clock: Clock, *, min_numbers: int = 100,
                 page_size: int = DEFAULT_PAGE, run_db: DbRunner | None = None) -> None:
        self.db = db
        self.client = client
        self.clock = clock
        self.min_numbers = min_numbers
        self.page_size = page_size
        self._run_db: DbRunner = run_db or in_thread

    async def _delta(self, kind: str) -> PullResult:
        key = f"cursor.{kind}"

        def read_cursor() -> str:
            with self.db.read() as session:
                return get_state(session, key) or "0"

        cursor = await self._run_db(read_cursor)
        total = 0
        while True:
            count, cursor, more = await self._page(kind, key, cursor)
            total += count
            if not more or not count:
                if total:
                    log.info("pulled %d %s from HQ", total, kind)
                return PullResult(kind, total, cursor)

    async def _page(self, kind: str, key: str, cursor: str) -> tuple[int, str, bool]:
        """One page, upserted with its cursor in one transaction; returns (rows, next cursor, more?).

        Keeps nothing of the page: it is freed before the next one is fetched, so a catalog pull holds one
        page at a time (as dicts, see HQClient.delta_rows), whatever the catalog's size."""
        page = await self.client.delta_rows(kind, cursor, self.page_size)
        rows, next_cursor = page.rows, page.next_cursor
        upsert = _UPSERTS[kind]

        def store() -> None:
            with self.db.write() as session:
                upsert(session, rows)
                set_state(session, key, next_cursor, self.clock.now())

        await self._run_db(store)
        return len(rows), next_cursor, page.has_more

    async def pull_staff(self) -> PullResult:
        return await self._delta("staff")

    async def pull_products(self) -> PullResult:
        return await self._delta("products")

    async def pull_customers(self) -> PullResult:
        return await self._delta("customers")

    async def ensure_booklets(self) -> BookletReport:
        """Keep at least `min_numbers` unused numbers for this period and the next.

        First adopt every booklet HQ says is ours (an allocation whose reply was lost is not lost),
        then ask for more. HQ never hands the same numbers to two stations."""
        report = BookletReport()
        current = period_of(self.clock.now())
        # HQ's marks first: every booklet HQ says is ours, adopted past the highest number HQ received in it
        # (a database restored from a backup, or a fresh one, never reissues a number HQ has).
        legacy = await self._resume(report)
        for period in (current, current.next()):
            if legacy:
                await self._adopt(await self.client.booklets(period.code), report)
            left = await self._left(period)
            for _request in range(_MAX_REQUESTS):
                if left >= self.min_numbers:
                    break
                wanted = min(MAX_BOOKLETS_PER_REQUEST, math.ceil((self.min_numbers - left) / BOOKLET_SIZE))
                try:
                    given = await self.client.allocate_booklets(period.code, wanted)
                except HQRejectedError as refused:
                    code = str(refused.problem.get("code") or refused.code)
                    report.problems.append(Reason(code, dict(refused.problem.get("params") or refused.params)))
                    break
                await self._adopt(given, report)
                left = await self._left(period)
            report.numbers_left[period.code] = left
        for b in report.added:
            log.info("invoice booklet %s%08d-%s%08d for period %s received from HQ", b.track, b.start, b.track, b.end,
                     b.period_code)
        for problem in report.problems:
            log.warning("invoice booklets: %s %s", problem.code, problem.params)
        return report

    async def _resume(self, report: BookletReport) -> bool:
        """Apply HQ's marks; True when HQ predates them (404) and the booklets are to be adopted the old way."""
        from core.store.resume import pending
        from core.sync.resume import resume_from_hq

        try:
            report.resume = await resume_from_hq(self.db, self.client, self.clock, run_db=self._run_db)
            report.added += [BookletOut(period_code=b.period_code, track=b.track, start=b.start, end=b.end)
                             for b in report.resume.applied.added]
        except HQNotFoundError:
            def waiting() -> str | None:
                with self.db.read() as session:
                    return pending(session)

            if await self._run_db(waiting) is not None:
                # Adopting without marks could hand out numbers HQ already has: wait for an HQ that has them.
                report.problems.append(Reason(BackupCode.RESUME_HQ_UNSUPPORTED))
                return False
            return True
        return False

    async def _left(self, period: Period) -> int:
        def work() -> int:
            with self.db.read() as session:
                return numbers_left(session, period)
        return await self._run_db(work)

    async def _adopt(self, booklets: list[BookletOut], report: BookletReport) -> None:
        def work() -> None:
            now = self.clock.now()
            with self.db.write() as session:
                for b in booklets:
                    if holds_booklet(session, b.period_code, b.track, b.start):
                        continue
                    try:
                        with session.begin_nested():
                            add_booklet(session, make_booklet(b.track, b.start, b.end, Period.from_code(b.period_code)),
                                        now)
                    except (ValidationError, ValueError) as error:
                        code = getattr(error, "code", "booklet.invalid_range")
                        params = getattr(error, "params", {"track": b.track, "start": b.start, "end": b.end})
                        report.problems.append(Reason(code, dict(params)))
                        continue
                    report.added.append(b)
        await self._run_db(work)

    async def refresh_mof_states(self) -> int:
        """Ask HQ for the platform state of every uploaded invoice the platform has not accepted yet; returns
        how many answers were stored. An HQ without MOF filing (404) simply has nothing to say."""
        def ask() -> list[str]:
            with self.db.read() as session:
                return orders_to_ask(session)
        order_ids = await self._run_db(ask)
        if not order_ids:
            return 0
        try:
            answer = await self.client.mof_states(order_ids)
        except HQRejectedError as refused:
            if refused.status == 404:
                return 0
            raise

        def store() -> int:
            with self.db.write() as session:
                return record(session, [(str(s.order_id), s.kind, s.invoice_number, s.state, s.error_code,
                                         s.error_text, s.updated_at) for s in answer.items], self.clock.now())
        return await self._run_db(store)

    async def pull_all(self) -> tuple[list[PullResult], BookletReport]:
        # Booklets (and HQ's marks) first: a restored till waiting for them can issue numbers again sooner.
        booklets = await self.ensure_booklets()
        results = [await self.pull_staff(), await self.pull_products(), await self.pull_customers()]
        return results, booklets

"""SyncService: the watcher, the uploader and the pull, on one asyncio loop, reporting only by events.

Two ways to run it:
- `start()` / `stop()`: its own thread and loop (the TUI and the CLI). Events arrive on that thread;
  the TUI's sink calls `app.post_message(...)`, which is thread-safe.
- `await run()` on a loop you own (tests), ended by `request_stop()`.
Control methods (`notify_sale`, `retry`, `pull_now`, `probe_now`) and queries (`summary`, `records`,
`detail`) may be called from any thread; none of them raises because HQ is unreachable. `lookup_member`
asks HQ and waits (briefly) for the answer: call it from a worker thread, never from the service's loop.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from core.clock import Clock
from core.errors import CashierError
from core.members import HQ_LOOKUP_TIMEOUT, HQAnswer, KeyKind, MemberKey
from core.messages import CheckoutCode, SyncCode
from core.messages.reason import Reason
from core.store import Database, outbox, upload_records
from core.store.people import Member
from core.store.upload_records import OutboxSummary, UploadDetail, UploadRecord
from core.sync.client import HQClient
from core.sync.errors import HQError, HQRejectedError
from core.sync.events import (
    LinkChanged,
    LinkProbed,
    PullFinished,
    SyncEvent,
    SyncProblem,
    UploadPaused,
    UploadProgress,
)
from core.sync.protocol import CustomerOut
from core.sync.pull import Puller
from core.sync.uploader import Backoff, RoundResult, Uploader
from core.sync.watcher import ConnectivityWatcher, LinkStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncOptions:
    probe_interval: float = 5.0  # seconds between /health probes
    probe_retry_interval: float = 1.0  # after a failed probe while online: confirm quickly
    failures_to_offline: int = 2
    probe_timeout: float = 3.0
    request_timeout: float = 15.0
    batch_size: int = 200
    pull_interval: float = 300.0  # while online
    min_invoice_numbers: int = 100  # for the current period and for the next
    page_size: int = 5_000
    idle_check: float = 5.0  # longest sleep between looks at the outbox
    backoff: Backoff = field(default_factory=Backoff)
    auth_pause: timedelta = timedelta(minutes=5)


class SyncService:
    def __init__(self, db: Database, clock: Clock, *, hq_url: str, token: str,
                 on_event: Callable[[SyncEvent], None] | None = None, options: SyncOptions | None = None,
                 rng: random.Random | None = None, transport: httpx.AsyncBaseTransport | None = None,
                 ca_file: Path | None = None) -> None:
        self.db = db
        self.clock = clock
        self.options = options or SyncOptions()
        self._hq_url = hq_url
        self._token = token
        self._transport = transport
        self._ca_file = ca_file
        self._on_event = on_event
        self._rng = rng or random.Random()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._upload_wake: asyncio.Event | None = None
        self._pull_wake: asyncio.Event | None = None
        self._watcher: ConnectivityWatcher | None = None
        self._uploader: Uploader | None = None
        self._link = LinkStatus()
        self._client: HQClient | None = None
        self._loop_thread: int | None = None

    def __repr__(self) -> str:  # never the token
        return f"SyncService({self._hq_url!r})"

    # ---------------------------------------------------------------- lifecycle

    def start(self, timeout: float = 10.0) -> None:
        """Run in a background thread; returns once the loop is up."""
        if self._thread is not None:
            return
        self._ready.clear()
        self._thread = threading.Thread(target=lambda: asyncio.run(self.run()), name="cashier-sync", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError("the sync service did not start")

    def stop(self, timeout: float = 10.0) -> None:
        self.request_stop()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def request_stop(self) -> None:
        self._call(self._stop_now)

    def _stop_now(self) -> None:
        for event in (self._stop, self._upload_wake, self._pull_wake):
            if event is not None:
                event.set()
        if self._watcher is not None:
            self._watcher.poke()

    async def run(self) -> None:
        """Run until `request_stop()`; never raises for HQ trouble."""
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._stop, self._upload_wake, self._pull_wake = asyncio.Event(), asyncio.Event(), asyncio.Event()
        opts = self.options
        client = HQClient(self._hq_url, self._token, timeout=opts.request_timeout,
                          connect_timeout=min(opts.probe_timeout, opts.request_timeout), transport=self._transport,
                          ca_file=self._ca_file)
        self._watcher = ConnectivityWatcher(
            lambda: client.health(opts.probe_timeout), self.clock, on_change=self._link_changed,
            on_probe=self._link_probed, interval=opts.probe_interval, retry_interval=opts.probe_retry_interval,
            failures_to_offline=opts.failures_to_offline)
        self._uploader = Uploader(self.db, client, self.clock, batch_size=opts.batch_size, backoff=opts.backoff,
                                  rng=self._rng, auth_pause=opts.auth_pause)
        puller = Puller(self.db, client, self.clock, min_numbers=opts.min_invoice_numbers, page_size=opts.page_size)
        self._client = client
        self._ready.set()
        try:
            try:
                await self._uploader.recover()
            except Exception as error:
                self._problem("upload", error)
            await asyncio.gather(self._watcher.run(self._stop), self._upload_loop(self._uploader),
                                 self._pull_loop(puller))
        finally:
            self._client = None
            await client.aclose()
            self._loop = None

    # ---------------------------------------------------------------- control, from any thread

    def notify_sale(self) -> None:
        """A sale was committed: upload it now if HQ is reachable."""
        self._call(self._wake_upload)

    def notify_void(self) -> None:
        """An order was voided (its void is queued): send it now if HQ has the order and is reachable."""
        self._call(self._wake_upload)

    def notify_return(self) -> None:
        """An allowance (折讓) or its cancel was committed: send it now if HQ has what it follows."""
        self._call(self._wake_upload)

    def retry(self, order_ids: Sequence[str] | None = None) -> int:
        """Manual retry (upload records screen): failed and attention orders, voids and allowances become due
        now, and an auth pause ends. Returns how many rows were put back in the queue."""
        with self.db.write() as session:
            count = outbox.retry(session, order_ids, self.clock.now())
        self._call(self._resume_and_wake)
        return count

    def pull_now(self) -> None:
        self._call(lambda: self._pull_wake.set() if self._pull_wake else None)

    def probe_now(self) -> None:
        self._call(lambda: self._watcher.poke() if self._watcher else None)

    def _resume_and_wake(self) -> None:
        if self._uploader is not None:
            self._uploader.resume()
        self._wake_upload()

    def _wake_upload(self) -> None:
        if self._upload_wake is not None:
            self._upload_wake.set()

    def _call(self, function: Callable[[], None]) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed between the check and the call
            loop.call_soon_threadsafe(function)

    def lookup_member(self, key: MemberKey, timeout: float = HQ_LOOKUP_TIMEOUT) -> HQAnswer:
        """Ask HQ for a member the local cache does not know, waiting at most `timeout` seconds; a hit is
        stored in the local cache with the pull's upsert (so the order links to it and the next lookup is
        local). Offline, unreachable, slow or misbehaving HQ: `reached` is False, nothing is written.
        From any thread but the service's own (it blocks until HQ answers or the time is up)."""
        loop, client = self._loop, self._client
        if loop is None or client is None or loop.is_closed() or not self.online:
            return HQAnswer(None, reached=False, reason=Reason(CheckoutCode.CUSTOMER_HQ_OFFLINE))
        if threading.get_ident() == self._loop_thread:
            raise RuntimeError("lookup_member waits for the sync loop: call it from another thread")
        answer = self._ask_hq(loop, client, key, timeout)
        if isinstance(answer, Reason):
            return HQAnswer(None, reached=False, reason=answer)
        return HQAnswer(None if answer is None else self._cache_customer(answer.model_dump()), reached=True)

    def _ask_hq(self, loop: asyncio.AbstractEventLoop, client: HQClient, key: MemberKey,
                timeout: float) -> CustomerOut | Reason | None:
        """HQ's customer for `key` (None: HQ has none), or why HQ gave no answer in time."""
        phone, code = (key.value, None) if key.kind is KeyKind.PHONE else (None, key.value)
        try:
            future = asyncio.run_coroutine_threadsafe(
                client.lookup_customer(phone=phone, member_code=code, timeout=timeout), loop)
        except RuntimeError:  # the loop closed between the check and the call
            return Reason(CheckoutCode.CUSTOMER_HQ_OFFLINE)
        try:
            return future.result(timeout)
        except (concurrent.futures.TimeoutError, TimeoutError):
            future.cancel()
            log.info("member lookup: HQ did not answer within %.1f s", timeout)
            return Reason(SyncCode.TIMEOUT, {"seconds": timeout})
        except concurrent.futures.CancelledError:  # the service stopped meanwhile
            return Reason(CheckoutCode.CUSTOMER_HQ_OFFLINE)
        except CashierError as error:  # HQError: unreachable, refused, a bad reply
            log.info("member lookup: %s", error.code)
            self.probe_now()  # no answer: is HQ gone? the watcher finds out now
            return Reason(error.code, dict(error.params))

    def _cache_customer(self, row: dict[str, Any]) -> Member:
        from sqlalchemy.exc import IntegrityError

        from core.store.catalog import upsert_customers

        try:
            with self.db.write() as session:
                upsert_customers(session, [row])
        except (IntegrityError, CashierError) as error:  # e.g. another cached row holds this member code:
            # the sale still links to HQ's customer; the next pull sorts the cache out
            log.warning("member lookup: customer %s found at HQ, not cached (%s)", row["id"], type(error).__name__)
        else:
            log.info("member lookup: customer %s found at HQ and cached", row["id"])
        return Member(row["id"], row["name"], row["phone"], row["member_code"])

    # ---------------------------------------------------------------- queries, from any thread

    @property
    def link(self) -> LinkStatus:
        return self._link

    @property
    def online(self) -> bool:
        return self._link.online

    @property
    def paused_reason(self) -> Reason | None:
        return self._uploader.paused_reason if self._uploader else None

    def summary(self) -> OutboxSummary:
        with self.db.read() as session:
            return upload_records.summary(session)

    def records(self, states: Sequence[str] | None = None, limit: int = 50, offset: int = 0) -> list[UploadRecord]:
        with self.db.read() as session:
            return upload_records.records(session, states=states, limit=limit, offset=offset)

    def detail(self, order_id: str) -> UploadDetail | None:
        with self.db.read() as session:
            return upload_records.detail(session, order_id)

    # ---------------------------------------------------------------- loops

    def _emit(self, event: SyncEvent) -> None:
        if self._on_event is None:
            return
        try:
            self._on_event(event)
        except Exception:  # a broken listener must not stop uploads
            log.exception("sync event listener failed")

    def _problem(self, where: str, error: BaseException) -> None:
        if isinstance(error, CashierError):
            reason = Reason(error.code, dict(error.params))
        else:
            log.error("sync %s failed", where, exc_info=error)
            reason = Reason(SyncCode.BAD_REPLY, {"detail": type(error).__name__})
        self._emit(SyncProblem(where, reason))

    def _link_changed(self, status: LinkStatus) -> None:
        self._link = status
        self._emit(LinkChanged(status))
        if status.online:
            self._wake_upload()
            if self._pull_wake is not None:
                self._pull_wake.set()

    def _link_probed(self, status: LinkStatus) -> None:
        self._link = status
        self._emit(LinkProbed(status))

    async def _sleep(self, wake: asyncio.Event, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), max(0.0, seconds))
        wake.clear()

    async def _upload_loop(self, uploader: Uploader) -> None:
        assert self._stop is not None and self._upload_wake is not None and self._watcher is not None
        while not self._stop.is_set():
            if self._watcher.status.online and not uploader.paused:
                await self._drain(uploader)
            await self._sleep(self._upload_wake, await self._idle(uploader))

    async def _drain(self, uploader: Uploader) -> None:
        assert self._stop is not None and self._watcher is not None
        stop, watcher = self._stop, self._watcher

        async def reported(result: RoundResult) -> bool:
            if result.worked:
                self._emit(UploadProgress(result.outcomes, await asyncio.to_thread(self.summary), result.voids))
            if result.paused and uploader.paused_reason is not None:
                self._emit(UploadPaused(uploader.paused_reason))
                return False
            if result.error is not None:
                self._emit(SyncProblem("upload", Reason(result.error.code, dict(result.error.params))))
                watcher.poke()  # no answer: is HQ gone? find out now, not at the next tick
                return False
            return True

        try:
            await uploader.drain(on_round=reported, keep_going=lambda: not stop.is_set())
        except Exception as error:
            self._problem("upload", error)

    async def _idle(self, uploader: Uploader) -> float:
        idle = self.options.idle_check
        if uploader.paused_until is not None:
            return min(idle, (uploader.paused_until - self.clock.now()).total_seconds())
        try:
            due = await uploader.next_due()
        except Exception as error:
            self._problem("upload", error)
            return idle
        if due is None:
            return idle
        return min(idle, max(0.05, (due - self.clock.now()).total_seconds()))

    async def _refresh_mof(self, puller: Puller) -> None:
        # The platform's answers are for display (詳情, doctor): a failure here never fails the pull.
        try:
            await puller.refresh_mof_states()
        except Exception as error:
            log.warning("MOF platform states not refreshed: %s", type(error).__name__)

    async def _pull_loop(self, puller: Puller) -> None:
        assert self._stop is not None and self._pull_wake is not None and self._watcher is not None
        while not self._stop.is_set():
            wait = self.options.idle_check
            if self._watcher.status.online:
                try:
                    results, booklets = await puller.pull_all()
                    await self._refresh_mof(puller)
                    self._emit(PullFinished(tuple(results), booklets))
                    wait = self.options.pull_interval
                except HQRejectedError as error:
                    self._problem("pull", error)
                    wait = self.options.pull_interval
                except HQError as error:
                    self._problem("pull", error)
                    self._watcher.poke()
                except Exception as error:
                    self._problem("pull", error)
                    wait = self.options.pull_interval
            await self._sleep(self._pull_wake, wait)

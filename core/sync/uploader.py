"""The uploader: drains the outbox to HQ in batches, exactly once per order, one bad order blocking nothing.

Per batch: claim due rows (-> uploading), send, then record every order's fate in one transaction:
- accepted (or a replay of an earlier acceptance) -> success, with HQ's reconciliation stored on the lines;
- refused by HQ (rejected / conflict / a payload HQ's schema refuses) -> attention, with HQ's reason;
- no answer (network, timeout, 5xx, unreadable reply) -> failed, due again after backoff with jitter;
- token refused (401/403) -> back to waiting uncounted, uploads paused until resumed or the pause ends.
A batch HQ refuses as a whole (422) is split until the refused orders are alone, so the rest go through.
While a full batch is with HQ, the next batch's payloads are built ahead (read only: the claim still decides
which orders go), so the station's reading overlaps HQ's work. A drain overlaps more: once a full batch is
answered, the next one is claimed and sent before the answers are stored (Uploader.drain).

Voids (作廢) follow in the same round, after the orders: only voids whose order HQ has accepted are claimed
(a void never goes first), one idempotent POST /orders/{id}/void each, with the same fates: HQ answers
'voided' (first time or a replay) -> success; HQ refuses it (4xx, e.g. another period) -> attention with
HQ's reason, blocking nothing; no answer -> failed with backoff; token refused -> waiting, uploads paused.

Allowances (折讓) and their cancels come last, with the same fates (core/sync/allowance_uploader.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar

from pydantic import ValidationError

from core.clock import Clock
from core.messages import CheckoutCode, SyncCode
from core.messages.reason import Reason
from core.store import Database, allowance_outbox
from core.store.outbox import (
    Accepted,
    ClaimedVoid,
    LineFix,
    OrderBundle,
    claim_due,
    claim_due_voids,
    load_orders,
    mark_attention,
    mark_failed,
    mark_success,
    mark_voids,
    next_due,
    peek_due,
    recover_interrupted,
    release,
)
from core.store.upload_state import UploadState
from core.sync.allowance_uploader import AllowanceOutcome, AllowanceSender
from core.sync.client import HQClient
from core.sync.errors import HQAuthError, HQBadReplyError, HQError, HQNotFoundError, HQRejectedError
from core.sync.payload import order_dict
from core.sync.protocol import OrderResult, Reconciliation

log = logging.getLogger(__name__)
T = TypeVar("T")


class DbRunner(Protocol):
    """Runs one piece of database work and hands back its result, whatever its type."""

    def __call__(self, function: Callable[[], T], /) -> Awaitable[T]: ...


async def in_thread(function: Callable[[], T]) -> T:
    # SQLite calls are short but blocking; keep them off the event loop.
    return await asyncio.to_thread(function)


async def inline(function: Callable[[], T]) -> T:
    """Run database work on the loop itself: deterministic, for tests that drive the uploader by hand."""
    return function()


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with 'equal jitter': half the delay is fixed, half random, so a store's tills
    coming back together do not hammer HQ in step, and a retry never comes immediately."""

    base: float = 2.0
    factor: float = 2.0
    cap: float = 300.0

    def delay(self, attempts: int, rng: random.Random) -> float:
        ceiling = min(self.cap, self.base * self.factor ** max(0, attempts - 1))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)


@dataclass(frozen=True)
class OrderOutcome:
    order_id: str
    state: UploadState
    reason: Reason | None = None
    replay: bool = False
    reconciliation: Reconciliation | None = None


@dataclass(frozen=True)
class VoidOutcome:
    order_id: str
    state: UploadState
    reason: Reason | None = None


@dataclass(frozen=True)
class RoundResult:
    claimed: int = 0  # orders
    outcomes: tuple[OrderOutcome, ...] = ()
    error: HQError | None = None  # why the round stopped early (no answer, or the token refused)
    paused: bool = False
    voids: tuple[VoidOutcome, ...] = ()  # one per void claimed this round
    allowances: tuple[AllowanceOutcome, ...] = ()  # one per allowance or cancel claimed this round

    @property
    def worked(self) -> bool:
        """Anything (order, void or allowance) was claimed: another round may find more."""
        return bool(self.claimed or self.voids or self.allowances)

    def count(self, state: UploadState) -> int:
        return sum(1 for outcome in self.outcomes if outcome.state is state)

    def count_voids(self, state: UploadState) -> int:
        return sum(1 for outcome in self.voids if outcome.state is state)


@dataclass
class _Item:
    order_id: str
    attempts: int
    payload: dict[str, Any]


@dataclass
class _Exchange:
    accepted: list[tuple[_Item, OrderResult]] = field(default_factory=list)
    refused: list[tuple[_Item, Reason, str | None]] = field(default_factory=list)
    unanswered: list[_Item] = field(default_factory=list)
    error: HQError | None = None


@dataclass
class _Sent:
    """A claimed batch on its way to HQ: its exchange running (none when every order was held here), and
    the next batch's payloads being read alongside."""

    items: list[_Item]
    broken: list[tuple[_Item, Reason, str | None]]
    exchange: asyncio.Future[_Exchange] | None
    ahead: asyncio.Task[dict[str, dict[str, Any]]] | None

    @property
    def claimed(self) -> int:
        return len(self.items) + len(self.broken)

    def cancel(self) -> None:
        for task in (self.exchange, self.ahead):
            if task is not None:
                task.cancel()


class Uploader:
    def __init__(self, db: Database, client: HQClient, clock: Clock, *, batch_size: int = 200,
                 backoff: Backoff | None = None, rng: random.Random | None = None,
                 auth_pause: timedelta = timedelta(minutes=5), run_db: DbRunner | None = None) -> None:
        self.db = db
        self.client = client
        self.clock = clock
        self.batch_size = batch_size
        self.backoff = backoff or Backoff()
        self.rng = rng or random.Random()
        self.auth_pause = auth_pause
        self._run_db: DbRunner = run_db or in_thread
        self.paused_reason: Reason | None = None
        self.paused_until: datetime | None = None
        # Payloads of the orders due next, read while the batch before them was with HQ. A stored sale never
        # changes, so its payload read then is the one a claim would build; used once, by the next claim.
        self._prepared: dict[str, dict[str, Any]] = {}
        self.allowances = AllowanceSender(db, client, clock, batch_size=batch_size, run_db=self._run_db,
                                          unanswered=self._unanswered)

    # ---------------------------------------------------------------- state

    @property
    def paused(self) -> bool:
        if self.paused_until is None:
            return False
        if self.clock.now() >= self.paused_until:
            self.resume()
            return False
        return True

    def resume(self) -> None:
        self.paused_reason = self.paused_until = None

    async def recover(self) -> int:
        """After a restart: orders caught mid-upload become due again."""
        def work() -> int:
            with self.db.write() as session:
                return (recover_interrupted(session, self.clock.now())
                        + allowance_outbox.recover_interrupted(session, self.clock.now()))
        recovered = await self._run_db(work)
        if recovered:
            log.warning("%d uploads were interrupted by a restart; they are due again", recovered)
        return recovered

    async def next_due(self) -> datetime | None:
        def work() -> datetime | None:
            with self.db.read() as session:
                due = [at for at in (next_due(session), allowance_outbox.next_due(session)) if at is not None]
                return min(due) if due else None
        return await self._run_db(work)

    # ---------------------------------------------------------------- one round

    async def upload_round(self) -> RoundResult:
        """Claim one batch of due orders and upload it, then the due voids of orders HQ has; every claimed
        order and void leaves 'uploading'. Voids are skipped when the orders got no answer."""
        result, _ = await self._round(None, pipeline=False)
        return result

    async def drain(self, max_rounds: int | None = None, *,
                    on_round: Callable[[RoundResult], Awaitable[bool]] | None = None,
                    keep_going: Callable[[], bool] | None = None) -> list[RoundResult]:
        """Upload until nothing is due, HQ stops answering, or uploads are paused; `on_round` hears of each
        round as it ends (answering False stops the drain), `keep_going` is asked before a batch is sent ahead.

        Rounds overlap: when a full batch comes back with nothing wrong, the next batch is claimed and sent
        before this one's answers are stored, so the station stores (and reads ahead) while HQ works. Each
        round still reports its own batch, and its voids follow its orders. Exactly once holds as without the
        overlap: a claimed row stays 'uploading' until its answer is stored, a crash leaves it due again at
        restart (HQ answers the re-send as a replay), and a drain that stops with a batch sent ahead stores
        that batch's answers first, as a round of its own."""
        rounds: list[RoundResult] = []
        sent: _Sent | None = None
        try:
            while max_rounds is None or len(rounds) < max_rounds:
                ahead = (max_rounds is None or len(rounds) + 1 < max_rounds) and (keep_going is None or keep_going())
                # The round owns the batch it is handed: a failure in it must not have it stored twice here.
                handed, sent = sent, None
                result, sent = await self._round(handed, pipeline=ahead)
                rounds.append(result)
                go_on = result.worked and result.error is None and not result.paused
                if on_round is not None:
                    go_on = await on_round(result) and go_on
                if not go_on or (keep_going is not None and not keep_going()):
                    break
            if sent is not None:
                last, sent = sent, None
                settled = await self._settle(last)
                rounds.append(settled)
                if on_round is not None:
                    await on_round(settled)
        except Exception:
            if sent is not None:  # its answers still count: store them before the failure goes up
                await self._settle_quietly(sent)
            raise
        except BaseException:  # cancelled: like a crash, the batch sent ahead is due again at the next start
            if sent is not None:
                sent.cancel()
            raise
        return rounds

    async def _round(self, sent: _Sent | None, *, pipeline: bool) -> tuple[RoundResult, _Sent | None]:
        """One round: this batch's answers (claimed and sent now, or sent ahead by the round before), then
        the voids, then (in a round without either) allowances. With `pipeline`, a full batch answered
        without trouble has the next batch claimed and sent before its answers are stored; that batch is
        handed back for the next round."""
        if sent is None:
            if self.paused:
                return RoundResult(paused=True), None
            sent = self._send(*await self._run_db(self._claim))
        outcomes: list[OrderOutcome] = []
        error: HQError | None = None
        following: _Sent | None = None
        try:
            if sent.claimed:
                exchange = await self._answer(sent)
                if pipeline and exchange.error is None and sent.claimed >= self.batch_size and not self.paused:
                    following = await self._claim_ahead()
                    if following.claimed:
                        await asyncio.sleep(0)  # the request on its way before the store takes its turn
                    else:
                        following = None
                outcomes = await self._run_db(lambda: self._store(exchange))
                error = exchange.error
            voids: list[VoidOutcome] = []
            if error is None:
                voids, error = await self._void_round()
            allowances: list[AllowanceOutcome] = []
            if error is None and not (sent.claimed or voids):  # a round of their own: orders' news comes first
                allowances, error = await self.allowances.round()
                reason = Reason(error.code, dict(error.params)) if error else None
                self._pause_if_refused(error, reason, self.clock.now())
        except Exception:
            if following is not None:
                await self._settle_quietly(following)
            raise
        except BaseException:
            if following is not None:
                following.cancel()
            raise
        result = RoundResult(claimed=sent.claimed, outcomes=tuple(outcomes), error=error,
                             paused=isinstance(error, HQAuthError), voids=tuple(voids), allowances=tuple(allowances))
        return result, following

    async def _claim_ahead(self) -> _Sent:
        """The next batch claimed and sent before this one is stored. A claim that fails here must not keep
        this batch's answers from being stored: the next round claims again and meets the fault itself."""
        try:
            return self._send(*await self._run_db(self._claim))
        except Exception:
            log.warning("claiming the next upload batch ahead failed; it is claimed after this one is stored",
                        exc_info=True)
            return _Sent([], [], None, None)

    def _send(self, items: list[_Item], broken: list[tuple[_Item, Reason, str | None]]) -> _Sent:
        """Start a claimed batch's exchange with HQ and, when the batch is full (more is due), the reading
        of the next batch's payloads alongside it."""
        exchange = asyncio.ensure_future(self._exchange(items)) if items else None
        ahead = self._read_ahead() if len(items) + len(broken) >= self.batch_size else None
        return _Sent(items, broken, exchange, ahead)

    async def _answer(self, sent: _Sent) -> _Exchange:
        """The batch's exchange once HQ has answered (or failed to), with the orders held at the station
        among the refused; the payloads read ahead meanwhile are kept for the next claim."""
        try:
            exchange = await sent.exchange if sent.exchange is not None else _Exchange()
        finally:
            if sent.ahead is not None:
                self._prepared = await sent.ahead
        if exchange.error is not None:  # the drain stops here; a later one reads afresh
            self._prepared = {}
        exchange.refused.extend(sent.broken)
        return exchange

    async def _settle(self, sent: _Sent) -> RoundResult:
        """A batch sent ahead of a drain that stops: its answers stored, nothing more sent."""
        exchange = await self._answer(sent)
        self._prepared = {}
        outcomes = await self._run_db(lambda: self._store(exchange))
        return RoundResult(claimed=sent.claimed, outcomes=tuple(outcomes), error=exchange.error,
                           paused=isinstance(exchange.error, HQAuthError))

    async def _settle_quietly(self, sent: _Sent) -> None:
        try:
            await self._settle(sent)
        except Exception:  # the failure that stopped the drain is the one to report; these rows are recovered
            log.warning("storing the answers of the upload batch sent ahead failed", exc_info=True)

    def _read_ahead(self) -> asyncio.Task[dict[str, dict[str, Any]]]:
        """A full batch leaves more due: build the next batch's payloads while this one is with HQ, so the
        station's reading overlaps HQ's work instead of following it. Nothing is claimed or written."""
        async def read() -> dict[str, dict[str, Any]]:
            try:
                return await self._run_db(self._prepare_next)
            except Exception:  # only a head start: the claim reads the database again and meets any fault
                log.warning("reading the next upload batch ahead failed", exc_info=True)
                return {}
        return asyncio.ensure_future(read())

    def _prepare_next(self) -> dict[str, dict[str, Any]]:
        with self.db.read() as session:
            bundles = load_orders(session, peek_due(session, self.clock.now(), self.batch_size))
        prepared: dict[str, dict[str, Any]] = {}
        for bundle in bundles:
            try:
                prepared[bundle.order.id] = order_dict(bundle)
            except ValidationError:  # the claim holds it, with its reason
                continue
        return prepared

    def _claim(self) -> tuple[list[_Item], list[tuple[_Item, Reason, str | None]]]:
        now = self.clock.now()
        prepared, self._prepared = self._prepared, {}
        with self.db.write() as session:
            claimed = claim_due(session, now, self.batch_size)
        if not claimed:
            return [], []
        unread = [c.order_id for c in claimed if c.order_id not in prepared]
        bundles: dict[str, OrderBundle] = {}
        if unread:
            with self.db.read() as session:
                bundles = {b.order.id: b for b in load_orders(session, unread)}
        items: list[_Item] = []
        broken: list[tuple[_Item, Reason, str | None]] = []
        for claim in claimed:
            if claim.order_id in prepared:
                items.append(_Item(claim.order_id, claim.attempts, prepared[claim.order_id]))
                continue
            bundle = bundles.get(claim.order_id)
            if bundle is None:  # an outbox row without its sale: only a damaged database gets here
                item = _Item(claim.order_id, claim.attempts, {})
                broken.append((item, Reason(CheckoutCode.ORDER_UNKNOWN, {"value": claim.order_id}), None))
                continue
            try:
                payload = order_dict(bundle)
            except ValidationError as error:  # HQ would refuse it too: held here, with what does not fit
                item = _Item(claim.order_id, claim.attempts, {})
                broken.append((item, Reason(SyncCode.ORDER_INVALID_PAYLOAD, {"detail": _first_problem(error)}), None))
                continue
            items.append(_Item(claim.order_id, claim.attempts, payload))
        return items, broken

    async def _exchange(self, items: list[_Item]) -> _Exchange:
        exchange = _Exchange()
        pending: list[list[_Item]] = [items]
        while pending:
            chunk = pending.pop()
            try:
                reply = await self.client.upload([item.payload for item in chunk])
            except HQRejectedError as refused:
                self._split(chunk, refused, pending, exchange)
                continue
            except HQError as error:
                exchange.error = error
                exchange.unanswered.extend(chunk)
                for rest in pending:
                    exchange.unanswered.extend(rest)
                break
            by_id = {str(result.order_id): result for result in reply.results}
            for item in chunk:
                result = by_id.get(item.order_id)
                if result is None:
                    exchange.unanswered.append(item)
                    exchange.error = exchange.error or HQError(SyncCode.BAD_REPLY, detail="an order had no result")
                elif result.outcome == "accepted":
                    exchange.accepted.append((item, result))
                else:
                    reason = Reason(result.reason_code or SyncCode.REJECTED, dict(result.reason_params)) \
                        if result.reason_code else Reason(SyncCode.REJECTED, {"status": 200, "detail": result.outcome})
                    exchange.refused.append((item, reason, result.model_dump_json()))
        return exchange

    @staticmethod
    def _split(chunk: list[_Item], refused: HQRejectedError, pending: list[list[_Item]], exchange: _Exchange) -> None:
        """HQ refused a whole batch: blame the orders its errors point at, or halve until one is alone."""
        blamed: dict[int, str] = {}
        for error in refused.errors:
            loc = error.get("loc") or []
            if len(loc) > 2 and loc[:2] == ["body", "orders"] and isinstance(loc[2], int) and 0 <= loc[2] < len(chunk):
                where = ".".join(str(part) for part in loc[3:])
                blamed.setdefault(loc[2], f"{where}: {error.get('msg', '')}".strip(": "))
        if blamed:
            for index, detail in blamed.items():
                reason = Reason(SyncCode.ORDER_INVALID_PAYLOAD, {"detail": detail})
                exchange.refused.append((chunk[index], reason, None))
            rest = [item for index, item in enumerate(chunk) if index not in blamed]
            if rest:
                pending.append(rest)
        elif len(chunk) > 1:
            middle = len(chunk) // 2
            pending.extend([chunk[middle:], chunk[:middle]])
        else:
            code = str(refused.problem.get("code") or SyncCode.REJECTED)
            params = dict(refused.problem.get("params") or {}) if refused.problem else dict(refused.params)
            exchange.refused.append((chunk[0], Reason(code, params), None))

    def _store(self, exchange: _Exchange) -> list[OrderOutcome]:
        now = self.clock.now()
        outcomes: list[OrderOutcome] = []
        accepted = []
        for item, result in exchange.accepted:
            recon = result.reconciliation
            lines = tuple(LineFix(line.position, line.hq_name, line.catalog_price, line.price_override,
                                  line.unknown_sku) for line in recon.lines) if recon else ()
            accepted.append(Accepted(item.order_id, result.model_dump_json(), recon.customer_id if recon else None,
                                     lines))
            outcomes.append(OrderOutcome(item.order_id, UploadState.SUCCESS, replay=result.replay,
                                         reconciliation=recon))
        refused = [(item.order_id, reason, result) for item, reason, result in exchange.refused]
        outcomes.extend(OrderOutcome(item.order_id, UploadState.ATTENTION, reason)
                        for item, reason, _ in exchange.refused)
        error = exchange.error
        reason = Reason(error.code, dict(error.params)) if error else Reason(SyncCode.BAD_REPLY, {"detail": "?"})
        retries, released = self._unanswered([(i.order_id, i.attempts) for i in exchange.unanswered], error, now)
        outcomes.extend(OrderOutcome(order_id, UploadState.FAILED, reason) for order_id, _ in retries)
        outcomes.extend(OrderOutcome(order_id, UploadState.WAITING, reason) for order_id in released)
        with self.db.write() as session:
            mark_success(session, accepted, now)
            mark_attention(session, refused, now)
            mark_failed(session, retries, reason, now)
            release(session, released, reason, now)
        _log_round("orders", outcomes, sum(1 for o in outcomes if o.replay), reason if error else None)
        self._pause_if_refused(error, reason, now)
        return outcomes

    def _unanswered(self, items: list[tuple[str, int]], error: HQError | None, now: datetime
                    ) -> tuple[list[tuple[str, datetime]], list[str]]:
        """What becomes of uploads HQ did not answer: a refused token hands them back untouched (no attempt
        counted, paused); anything else retries each after its own jittered backoff."""
        if isinstance(error, HQAuthError):
            return [], [order_id for order_id, _ in items]
        retries = [(order_id, now + timedelta(seconds=self.backoff.delay(attempts + 1, self.rng)))
                   for order_id, attempts in items]
        return retries, []

    def _pause_if_refused(self, error: HQError | None, reason: Reason | None, now: datetime) -> None:
        if isinstance(error, HQAuthError):
            self.paused_reason = reason
            self.paused_until = now + self.auth_pause
            log.warning("HQ refused the station's token; uploads paused")

    # ---------------------------------------------------------------- voids

    async def _void_round(self) -> tuple[list[VoidOutcome], HQError | None]:
        claims = await self._run_db(self._claim_voids)
        if not claims:
            return [], None
        accepted: list[tuple[str, str]] = []
        refused: list[tuple[str, Reason]] = []
        unanswered: list[ClaimedVoid] = []
        error: HQError | None = None
        for index, claim in enumerate(claims):
            try:
                record = await self.client.void(claim.order_id, claim.wire_reason, claim.voided_at,
                                                approved_by=claim.approved_by)
            except (HQRejectedError, HQNotFoundError) as refusal:
                refused.append((claim.order_id, _refusal_reason(refusal)))
                continue
            except HQError as failure:  # no answer, HQ's own trouble, or the token refused: stop here
                error = failure
                unanswered = claims[index:]
                break
            if record.status != "voided":
                error = HQBadReplyError(SyncCode.BAD_REPLY, detail=f"void of {claim.order_id}: status {record.status}")
                unanswered = claims[index:]
                break
            answer = {"status": record.status, "voided_at": record.voided_at.isoformat() if record.voided_at else None,
                      "void_reason": record.void_reason}
            accepted.append((claim.order_id, json.dumps(answer, ensure_ascii=False, sort_keys=True)))
        outcomes = [VoidOutcome(order_id, UploadState.SUCCESS) for order_id, _ in accepted]
        outcomes.extend(VoidOutcome(order_id, UploadState.ATTENTION, reason) for order_id, reason in refused)
        now = self.clock.now()
        reason = Reason(error.code, dict(error.params)) if error else None
        retries, released = self._unanswered([(c.order_id, c.attempts) for c in unanswered], error, now)
        outcomes.extend(VoidOutcome(order_id, UploadState.FAILED, reason) for order_id, _ in retries)
        outcomes.extend(VoidOutcome(order_id, UploadState.WAITING, reason) for order_id in released)

        def store() -> None:
            with self.db.write() as session:
                mark_voids(session, now, accepted=accepted, refused=refused, retries=retries, failure=reason,
                           released=released)
        await self._run_db(store)
        _log_round("voids", outcomes, 0, reason)
        self._pause_if_refused(error, reason, now)
        return outcomes, error

    def _claim_voids(self) -> list[ClaimedVoid]:
        with self.db.write() as session:
            return claim_due_voids(session, self.clock.now(), self.batch_size)


def _log_round(what: str, outcomes: Sequence[OrderOutcome | VoidOutcome], replays: int,
               failure: Reason | None) -> None:
    """One line per uploaded batch (stored first), and one per order or void HQ refused: support's record."""
    if not outcomes:
        return
    counts = Counter(outcome.state for outcome in outcomes)
    level = logging.INFO if counts[UploadState.SUCCESS] == len(outcomes) else logging.WARNING
    log.log(level, "upload of %d %s: %d accepted (%d already at HQ), %d need attention, %d to retry, %d waiting%s",
            len(outcomes), what, counts[UploadState.SUCCESS], replays, counts[UploadState.ATTENTION],
            counts[UploadState.FAILED], counts[UploadState.WAITING],
            f" ({failure.code} {failure.params})" if failure is not None else "")
    for outcome in outcomes:
        if outcome.state is UploadState.ATTENTION and outcome.reason is not None:
            log.warning("upload of %s %s needs attention: %s %s", what.rstrip("s"), outcome.order_id,
                        outcome.reason.code, outcome.reason.params)


def _first_problem(error: ValidationError) -> str:
    """Where the stored sale leaves HQ's format, short (the reason is shown on the uploads screen)."""
    problem = error.errors()[0]
    where = ".".join(str(part) for part in problem["loc"])
    return f"{where}: {problem['msg']}"[:200]


def _refusal_reason(refusal: HQError) -> Reason:
    """HQ's own reason (its problem code) when it gave one, else the HTTP refusal as such."""
    problem = getattr(refusal, "problem", None)
    if problem and problem.get("code"):
        return Reason(str(problem["code"]), dict(problem.get("params") or {}))
    return Reason(refusal.code, dict(refusal.params))

"""Allowances (折讓) and their cancels to HQ, in the uploader's round after orders and voids.

Only allowances whose order HQ has accepted are claimed, and only cancels whose allowance HQ has; each
batch is one idempotent POST (HQ answers a replay with its first answer), with per-item fates: accepted
or held (HQ keeps it, judged when the sale arrives) -> success; rejected or conflict, or a payload HQ's
format refuses -> attention with the reason, blocking nothing; no answer -> failed with backoff; token
refused -> waiting, uploads paused (the uploader's rules for orders).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from core.clock import Clock
from core.messages import AllowanceCode, SyncCode
from core.messages.reason import Reason
from core.store import Database
from core.store.allowance_outbox import ClaimedAllowance, claim_due, mark
from core.store.allowances import CANCEL, ISSUE, load
from core.store.tables import AllowanceRow, Order
from core.store.upload_state import UploadState
from core.sync.allowance_payload import allowance_in, as_json, cancel_in
from core.sync.client import HQClient
from core.sync.errors import HQError, HQRejectedError
from core.sync.protocol import AllowanceResult

log = logging.getLogger(__name__)

Unanswered = Callable[[list[tuple[str, int]], HQError | None, datetime],
                      tuple[list[tuple[str, datetime]], list[str]]]


@dataclass(frozen=True)
class AllowanceOutcome:
    allowance_id: str
    kind: str  # issue | cancel
    state: UploadState
    reason: Reason | None = None
    held: bool = False  # HQ keeps it but does not hold its sale yet


@dataclass
class _Exchange:
    accepted: list[tuple[str, str]] = field(default_factory=list)
    refused: list[tuple[str, Reason, str | None]] = field(default_factory=list)
    held: set[str] = field(default_factory=set)
    unanswered: list[ClaimedAllowance] = field(default_factory=list)
    error: HQError | None = None


@dataclass
class _Batch:
    items: list[tuple[ClaimedAllowance, dict[str, Any]]] = field(default_factory=list)
    broken: list[tuple[str, Reason, str | None]] = field(default_factory=list)


class AllowanceSender:
    def __init__(self, db: Database, client: HQClient, clock: Clock, *, batch_size: int,
                 run_db: Callable[[Callable[[], Any]], Awaitable[Any]], unanswered: Unanswered) -> None:
        self.db = db
        self.client = client
        self.clock = clock
        self.batch_size = batch_size
        self._run_db = run_db
        self._unanswered = unanswered

    async def round(self) -> tuple[list[AllowanceOutcome], HQError | None]:
        """Allowances, then (when HQ answered) the cancels whose allowances it has, this round included."""
        outcomes, error = await self._kind(ISSUE)
        if error is None:
            cancels, error = await self._kind(CANCEL)
            outcomes.extend(cancels)
        return outcomes, error

    def _claim(self, kind: str) -> _Batch:
        with self.db.write() as session:
            claimed = claim_due(session, kind, self.clock.now(), self.batch_size)
        batch = _Batch()
        with self.db.read() as session:
            for claim in claimed:
                row = session.get(AllowanceRow, claim.allowance_id)
                order = session.get(Order, row.order_id) if row is not None else None
                allowance = load(session, claim.allowance_id)
                if row is None or order is None or allowance is None:
                    batch.broken.append((claim.allowance_id, Reason(AllowanceCode.NOT_HERE,
                                                                    {"allowance_id": claim.allowance_id}), None))
                    continue
                try:
                    model = allowance_in(allowance, order.station_id) if kind == ISSUE \
                        else cancel_in(row, order.station_id)
                except (ValidationError, ValueError) as problem:
                    detail = _problem(problem)
                    batch.broken.append((claim.allowance_id, Reason(SyncCode.ORDER_INVALID_PAYLOAD, {"detail": detail}),
                                         None))
                    continue
                batch.items.append((claim, as_json(model)))
        return batch

    async def _kind(self, kind: str) -> tuple[list[AllowanceOutcome], HQError | None]:
        batch: _Batch = await self._run_db(lambda: self._claim(kind))
        if not batch.items and not batch.broken:
            return [], None
        exchange = await self._exchange(kind, batch)
        accepted, refused, held, error = exchange.accepted, exchange.refused, exchange.held, exchange.error
        now = self.clock.now()
        reason = Reason(error.code, dict(error.params)) if error else None
        retries, released = self._unanswered([(c.allowance_id, c.attempts) for c in exchange.unanswered], error,
                                             now)

        def store() -> None:
            with self.db.write() as session:
                mark(session, kind, now, accepted=accepted, refused=refused, retries=retries, failure=reason,
                     released=released)
        await self._run_db(store)
        outcomes = [AllowanceOutcome(i, kind, UploadState.SUCCESS, held=i in held) for i, _ in accepted]
        outcomes.extend(AllowanceOutcome(i, kind, UploadState.ATTENTION, r) for i, r, _ in refused)
        outcomes.extend(AllowanceOutcome(i, kind, UploadState.FAILED, reason) for i, _ in retries)
        outcomes.extend(AllowanceOutcome(i, kind, UploadState.WAITING, reason) for i in released)
        for outcome in outcomes:
            if outcome.state is UploadState.ATTENTION and outcome.reason is not None:
                log.warning("upload of allowance %s %s needs attention: %s %s", kind, outcome.allowance_id,
                            outcome.reason.code, outcome.reason.params)
        log.info("upload of %d allowance %ss: %d accepted (%d held), %d need attention, %d to retry", len(outcomes),
                 kind, len(accepted), len(held), len(refused), len(retries))
        return outcomes, error

    async def _exchange(self, kind: str, batch: _Batch) -> _Exchange:
        exchange = _Exchange(refused=list(batch.broken))
        accepted, refused, held, unanswered = exchange.accepted, exchange.refused, exchange.held, exchange.unanswered
        error: HQError | None = None
        pending = [batch.items] if batch.items else []
        while pending:
            chunk = pending.pop()
            bodies = [body for _, body in chunk]
            try:
                reply = await (self.client.upload_allowances(bodies) if kind == ISSUE
                               else self.client.cancel_allowances(bodies))
            except HQRejectedError as refusal:  # HQ's schema refused the batch: alone, each gets its fate
                if len(chunk) > 1:
                    pending.extend([[item] for item in chunk])
                else:
                    code = str(refusal.problem.get("code") or SyncCode.REJECTED) if refusal.problem else refusal.code
                    params = dict(refusal.problem.get("params") or {}) if refusal.problem else dict(refusal.params)
                    refused.append((chunk[0][0].allowance_id, Reason(code, params), None))
                continue
            except HQError as failure:
                error = failure
                unanswered.extend(claim for claim, _ in chunk)
                for rest in pending:
                    unanswered.extend(claim for claim, _ in rest)
                break
            by_id = {str(result.allowance_id): result for result in reply.results}
            for claim, _ in chunk:
                result = by_id.get(claim.allowance_id)
                if result is None:
                    unanswered.append(claim)
                    error = error or HQError(SyncCode.BAD_REPLY, detail="an allowance had no result")
                elif result.outcome in ("accepted", "held"):
                    accepted.append((claim.allowance_id, result.model_dump_json()))
                    if result.outcome == "held":
                        held.add(claim.allowance_id)
                else:
                    refused.append((claim.allowance_id, _reason(result), result.model_dump_json()))
        exchange.error = error
        return exchange


def _reason(result: AllowanceResult) -> Reason:
    if result.reason_code:
        return Reason(result.reason_code, dict(result.reason_params))
    return Reason(SyncCode.REJECTED, {"status": 200, "detail": result.outcome})


def _problem(problem: Exception) -> str:
    if isinstance(problem, ValidationError):
        first = problem.errors()[0]
        return f"{'.'.join(str(part) for part in first['loc'])}: {first['msg']}"[:200]
    return str(problem)[:200]

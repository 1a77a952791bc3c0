"""Allowances (折讓) and their cancels on their way to HQ: claiming the due ones and recording HQ's answers.

An allowance is due only once its original order's outbox row is 'success' (HQ has the sale), a cancel
only once its allowance's row is: HQ never hears of a return before the sale, nor of a cancel before the
return. Same states as the order outbox (core/store/outbox.py); a row is never deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from core.messages import SyncCode
from core.messages.reason import Reason
from core.store.allowances import CANCEL, ISSUE
from core.store.outbox_rows import OutboxRows
from core.store.sync_cursors import LAST_SUCCESS, set_state
from core.store.tables import AllowanceOutboxEntry, AllowanceRow, OutboxEntry
from core.store.upload_state import DUE_STATES, UploadState

_Issue = aliased(AllowanceOutboxEntry)


@dataclass(frozen=True)
class ClaimedAllowance:
    allowance_id: str
    kind: str  # issue | cancel
    attempts: int  # attempts before this one


def _due(kind: str):  # type: ignore[no-untyped-def]  # a Select whose column list differs per kind
    entry = AllowanceOutboxEntry
    query = select(entry.allowance_id, entry.attempts).where(
        entry.kind == kind, col(entry.state).in_(DUE_STATES))
    if kind == ISSUE:
        return (query.join(AllowanceRow, col(AllowanceRow.id) == entry.allowance_id)
                .join(OutboxEntry, col(OutboxEntry.order_id) == AllowanceRow.order_id)
                .where(OutboxEntry.state == UploadState.SUCCESS.value))
    return (query.join(_Issue, and_(col(_Issue.allowance_id) == entry.allowance_id, col(_Issue.kind) == ISSUE))
            .where(_Issue.state == UploadState.SUCCESS.value))


def claim_due(session: Session, kind: str, now: datetime, limit: int) -> list[ClaimedAllowance]:
    """Take up to `limit` due allowances (or cancels), oldest first, and mark them uploading."""
    entry = AllowanceOutboxEntry
    rows = session.exec(_due(kind).where(entry.next_attempt_at <= now)
                        .order_by(col(entry.next_attempt_at), col(entry.created_at), col(entry.allowance_id))
                        .limit(limit)).all()
    if not rows:
        return []
    session.execute(
        update(entry).where(col(entry.kind) == kind, col(entry.allowance_id).in_([r[0] for r in rows]))
        .values(state=UploadState.UPLOADING.value, updated_at=now)
        .execution_options(synchronize_session=False))
    return [ClaimedAllowance(allowance_id, kind, attempts) for allowance_id, attempts in rows]


def next_due(session: Session) -> datetime | None:
    """When the next allowance or cancel is due (counting only those whose order, or allowance, HQ has)."""
    due = []
    for kind in (ISSUE, CANCEL):
        query = _due(kind).with_only_columns(func.min(AllowanceOutboxEntry.next_attempt_at))
        at = session.execute(query).scalar_one()
        if at is not None:
            due.append(at)
    return min(due) if due else None


def recover_interrupted(session: Session, now: datetime) -> int:
    """Rows left 'uploading' by a stopped station are due again: HQ answers a replay with its first answer."""
    result = session.exec(
        update(AllowanceOutboxEntry).where(col(AllowanceOutboxEntry.state) == UploadState.UPLOADING.value)
        .values(state=UploadState.WAITING.value, next_attempt_at=now, updated_at=now,
                last_error=Reason(SyncCode.UPLOAD_INTERRUPTED).to_json())
        .execution_options(synchronize_session=False))
    return int(result.rowcount or 0)


def mark(session: Session, kind: str, now: datetime, *, accepted: Iterable[tuple[str, str]] = (),
         refused: Iterable[tuple[str, Reason, str | None]] = (), retries: Iterable[tuple[str, datetime]] = (),
         failure: Reason | None = None, released: Sequence[str] = ()) -> None:
    """Record one round: accepted (id, HQ's answer as JSON; held at HQ counts, HQ keeps it) -> success;
    refused (id, reason, answer) -> attention; retries (id, when) -> failed with `failure`; released ->
    waiting, uncounted."""
    rows = OutboxRows(AllowanceOutboxEntry.__table__, "allowance_id", kind)  # type: ignore[attr-defined]
    if rows.succeed(session, accepted, now):
        set_state(session, LAST_SUCCESS, now.isoformat(timespec="seconds"), now)
    rows.park(session, refused, now)
    rows.fail(session, retries, failure or Reason(SyncCode.BAD_REPLY, {"detail": "?"}), now)
    rows.release(session, released, failure, now)


@dataclass(frozen=True)
class AllowanceUpload:
    allowance_id: str
    kind: str
    state: str
    attempts: int
    reason: Reason | None
    result: str | None

    @property
    def is_cancel(self) -> bool:
        """The 作廢折讓's row rather than the allowance's own (screens ask this, never the store's kinds)."""
        return self.kind == CANCEL


def uploads(session: Session, allowance_id: str) -> list[AllowanceUpload]:
    """The allowance's upload rows (issue, then cancel if any), with HQ's reason for an attention row."""
    rows = session.exec(select(AllowanceOutboxEntry).where(AllowanceOutboxEntry.allowance_id == allowance_id)
                        .order_by(col(AllowanceOutboxEntry.kind) == CANCEL)).all()
    return [AllowanceUpload(r.allowance_id, r.kind, r.state, r.attempts, Reason.from_json(r.last_error), r.result)
            for r in rows]

"""The outbox state machine every outbox shares (orders, voids, allowances): the moves a round of
uploads makes on its rows. Each outbox names its table and key; what else a move touches (an order's
reconciled lines, the last-success cursor) stays with that outbox.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, bindparam, update
from sqlmodel import Session

from core.messages.reason import Reason
from core.store.executemany import execute_many
from core.store.upload_state import UploadState


@dataclass(frozen=True)
class OutboxRows:
    """The rows of one outbox table, each named by its `key` column (and, for allowances, its `kind`)."""

    table: Table
    key: str
    kind: str | None = None  # allowance_outbox holds an issue and a cancel row per allowance

    def _named(self) -> ColumnElement[bool]:
        named = self.table.c[self.key] == bindparam("b_id")
        return named if self.kind is None else and_(named, self.table.c.kind == self.kind)

    def _ids(self, ids: Sequence[str]) -> ColumnElement[bool]:
        chosen = self.table.c[self.key].in_(list(ids))
        return chosen if self.kind is None else and_(chosen, self.table.c.kind == self.kind)

    def succeed(self, session: Session, accepted: Iterable[tuple[str, str | None]], now: datetime) -> bool:
        """HQ took these (id, its answer as JSON): success. True when there was any."""
        rows = [{"b_id": row_id, "b_result": result} for row_id, result in accepted]
        if rows:
            execute_many(session, update(self.table).where(self._named()).values(
                state=UploadState.SUCCESS.value, attempts=self.table.c.attempts + 1, last_error=None,
                result=bindparam("b_result"), updated_at=now), rows)
        return bool(rows)

    def park(self, session: Session, refused: Iterable[tuple[str, Reason, str | None]], now: datetime, *,
             keep_answer: bool = True) -> None:
        """HQ refused these (id, its reason, its answer): attention, for a person. `keep_answer=False`
        leaves the row's stored answer as it is."""
        rows = [{"b_id": row_id, "b_error": reason.to_json(), "b_result": result}
                for row_id, reason, result in refused]
        if rows:
            answer: dict[str, Any] = {"result": bindparam("b_result")} if keep_answer else {}
            execute_many(session, update(self.table).where(self._named()).values(
                state=UploadState.ATTENTION.value, attempts=self.table.c.attempts + 1,
                last_error=bindparam("b_error"), updated_at=now, **answer), rows)

    def fail(self, session: Session, retries: Iterable[tuple[str, datetime]], reason: Reason, now: datetime) -> None:
        """No answer for these (id, when to try again): failed, due again then."""
        rows = [{"b_id": row_id, "b_next": at} for row_id, at in retries]
        if rows:
            execute_many(session, update(self.table).where(self._named()).values(
                state=UploadState.FAILED.value, attempts=self.table.c.attempts + 1,
                next_attempt_at=bindparam("b_next"), last_error=reason.to_json(), updated_at=now), rows)

    def release(self, session: Session, ids: Sequence[str], reason: Reason | None, now: datetime) -> None:
        """Claimed rows back to waiting without counting an attempt (uploads paused, not failed)."""
        if ids:
            session.execute(
                update(self.table).where(self._ids(ids), self.table.c.state == UploadState.UPLOADING.value)
                .values(state=UploadState.WAITING.value, updated_at=now,
                        last_error=reason.to_json() if reason else None)
                .execution_options(synchronize_session=False))

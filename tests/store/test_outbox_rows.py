"""The moves every outbox makes on its rows (core.store.outbox_rows), on a real SQLite file: each move
touches only the rows it names, counts an attempt where it should, and an allowance's issue and cancel
rows stay apart."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine, insert, select
from sqlmodel import Session

from core.messages import SyncCode
from core.messages.reason import Reason
from core.store.outbox_rows import OutboxRows
from core.store.upload_state import UploadState

T0 = datetime(2026, 3, 1, 12, 0)
LATER = T0 + timedelta(minutes=5)

_META = MetaData()
ROWS = Table("rows", _META, Column("row_id", String, primary_key=True), Column("kind", String, primary_key=True),
             Column("state", String), Column("attempts", Integer), Column("next_attempt_at", DateTime),
             Column("last_error", String, nullable=True), Column("result", String, nullable=True),
             Column("updated_at", DateTime))


@pytest.fixture
def session(tmp_path: Path):  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{tmp_path / 'rows.db'}")
    _META.create_all(engine)
    with Session(engine) as session:
        for row_id in ("a", "b", "c"):
            for kind in ("issue", "cancel"):
                session.execute(insert(ROWS).values(
                    row_id=row_id, kind=kind, state=UploadState.UPLOADING.value, attempts=1, next_attempt_at=T0,
                    last_error=None, result='{"old": true}', updated_at=T0))
        session.commit()
        yield session
    engine.dispose()


def _row(session: Session, row_id: str, kind: str = "issue") -> dict[str, object]:
    found = session.execute(select(ROWS).where(ROWS.c.row_id == row_id, ROWS.c.kind == kind)).mappings().one()
    return dict(found)


def test_success_counts_an_attempt_clears_the_error_and_keeps_hq_answer(session: Session) -> None:
    rows = OutboxRows(ROWS, "row_id", "issue")
    assert rows.succeed(session, [("a", '{"ok": 1}')], LATER) is True
    assert rows.succeed(session, [], LATER) is False
    a = _row(session, "a")
    assert (a["state"], a["attempts"], a["last_error"], a["result"], a["updated_at"]) == (
        "success", 2, None, '{"ok": 1}', LATER)
    assert _row(session, "a", "cancel")["state"] == "uploading"  # the other kind is another row
    assert _row(session, "b")["state"] == "uploading"


def test_a_refusal_parks_the_row_with_hq_reason_and_answer_or_keeps_the_old_answer(session: Session) -> None:
    reason = Reason(SyncCode.REJECTED, {"status": 422, "detail": "no"})
    OutboxRows(ROWS, "row_id", "issue").park(session, [("a", reason, '{"refused": 1}')], LATER)
    OutboxRows(ROWS, "row_id", "cancel").park(session, [("b", reason, None)], LATER, keep_answer=False)
    a, b = _row(session, "a"), _row(session, "b", "cancel")
    assert (a["state"], a["attempts"], a["result"]) == ("attention", 2, '{"refused": 1}')
    assert json.loads(str(a["last_error"])) == {"code": "hq.rejected", "params": {"status": 422, "detail": "no"}}
    assert (b["state"], b["attempts"], b["result"]) == ("attention", 2, '{"old": true}')


def test_a_failure_is_due_again_at_its_own_time_and_counts_an_attempt(session: Session) -> None:
    later = LATER + timedelta(minutes=1)
    OutboxRows(ROWS, "row_id", "issue").fail(session, [("a", LATER), ("c", later)], Reason(SyncCode.BUSY), LATER)
    a, c = _row(session, "a"), _row(session, "c")
    assert (a["state"], a["attempts"], a["next_attempt_at"]) == ("failed", 2, LATER)
    assert (c["state"], c["next_attempt_at"]) == ("failed", later)
    assert Reason.from_json(str(a["last_error"])) == Reason(SyncCode.BUSY)


def test_a_release_puts_only_claimed_rows_back_without_counting(session: Session) -> None:
    rows = OutboxRows(ROWS, "row_id", "issue")
    rows.succeed(session, [("b", None)], T0)
    rows.release(session, ["a", "b"], Reason(SyncCode.AUTH), LATER)
    a, b = _row(session, "a"), _row(session, "b")
    assert (a["state"], a["attempts"], Reason.from_json(str(a["last_error"]))) == ("waiting", 1, Reason(SyncCode.AUTH))
    assert b["state"] == "success"  # not 'uploading': a release leaves it alone
    assert _row(session, "a", "cancel")["state"] == "uploading"
    rows.release(session, ["c"], None, LATER)
    assert _row(session, "c")["last_error"] is None


def test_rows_without_a_kind_are_named_by_their_key_alone(session: Session) -> None:
    OutboxRows(ROWS, "row_id").fail(session, [("a", LATER)], Reason(SyncCode.BUSY), LATER)
    assert {_row(session, "a", kind)["state"] for kind in ("issue", "cancel")} == {"failed"}

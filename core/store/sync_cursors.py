"""Named cursors of the sync (sync_state): where a pull got to, when an upload last succeeded."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from core.store.tables import SyncState

LAST_SUCCESS = "upload.last_success"


def get_state(session: Session, name: str) -> str | None:
    row = session.get(SyncState, name)
    return None if row is None else row.value


def set_state(session: Session, name: str, value: str, now: datetime) -> None:
    row = session.get(SyncState, name)
    if row is None:
        session.add(SyncState(name=name, value=value, updated_at=now))
    else:
        row.value, row.updated_at = value, now
        session.add(row)

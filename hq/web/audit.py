"""The audit trail: one row per back-office action, written in the same transaction as the action."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from hq.tables import HQAudit


def record(session: Session, now: datetime, username: str, action: str, target: str = "", *,
           detail: str = "") -> None:
    session.add(HQAudit(at=now, username=username[:40], action=action, target=target[:80], detail=detail))

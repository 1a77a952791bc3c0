"""The back office's hooks (hq/web/hooks.py) pointed at the parts of HQ that do the work: the stations'
tokens (hq.auth revoke and rotate) and MOF filing (hq.mof status, requeue and per-order state)."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import FastAPI
from sqlmodel import Session, select

from hq.auth import revoke, rotate
from hq.mof.config import MofConfig
from hq.mof.export import requeue
from hq.mof.status import order_states, status
from hq.tables import HQMofDocument
from hq.web.contact import recorded_contact
from hq.web.hooks import FilingDocument, FilingOverview, OfficeHooks

BLANK_REPORTS_SHOWN = 24  # two years of periods, newest first


def office_hooks(app: FastAPI) -> OfficeHooks:
    def deadlines() -> MofConfig:
        return getattr(app.state, "mof", None) or MofConfig()  # hq.server sets it when filing is configured

    def revoke_station(session: Session, station_id: str, _now: datetime) -> None:
        revoke(session, station_id)

    def filing_overview(session: Session, now: datetime) -> FilingOverview:
        report = status(session, now, deadlines().deadlines)

        def shown(docs: list) -> list[FilingDocument]:  # type: ignore[type-arg]
            return [FilingDocument(str(d.id), d.reference, d.state,
                                   " ".join(filter(None, (d.error_code, d.error_text, d.held_reason))))
                    for d in docs]

        blanks = session.exec(select(HQMofDocument).where(HQMofDocument.kind == "E0402")
                              .order_by(HQMofDocument.period_code.desc())  # type: ignore[attr-defined]
                              .limit(BLANK_REPORTS_SHOWN)).all()
        return FilingOverview(by_state=report.counts, late=shown(report.late), due_soon=shown(report.due_soon),
                              rejected=shown(report.attention),
                              blank_reports=[(f"{b.period_code} {b.reference}", b.state) for b in blanks])

    def resend_filing(session: Session, document_id: str, now: datetime) -> None:
        if document_id.isdigit():
            requeue(session, int(document_id), now)

    def order_filing_state(session: Session, order_id: str) -> str | None:
        try:
            uuid.UUID(order_id)
        except ValueError:
            return None
        found = order_states(session, [order_id], None)
        if not found:
            return None
        state = found[0]
        return " ".join(filter(None, (state.kind, state.state, state.error_code, state.error_text)))

    return OfficeHooks(revoke_station=revoke_station, rotate_station=rotate, filing_overview=filing_overview,
                       resend_filing=resend_filing, order_filing_state=order_filing_state,
                       station_contact=recorded_contact)

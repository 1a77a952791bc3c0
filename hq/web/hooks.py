"""Where the back office calls into parts of HQ built elsewhere: token revoke/rotate (HQ hardening) and MOF
filing. Each is a plain function on `app.state.office_hooks`; the defaults below use only what HQ has
today. At merge, point them at the real implementations (see hq.app's back-office block):

- revoke_station(session, station_id, now): the station's token stops working.
  Default: marks hq_stations.active false (hq.auth already refuses an inactive station).
- rotate_station(session, station_id, now) -> new token, shown once. Default: hq.auth.issue_token.
- station_contact(session, station_id) -> Contact | None: last contact, clock skew, version. Default: none;
  hq.web.wiring points it at what hq.web.contact records from the stations' requests.
- filing_overview(session, now) -> FilingOverview | None: documents by state, late, due soon, rejected,
  blank-number reports. Default: None ("not connected" on the Filing page).
- resend_filing(session, document_id, now): re-send one rejected document. Default: None (no button).
- order_filing_state(session, order_id) -> str | None: an order's MOF state. Default: None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from hq.auth import issue_token
from hq.tables import HQStation


@dataclass(frozen=True)
class Contact:
    last_contact: datetime | None
    clock_skew_seconds: float | None
    version: str | None
    skew_estimated: bool = False  # from the newest order's sale and arrival times, not a Date header


@dataclass(frozen=True)
class FilingDocument:
    id: str
    invoice_number: str
    state: str
    reason: str = ""


@dataclass(frozen=True)
class FilingOverview:
    by_state: dict[str, int]
    late: list[FilingDocument] = field(default_factory=list)
    due_soon: list[FilingDocument] = field(default_factory=list)
    rejected: list[FilingDocument] = field(default_factory=list)
    blank_reports: list[tuple[str, str]] = field(default_factory=list)  # (period label, state)


def revoke_by_deactivating(session: Session, station_id: str, _now: datetime) -> None:
    row = session.get(HQStation, station_id)
    if row is not None:
        row.active = False
        session.add(row)


def rotate_by_reissuing(session: Session, station_id: str, now: datetime) -> str:
    return issue_token(session, station_id, now=now)


@dataclass
class OfficeHooks:
    revoke_station: Callable[[Session, str, datetime], None] | None = revoke_by_deactivating
    rotate_station: Callable[[Session, str, datetime], str] | None = rotate_by_reissuing
    station_contact: Callable[[Session, str], Contact | None] | None = None
    filing_overview: Callable[[Session, datetime], FilingOverview | None] | None = None
    resend_filing: Callable[[Session, str, datetime], None] | None = None
    order_filing_state: Callable[[Session, str], str | None] | None = None

"""Each station's last contact, version and clock skew, for the Stations page.

Recorded from the station's own authenticated requests (hq.auth.principal calls `seen`), cheaply: the first
request of a station in any minute writes its row, the others cost a dict lookup (per HQ process; two
processes each write once a minute). The version is the station's User-Agent (`cashier-station/<version>`).
The clock skew comes from the request's Date header when a station sends one; otherwise it is estimated from
the station's newest order when that was sold online: its sale time (the station's clock) minus its arrival
(HQ's), which reads the station's clock late by the upload's own delay, a second or two online.
"""

from __future__ import annotations

import logging
import re
import threading
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col

from core.clock import Clock
from hq.db import HQDatabase
from hq.tables import HQOrder
from hq.tables.back_office import HQStationContact
from hq.web.hooks import Contact

log = logging.getLogger("hq.office")
EVERY = timedelta(minutes=1)
_STATION_AGENT = re.compile(r"^cashier-station/(\S{1,40})")
MAX_SKEW = 10 * 365 * 86400.0  # a Date header further off than this is garbage, not a clock


def version_from(agent: str | None) -> str | None:
    if not agent:
        return None
    found = _STATION_AGENT.match(agent)
    return found.group(1) if found else agent.split()[0][:40]


def skew_from(date_header: str | None, now: datetime) -> float | None:
    if not date_header:
        return None
    try:
        sent = parsedate_to_datetime(date_header)
    except (TypeError, ValueError, IndexError):
        return None
    if sent.tzinfo is None:
        return None
    skew = (sent - now).total_seconds()
    return round(skew, 1) if abs(skew) <= MAX_SKEW else None


class ContactRecorder:
    def __init__(self, db: HQDatabase, clock: Clock, every: timedelta = EVERY) -> None:
        self.db, self.clock, self.every = db, clock, every
        self._written: dict[str, datetime] = {}
        self._lock = threading.Lock()  # dependencies run on the threadpool: two requests of one station at once

    def seen(self, station_id: str, agent: str | None, date_header: str | None) -> None:
        now = self.clock.now()
        with self._lock:
            last = self._written.get(station_id)
            if last is not None and timedelta(0) <= now - last < self.every:
                return
            self._written[station_id] = now
        values = {"station_id": station_id, "last_contact": now, "version": version_from(agent),
                  "clock_skew_seconds": skew_from(date_header, now)}
        try:
            with self.db.write() as session:
                insert = postgresql.insert if self.db.is_postgres else sqlite.insert
                statement = insert(HQStationContact.__table__).values(**values)  # type: ignore[attr-defined]
                session.execute(statement.on_conflict_do_update(
                    index_elements=["station_id"], set_={k: v for k, v in values.items() if k != "station_id"}))
        except SQLAlchemyError as error:
            # A busy database must not fail the station's own request; the next request tries again.
            log.info("station contact of %s not recorded: %s", station_id, type(error).__name__)
            with self._lock:
                self._written.pop(station_id, None)


def recorded_contact(session: Session, station_id: str) -> Contact | None:
    """The station_contact hook (hq.web.hooks): what `seen` recorded, with the skew estimated from the newest
    order when no Date header told it."""
    row = session.get(HQStationContact, station_id)
    skew = row.clock_skew_seconds if row is not None else None
    estimated = False
    if skew is None:
        newest = session.execute(
            select(col(HQOrder.created_at), col(HQOrder.received_at), col(HQOrder.offline))
            .where(col(HQOrder.station_id) == station_id)
            .order_by(col(HQOrder.received_at).desc()).limit(1)).first()  # ix_hq_orders_station_received
        if newest is not None and not newest.offline:
            skew, estimated = round((newest.created_at - newest.received_at).total_seconds(), 1), True
    if row is None and skew is None:
        return None
    return Contact(row.last_contact if row else None, skew, row.version if row else None, estimated)

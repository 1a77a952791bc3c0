"""On every selling open: must this database wait for HQ before its next e-invoice number?

Yes when it is a backup put back (born pending, core/backup/), and when the station is registered
(core/resume/registration.py) but the database is not the one HQ's numbering was last adopted into: a
fresh file after a lost disk, or some other station.db copied in. No for a station that never adopted
HQ's numbering (its first database) and for the database it runs on: that one may start offline and sell.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from core.clock import Clock
from core.resume.registration import Registration, read_registration
from core.store import Database
from core.store import resume as store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GateState:
    pending: str | None  # why the database waits for HQ, or None
    database_id: str
    registration: Registration | None


def check_on_open(db: Database, clock: Clock) -> GateState:
    """Give the database its identity if it has none, and mark it pending where HQ must answer first."""
    registration = read_registration(db.path.parent)
    now = clock.now()
    with db.write() as session:
        ident = store.identity(session, now)
        if registration is not None and ident.id != registration.database_id:
            reason = "new_database" if ident.new else "other_database"
            if store.pending(session) is None:
                log.warning("database %s is not the one this station's numbering was adopted into (%s): no "
                            "e-invoice number until HQ confirms where its numbering stands", db.path, reason)
            store.require(session, reason, now, seq_floor=registration.seq)
        why = store.pending(session)
    return GateState(why, ident.id, registration)

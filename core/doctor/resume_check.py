"""Doctor check: is the database the one this station's HQ numbering was adopted into?

Fails on a database younger than the station's registration (recreated after a loss) and on one still
waiting for HQ's marks (a restored backup): both take no e-invoice number until HQ answers. Stdlib only,
read-only: the doctor never changes the file it looks at."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from core.doctor.model import CheckResult, JSONValue, Status, say
from core.messages import DoctorCode
from core.resume.registration import read_registration
from core.store import resume as keys


def check_resume(path: Path) -> CheckResult:
    registration = read_registration(path.parent)
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    try:
        state = keys.read_raw(connection)
    finally:
        connection.close()
    created = state.get(keys.DATABASE_CREATED)
    details: dict[str, JSONValue] = {
        "registered": registration is not None,
        "registered_at": registration.registered_at.isoformat() if registration else None,
        "database_id": state.get(keys.DATABASE_ID), "database_created_at": created,
        "pending": state.get(keys.PENDING), "resumed_at": state.get(keys.RESUMED_AT)}
    # Younger: created after the registration (or never opened by a till since), and not the database
    # HQ's numbering was adopted into.
    younger = (registration is not None and state.get(keys.DATABASE_ID) != registration.database_id
               and (created is None or datetime.fromisoformat(created) > registration.registered_at))
    if younger and registration is not None:
        return CheckResult("resume", Status.FAIL, say(DoctorCode.RESUME_YOUNGER, created=(created or "?")[:19],
                                                      registered=registration.registered_at.isoformat()[:19]), details)
    if state.get(keys.PENDING):
        return CheckResult("resume", Status.FAIL, say(DoctorCode.RESUME_PENDING, reason=state[keys.PENDING]), details)
    if registration is None:
        return CheckResult("resume", Status.OK, say(DoctorCode.RESUME_UNREGISTERED), details)
    if created is not None and datetime.fromisoformat(created) > registration.registered_at:
        at = state.get(keys.RESUMED_AT, "?")[:19]
        return CheckResult("resume", Status.OK, say(DoctorCode.RESUME_RESUMED, at=at), details)
    return CheckResult("resume", Status.OK, say(DoctorCode.RESUME_OK), details)

"""Staff: list, add or edit (name, role, active), set a PIN, CSV export (never a PIN or its hash) and import
(a PIN column is hashed); every change audited, every import all or nothing (hq.web.writes.staff)."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from core.errors import ValidationError as RuleError
from core.pins import hash_pin, validate_pin
from hq.tables import HQStaff
from hq.web import audit
from hq.web.context import Office, OfficeDep
from hq.web.csrf import CheckedForm
from hq.web.csvfile import csv_response
from hq.web.uploads import import_off_the_loop
from hq.web.words import PageText
from hq.web.writes import staff as writes
from hq.web.writes.rows import SHOWN_ERRORS, FileRefusedError, RowError, flag, row_errors

router = APIRouter()
MAX_FILE = 1024 * 1024


def _page(who: Office, *, q: str = "", status: int = 200, errors: list[RowError] | None = None,
          notice: str = "", edit: HQStaff | None = None) -> HTMLResponse:
    with who.db.read() as session:
        rows = writes.listing(session, q)
        everyone = rows if not q else writes.listing(session)
    shown = edit or (rows[0] if q and len(rows) == 1 else None)
    return who.page("staff.html", status, here="/office/staff", staff=rows, everyone=everyone, q=q, edit=shown,
                    errors=(errors or [])[:SHOWN_ERRORS], more_errors=max(0, len(errors or []) - SHOWN_ERRORS),
                    notice=notice)


@router.get("/office/staff", response_class=HTMLResponse)
def staff(who: OfficeDep, q: Annotated[str, Query(max_length=100)] = "") -> HTMLResponse:
    return _page(who, q=q)


def _pin(who: Office, form: FormData) -> tuple[str | None, RowError | None]:
    """The PIN typed twice (None when both are blank); a mismatch is refused before anything else."""
    pin, again = str(form.get("pin", "")).strip(), str(form.get("pin_again", "")).strip()
    if pin != again:
        return None, RowError(0, who.t(PageText.STAFF_PIN_MISMATCH))
    return pin or None, None


@router.post("/office/staff", response_class=HTMLResponse)
def save(who: OfficeDep, form: CheckedForm) -> HTMLResponse:
    pin, mismatch = _pin(who, form)
    staff_id = str(form.get("id", "")).strip()
    if mismatch:
        return _page(who, q=staff_id, status=422, errors=[mismatch])
    try:
        row = writes.row_from({"id": staff_id, "name": str(form.get("name", "")).strip(),
                               "role": str(form.get("role", "cashier")), "active": "1" if flag(
                                   str(form.get("active", "")), default=False) else "0", "pin": pin or ""})
    except ValidationError as error:
        return _page(who, q=staff_id, status=422, errors=row_errors(0, error, who.t))
    with who.db.read() as session:
        refused = writes.check(session, [(0, row)], who.lang, who.t)
    if refused:
        return _page(who, q=staff_id, status=422, errors=refused)
    hashes = writes.hash_pins([row])
    with who.db.write() as session:
        writes.save(session, [row], hashes, who.now)
        audit.record(session, who.now, who.user.username, "staff.save", row.id, detail=json.dumps(
            {"name": row.name, "role": row.role, "active": row.active, "pin": "set" if hashes else "kept"},
            ensure_ascii=False))
    return _page(who, q=row.id, notice=who.t(PageText.STAFF_SAVED, id=row.id))


@router.post("/office/staff/pin", response_class=HTMLResponse)
def set_pin(who: OfficeDep, form: CheckedForm) -> HTMLResponse:
    staff_id = str(form.get("id", "")).strip()[:20]
    pin, mismatch = _pin(who, form)
    if mismatch or pin is None:
        return _page(who, q=staff_id, status=422, errors=[mismatch or RowError(0, who.t(PageText.STAFF_PIN_NEEDED))])
    with who.db.read() as session:
        person = session.get(HQStaff, staff_id)
    if person is None:
        return _page(who, status=404, errors=[RowError(0, who.t(PageText.STAFF_UNKNOWN, id=staff_id))])
    try:
        validate_pin(pin, person.role)
    except RuleError as error:
        return _page(who, q=staff_id, status=422, errors=[RowError(0, who.say(error))])
    pin_hash = hash_pin(pin, person.role)  # before the write transaction: scrypt takes a while
    with who.db.write() as session:
        if not writes.set_pin(session, staff_id, pin_hash, who.now):
            return _page(who, status=404, errors=[RowError(0, who.t(PageText.STAFF_UNKNOWN, id=staff_id))])
        audit.record(session, who.now, who.user.username, "staff.pin", staff_id)  # that it changed: never the PIN
    return _page(who, q=staff_id, notice=who.t(PageText.STAFF_PIN_SET, id=staff_id))


@router.get("/office/staff.csv")
def export(who: OfficeDep) -> Response:
    with who.db.read() as session:
        rows = writes.export_csv(session)
    return csv_response(rows, "staff.csv")


@router.post("/office/staff/import", response_class=HTMLResponse)
async def import_file(who: OfficeDep, form: CheckedForm) -> HTMLResponse:
    return await import_off_the_loop(
        form, MAX_FILE, lambda error: _page(who, status=422, errors=[RowError(1, error.say(who.t))]),
        lambda name, data: _import(who, name, data))


def _import(who: Office, name: str, data: bytes) -> HTMLResponse:
    try:
        rows, errors = writes.parse_csv(data, who.t)
    except FileRefusedError as error:
        return _page(who, status=422, errors=[RowError(1, error.say(who.t))])
    if not rows and not errors:
        return _page(who, status=422, errors=[RowError(1, who.t(PageText.IMPORT_EMPTY))])
    with who.db.read() as session:
        errors = sorted(errors + writes.check(session, rows, who.lang, who.t), key=lambda e: e.line)
    if errors:
        return _page(who, status=422, errors=errors)
    people = [row for _, row in rows]
    hashes = writes.hash_pins(people)
    try:
        with who.db.write() as session:
            outcome = writes.save(session, people, hashes, who.now)
            audit.record(session, who.now, who.user.username, "staff.import", name,
                         detail=f"{outcome.saved} staff, {outcome.pins_set} PINs set")
    except LookupError as gone:  # removed between the check and the write: nothing was written
        return _page(who, status=409, errors=[RowError(1, who.t(PageText.STAFF_UNKNOWN, id=str(gone)))])
    return _page(who, notice=who.t(PageText.STAFF_IMPORTED, n=outcome.saved, pins=outcome.pins_set))

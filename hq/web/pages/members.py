"""Members: search by phone, member code or name, add or edit one, CSV export and import (all rows or none);
every change audited, and pulled by stations through the customers delta."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from hq.catalog import upsert_customers
from hq.problems import HQProblemError
from hq.tables import HQCustomer
from hq.web import audit
from hq.web.context import Office, OfficeDep
from hq.web.csrf import CheckedForm
from hq.web.csvfile import csv_response
from hq.web.uploads import import_off_the_loop
from hq.web.words import PageText
from hq.web.writes import members as writes
from hq.web.writes.rows import SHOWN_ERRORS, FileRefusedError, RowError, row_errors

router = APIRouter()
MAX_FILE = 20 * 1024 * 1024
CHUNK = 5_000  # rows per upsert statement batch, inside the one transaction


def _page(who: Office, *, q: str = "", status: int = 200, errors: list[RowError] | None = None,
          notice: str = "", edit: HQCustomer | None = None) -> HTMLResponse:
    with who.db.read() as session:
        rows = writes.search(session, q)
    shown = edit or (rows[0] if q and len(rows) == 1 else None)
    return who.page("members.html", status, here="/office/members", members=rows, q=q, edit=shown,
                    errors=(errors or [])[:SHOWN_ERRORS], more_errors=max(0, len(errors or []) - SHOWN_ERRORS),
                    notice=notice, limit=100)


@router.get("/office/members", response_class=HTMLResponse)
def members(who: OfficeDep, q: Annotated[str, Query(max_length=100)] = "") -> HTMLResponse:
    return _page(who, q=q)


@router.post("/office/members", response_class=HTMLResponse)
def save(who: OfficeDep, form: CheckedForm) -> HTMLResponse:
    cells = {name: str(form.get(name, "")).strip() for name in writes.COLUMNS}
    try:
        row = writes.row_from(cells)
    except ValidationError as error:
        return _page(who, q=cells["id"], status=422, errors=row_errors(0, error, who.t))
    try:
        with who.db.write() as session:
            refused = writes.check(session, [(0, row)], who.t)
            if not refused:
                upsert_customers(session, [row.wire()], who.now)
                audit.record(session, who.now, who.user.username, "member.save", row.id,
                             detail=json.dumps(row.model_dump(exclude={"id"}), ensure_ascii=False))
    except HQProblemError as error:  # a member code taken in between: nothing written
        return _page(who, q=row.id, status=error.status, errors=[RowError(0, error.problem.message)])
    if refused:
        return _page(who, q=row.id, status=422, errors=refused)
    return _page(who, q=row.id, notice=who.t(PageText.MEMBERS_SAVED, id=row.id))


@router.get("/office/members.csv")
def export(who: OfficeDep) -> Response:
    with who.db.read() as session:
        rows = writes.export_rows(session)
    with who.db.write() as session:  # members are personal data: who took a copy is on record
        audit.record(session, who.now, who.user.username, "member.export", detail=f"{len(rows) - 1} members")
    return csv_response(rows, "members.csv")


@router.post("/office/members/import", response_class=HTMLResponse)
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
    try:
        with who.db.write() as session:
            errors = sorted(errors + writes.check(session, rows, who.t), key=lambda e: e.line)
            wire = [] if errors else [row.wire() for _, row in rows]
            for start in range(0, len(wire), CHUNK):
                upsert_customers(session, wire[start:start + CHUNK], who.now)
            if wire:
                audit.record(session, who.now, who.user.username, "member.import", name,
                             detail=f"{len(wire)} members")
    except HQProblemError as error:
        return _page(who, status=error.status, errors=[RowError(1, error.problem.message)])
    if errors:
        return _page(who, status=422, errors=errors)
    return _page(who, notice=who.t(PageText.MEMBERS_IMPORTED, n=len(wire)))

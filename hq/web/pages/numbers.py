"""Numbers: the imported ranges, the range-file upload (all of a file or none of it), booklets per station."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile  # what a parsed form holds (FastAPI's is a subclass)

from hq.booklets import import_range, list_ranges
from hq.problems import HQProblemError
from hq.web import audit
from hq.web.context import Office, OfficeDep
from hq.web.csrf import CheckedForm
from hq.web.queries.numbers import RangeFileError, parse_range_file, station_booklets

router = APIRouter()
MAX_FILE = 256 * 1024  # a range file is a few lines; anything bigger is not one


def _page(who: Office, *, status: int = 200, error: str = "", notice: str = "") -> HTMLResponse:
    with who.db.read() as session:
        ranges, booklets = list_ranges(session), station_booklets(session)
    return who.page("numbers.html", status, here="/office/numbers", ranges=ranges, booklets=booklets,
                    error=error, notice=notice)


@router.get("/office/numbers", response_class=HTMLResponse)
def numbers(who: OfficeDep) -> HTMLResponse:
    return _page(who)


@router.post("/office/numbers/import", response_class=HTMLResponse)
async def import_file(who: OfficeDep, form: CheckedForm) -> HTMLResponse:
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        return _page(who, status=422, error=who.t("numbers.bad_file", line=1, why="no file"))
    data = await upload.read(MAX_FILE + 1)
    try:
        if len(data) > MAX_FILE:
            raise RangeFileError(1, "file too large")
        ranges = parse_range_file(data)
        with who.db.write() as session:
            for incoming in ranges:
                import_range(session, incoming, who.now)
            audit.record(session, who.now, who.user.username, "numbers.import", (upload.filename or "")[:80],
                         detail="; ".join(f"{r.period_code} {r.track}{r.start:08d}-{r.end:08d}" for r in ranges))
    except RangeFileError as error:
        return _page(who, status=422, error=who.t("numbers.bad_file", line=error.line, why=error.why))
    except HQProblemError as error:
        return _page(who, status=error.status, error=error.problem.message)
    return _page(who, notice=who.t("numbers.imported", n=len(ranges)))

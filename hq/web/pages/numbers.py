"""Numbers: the imported ranges, the range-file upload (all of a file or none of it), booklets per station.
The file is read and checked by hq.mof.ranges_file, as `cashier hq ranges import` reads it."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from core.messages import MofCode
from hq.booklets import list_ranges
from hq.mof.config import MofConfig
from hq.mof.ranges_file import RangeFileError, import_ranges, parse_ranges
from hq.web import audit
from hq.web.context import Office, OfficeDep
from hq.web.csrf import CheckedForm
from hq.web.queries.numbers import station_booklets
from hq.web.uploads import UploadError, read_upload
from hq.web.words import PageText

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


def _seller_ban(who: Office) -> str:
    # `[mof] seller_ban` when filing is configured (hq.server sets app.state.mof); else no BAN check, as the CLI.
    config = getattr(who.request.app.state, "mof", None)
    return config.seller_ban if isinstance(config, MofConfig) else ""


@router.post("/office/numbers/import", response_class=HTMLResponse)
async def import_file(who: OfficeDep, form: CheckedForm) -> HTMLResponse:
    try:
        name, data = await read_upload(form, MAX_FILE)
    except UploadError as error:
        return _page(who, status=422, error=who.t(PageText.NUMBERS_BAD_FILE, line=1, why=error.say(who.t)))
    try:
        ranges = parse_ranges(data, name) if data.strip() else []
        if not ranges:
            return _page(who, status=422,
                         error=who.t(PageText.NUMBERS_BAD_FILE, line=1, why=who.t(PageText.NUMBERS_EMPTY)))
        with who.db.write() as session:
            count = import_ranges(session, ranges, _seller_ban(who), who.now)
            audit.record(session, who.now, who.user.username, "numbers.import", name,
                         detail="; ".join(f"{r.period_code} {r.track}{r.start:08d}-{r.end:08d}" for r in ranges))
    except RangeFileError as error:
        return _page(who, status=409 if error.code == MofCode.RANGES_OVERLAP else 422,
                     error=who.say(error))
    return _page(who, notice=who.t(PageText.NUMBERS_IMPORTED, n=count))

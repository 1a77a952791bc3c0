"""Filing: MOF documents by state, late and due soon, rejected ones with a re-send, blank-number reports.
All of it comes from the filing hook (hq.web.hooks.filing_overview); until it is wired the page says so."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse

from hq.web import audit
from hq.web.context import OfficeDep
from hq.web.csrf import CheckedForm

router = APIRouter()


@router.get("/office/filing", response_class=HTMLResponse)
def filing(who: OfficeDep) -> HTMLResponse:
    hook = who.hooks.filing_overview
    with who.db.read() as session:
        overview = hook(session, who.now) if hook else None
    return who.page("filing.html", overview=overview, can_resend=who.hooks.resend_filing is not None)


@router.post("/office/filing/{document_id}/resend", response_model=None)
def resend(who: OfficeDep, document_id: str, _form: CheckedForm) -> HTMLResponse | RedirectResponse:
    hook = who.hooks.resend_filing
    if hook is None:
        return who.page("filing.html", 404, here="/office/filing", overview=None, can_resend=False)
    with who.db.write() as session:
        hook(session, document_id, who.now)
        audit.record(session, who.now, who.user.username, "filing.resend", document_id)
    return RedirectResponse("/office/filing", status_code=303)

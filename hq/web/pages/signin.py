"""Sign-in and sign-out. Failures are audited and count toward the account's lockout."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hq.web import audit, csrf
from hq.web.auth import sessions, users
from hq.web.context import OfficeDep, language, render
from hq.web.csrf import CheckedForm
from hq.web.words import PageText

router = APIRouter()
log = logging.getLogger("hq.office")


def _safe_next(target: str) -> str:
    # Only back to our own pages: never an open redirect to another site.
    return target if target.startswith("/office/") and not target.startswith("//") else "/office/"


def _form(request: Request, *, status: int = 200, error: str = "", next_url: str = "/office/",
          username: str = "") -> HTMLResponse:
    lang = language(request)
    token = request.cookies.get(csrf.SIGNIN_COOKIE) or csrf.new_signin_token()
    response = render(request, "signin.html", lang, status, user=None, csrf=token, error=error, next=next_url,
                      username=username)
    response.set_cookie(csrf.SIGNIN_COOKIE, token, httponly=True, samesite="strict",
                        secure=sessions.secure(request), path="/office")
    return response


@router.get("/office/signin", response_class=HTMLResponse)
def signin_page(request: Request, next: str = "/office/", expired: bool = False) -> HTMLResponse:
    from hq.web.i18n import translator

    error = translator(language(request))(PageText.SIGNIN_EXPIRED) if expired else ""
    return _form(request, error=error, next_url=_safe_next(next))


@router.post("/office/signin", response_model=None)
def signin(request: Request, username: Annotated[str, Form(max_length=40)],
           password: Annotated[str, Form(max_length=200)], csrf_field: Annotated[str, Form(alias="csrf")] = "",
           next: Annotated[str, Form()] = "/office/") -> Response:
    from hq.web.i18n import translator

    t = translator(language(request))
    if not csrf.matches(request.cookies.get(csrf.SIGNIN_COOKIE, ""), csrf_field):
        raise csrf.CSRFRefusedError
    db, now = request.app.state.db, request.app.state.clock.now()
    with db.write() as session:
        result = users.sign_in(session, username, password, now)
        if result.user is None:
            audit.record(session, now, username, "signin.failed", detail=result.outcome)
        else:
            audit.record(session, now, username, "signin")
            token = sessions.start(session, result.user, now)
    if result.user is None:
        log.warning("back-office sign-in refused for %r: %s", username, result.outcome)
        message = t(PageText.SIGNIN_LOCKED, until=result.locked_until.strftime("%H:%M")) if result.outcome == "locked" \
            and result.locked_until else t(PageText.SIGNIN_WRONG)
        return _form(request, status=401 if result.outcome == "wrong" else 429, error=message,
                     next_url=_safe_next(next), username=username)
    log.info("back-office sign-in: %s", username)
    response = RedirectResponse(_safe_next(next), status_code=303)
    sessions.set_cookie(request, response, token)
    response.delete_cookie(csrf.SIGNIN_COOKIE, path="/office")
    return response


@router.post("/office/signout")
def signout(who: OfficeDep, _form: CheckedForm) -> RedirectResponse:
    with who.db.write() as session:
        sessions.end(session, who.request.cookies[sessions.COOKIE])
        audit.record(session, who.now, who.user.username, "signout")
    response = RedirectResponse("/office/signin", status_code=303)
    sessions.clear_cookie(who.request, response)
    return response

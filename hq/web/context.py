"""What every back-office page needs: the signed-in user, the session's CSRF token, the language, and a
renderer for its templates. Not signed in (or expired): a redirect to the sign-in page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from core.errors import CashierError
from core.messages import known_code
from hq.db import HQDatabase
from hq.tables import HQUser
from hq.web.auth import sessions
from hq.web.hooks import OfficeHooks
from hq.web.i18n import DEFAULT, LANGS, namer, tender_namer, translator
from hq.web.words import PageText

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
LANG_COOKIE = "hq_lang"


def _money(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _when(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M")


def _why(lang: str) -> Any:
    """A core message code and its parameters (a refusal HQ stored) in the page's language."""
    def why(code: str | None, params: dict[str, Any] | None = None) -> str:
        if not code:
            return ""
        known = known_code(code)
        if known is None:
            return code  # a code from a newer HQ: shown as it is rather than not at all
        try:
            return CashierError(known, **(params or {})).text("en" if lang == "en" else "zh_TW")
        except (KeyError, IndexError, ValueError):
            return code
    return why


TEMPLATES.env.filters["money"] = _money
TEMPLATES.env.filters["when"] = _when


class SignInRequiredError(Exception):
    def __init__(self, expired: bool) -> None:
        self.expired = expired


def language(request: Request, user: HQUser | None = None) -> str:
    """?lang= first (and remembered in a cookie), then the cookie, then the user's setting, then zh-TW."""
    for choice in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE), user.lang if user else None):
        if choice in LANGS:
            return choice
    return DEFAULT


def render(request: Request, template: str, lang: str, status: int = 200, **values: Any) -> HTMLResponse:
    # `here`: the page's own GET address, for the language link and the nav; a page answering a POST
    # (a form's result) is at the form's address, which a GET must not be sent to.
    values.setdefault("here", request.url.path if request.method == "GET" else "/office/")
    words = {"t": translator(lang), "PageText": PageText, "named": namer(lang), "tender": tender_namer(lang)}
    response = TEMPLATES.TemplateResponse(request, template, {**words, "why": _why(lang), "lang": lang, **values},
                                          status_code=status)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(LANG_COOKIE, request.query_params["lang"], samesite="strict", path="/office",
                            max_age=365 * 86400)
    response.headers["Cache-Control"] = "no-store"  # pages carry customers' data and CSRF tokens
    return response


@dataclass
class Office:
    request: Request
    db: HQDatabase
    now: datetime
    user: HQUser
    csrf: str
    lang: str

    @property
    def hooks(self) -> OfficeHooks:
        # Starlette's app.state holds anything; hq/web/__init__.py puts an OfficeHooks there.
        hooks: OfficeHooks = self.request.app.state.office_hooks
        return hooks

    def page(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        return render(self.request, template, self.lang, status, user=self.user, csrf=self.csrf, **values)

    def t(self, word: PageText, /, **params: Any) -> str:
        return translator(self.lang)(word, **params)

    def say(self, error: CashierError) -> str:
        """A core error's message in this page's language (core names zh-TW `zh_TW`)."""
        return error.text("en" if self.lang == "en" else "zh_TW")


def office(request: Request) -> Office:
    db: HQDatabase = request.app.state.db
    now: datetime = request.app.state.clock.now()
    token = request.cookies.get(sessions.COOKIE)
    if not token:
        raise SignInRequiredError(expired=False)
    active = sessions.resume(db, token, now)
    if not isinstance(active, sessions.Active):
        raise SignInRequiredError(expired=active == "expired")
    return Office(request, db, now, active.user, active.csrf, language(request, active.user))


def signin_url(request: Request, expired: bool) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/office/signin?next={quote(target, safe='')}" + ("&expired=1" if expired else "")


OfficeDep = Annotated[Office, Depends(office)]

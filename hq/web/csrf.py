"""CSRF: every form carries the session's token in a hidden `csrf` field; a POST without the right one is
refused (403) before it does anything. The sign-in form, before any session, uses a double-submit cookie.
SameSite=Strict cookies are the first line; this is the second."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from hq.web.context import Office, office

FIELD = "csrf"
SIGNIN_COOKIE = "hq_signin_csrf"


class CSRFRefusedError(Exception):
    pass


def matches(expected: str, given: object) -> bool:
    return isinstance(given, str) and bool(expected) and hmac.compare_digest(expected.encode(), given.encode())


async def checked_form(request: Request, who: Annotated[Office, Depends(office)]) -> FormData:
    form = await request.form()
    if not matches(who.csrf, form.get(FIELD)):
        raise CSRFRefusedError
    return form


def new_signin_token() -> str:
    return secrets.token_urlsafe(32)


CheckedForm = Annotated[FormData, Depends(checked_form)]

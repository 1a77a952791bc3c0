"""A file uploaded by a back-office form: read up to a limit, in one place, so every import refuses a missing
or oversized file the same way (before parsing a byte of it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile  # what a parsed form holds (FastAPI's is a subclass)

from hq.web.i18n import Translate
from hq.web.words import PageText

Page = TypeVar("Page")

FIELD = "file"


class UploadError(ValueError):
    """No file, or one larger than the import takes: `key` and `values` name the catalog text (hq.web.i18n),
    so each page tells the owner in its own language."""

    def __init__(self, key: PageText, **values: Any) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    def say(self, t: Translate) -> str:
        return t(self.key, **self.values)


async def read_upload(form: FormData, limit: int) -> tuple[str, bytes]:
    """(file name, content) of the form's file, refused past `limit` bytes: reading one byte more tells."""
    upload = form.get(FIELD)
    if not isinstance(upload, UploadFile):
        raise UploadError(PageText.FILE_NONE)
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise UploadError(PageText.FILE_TOO_LARGE, kb=f"{limit // 1024:,}")
    return (upload.filename or "")[:80], data


async def import_off_the_loop(form: FormData, limit: int, refuse: Callable[[UploadError], Page],
                              work: Callable[[str, bytes], Page]) -> Page:
    """Read the form's file, then parse, check, hash and write it in a worker thread: that work blocks, and the
    event loop is where stations are served. `refuse(error)` answers a missing or oversized file."""
    try:
        name, data = await read_upload(form, limit)
    except UploadError as error:
        return refuse(error)
    return await run_in_threadpool(work, name, data)

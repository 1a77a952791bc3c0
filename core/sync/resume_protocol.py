"""The wire contract of the resume answer: what HQ has seen of a station's numbers (hq/routes/resume.py).

Its own module beside core/sync/protocol.py: a station restored from a backup or started on an empty
database asks for it before it takes a number (core/sync/resume.py)."""

from __future__ import annotations

from pydantic import Field

from core.sync.protocol import API_PREFIX, Wire

RESUME_PATH = f"{API_PREFIX}/resume"
_PERIOD = r"^[0-9]{3}(02|04|06|08|10|12)$"


class BookletMarkOut(Wire):
    """One booklet allocated to the station, with the highest of its numbers HQ has received (None: none)."""

    period_code: str = Field(pattern=_PERIOD)
    track: str = Field(pattern=r"^[A-Z]{2}$")
    start: int = Field(ge=0, le=99_999_950)
    end: int = Field(ge=49, le=99_999_999)
    highest: int | None = Field(default=None, ge=0, le=99_999_999)


class ResumeOut(Wire):
    station_id: str
    highest_seq: int = Field(ge=0)  # the highest order seq HQ holds from the station; 0: none
    booklets: list[BookletMarkOut]

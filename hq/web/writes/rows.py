"""What staff and member imports share: a row refused with its line number, column and why (in the page's
language), and the CSV reader that gives each row with its line (a header naming the columns; UTF-8, with or
without Excel's BOM)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from hq.web.i18n import Translate
from hq.web.words import PageText

SHOWN_ERRORS = 50  # a file with thousands of bad rows: the first fifty say enough



@dataclass(frozen=True)
class RowError:
    line: int  # 0: the form (not a file)
    why: str  # already in the page's language
    column: str = ""  # the CSV column (or form field) at fault, when one is


class FileRefusedError(ValueError):
    """The file cannot be read at all (not UTF-8, no header, a required column missing): `key` and `values`
    name the catalog text, so each page says it in its own language."""

    def __init__(self, key: PageText, **values: Any) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    def say(self, t: Translate) -> str:
        return t(self.key, **self.values)


def read_rows(data: bytes, required: set[str], known: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: stripped text}) per non-blank row; columns not in `known` are ignored."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefusedError(PageText.FILE_NOT_UTF8) from None
    reader = csv.DictReader(io.StringIO(text))
    header = {name.strip().lower() for name in reader.fieldnames or () if name}
    missing = required - header
    if missing:
        raise FileRefusedError(PageText.FILE_MISSING_COLUMNS, columns=", ".join(sorted(missing)))
    for row in reader:
        cells = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        if any(cells.values()):
            yield reader.line_num, {k: v for k, v in cells.items() if k in known}


_PLAIN = {"string_pattern_mismatch": PageText.CELL_PATTERN, "extra_forbidden": PageText.CELL_UNKNOWN}


def _reason(problem: Any, t: Translate) -> str:
    """One of pydantic's problems as the catalog says it: pydantic's own text is English only."""
    kind, ctx = problem["type"], problem.get("ctx") or {}
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return t(PageText.CELL_BLANK)
        return t(PageText.CELL_TOO_SHORT, n=ctx.get("min_length"))
    if kind == "string_too_long":
        return t(PageText.CELL_TOO_LONG, n=ctx.get("max_length"))
    if kind == "literal_error":
        # pydantic words the choices "'a' or 'b'": the values alone, joined without an English "or"
        return t(PageText.CELL_CHOICE, choices=" / ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", "")))))
    if kind.startswith("cell."):  # a validator's own PydanticCustomError, named by its catalog key
        return t(PageText.of(kind))
    return t(_PLAIN.get(kind, PageText.CELL_INVALID))


def row_errors(line: int, error: ValidationError, t: Translate) -> list[RowError]:
    """Every problem of a row, each with its column (never the value: it may be a PIN)."""
    return [RowError(line, _reason(problem, t), ".".join(map(str, problem["loc"])))
            for problem in error.errors()]


def flag(text: str, default: bool = True) -> bool:
    return default if not text else text.strip().lower() not in ("0", "false", "no", "n", "否")

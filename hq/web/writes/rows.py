"""What staff and member imports share: a row refused with its line number and why, and the CSV reader that
gives each row with its line (a header naming the columns; UTF-8, with or without Excel's BOM)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import ValidationError

SHOWN_ERRORS = 50  # a file with thousands of bad rows: the first fifty say enough


@dataclass(frozen=True)
class RowError:
    line: int  # 0: the form (not a file)
    why: str


class FileRefusedError(ValueError):
    """The file cannot be read at all (not UTF-8, no header, a required column missing)."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def read_rows(data: bytes, required: set[str], known: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: stripped text}) per non-blank row; columns not in `known` are ignored."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefusedError("not UTF-8 text") from None
    reader = csv.DictReader(io.StringIO(text))
    header = {name.strip().lower() for name in reader.fieldnames or () if name}
    missing = required - header
    if missing:
        raise FileRefusedError(f"missing columns: {', '.join(sorted(missing))}")
    for row in reader:
        cells = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        if any(cells.values()):
            yield reader.line_num, {k: v for k, v in cells.items() if k in known}


def pydantic_reason(error: ValidationError) -> str:
    """The first problem, as `field: message` (never the value: it may be a PIN)."""
    first = error.errors()[0]
    return f"{'.'.join(map(str, first['loc']))}: {first['msg']}"


def flag(text: str, default: bool = True) -> bool:
    return default if not text else text.strip().lower() not in ("0", "false", "no", "n", "否")

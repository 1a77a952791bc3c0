"""Reading the log for `cashier logs`: the last N lines, and following appended lines across rotation."""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Position:
    """A place in one particular file: rotation replaces the file, so an offset alone means nothing."""

    inode: int
    offset: int


def position(path: Path) -> Position | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return Position(info.st_ino, info.st_size)


def tail(path: Path, lines: int, *, upto: int | None = None) -> list[str]:
    """The last `lines` lines of the file before byte `upto` (default: its end), without newlines;
    reads backwards from there, not the whole file."""
    if lines <= 0 or not path.exists():
        return []
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        end = handle.tell() if upto is None else min(upto, handle.tell())
        data = b""
        while end > 0 and data.count(b"\n") <= lines:
            start = max(0, end - _CHUNK)
            handle.seek(start)
            data = handle.read(end - start) + data
            end = start
    text = data.decode("utf-8", errors="replace").splitlines()
    return list(deque(text, maxlen=lines))


def follow(path: Path, *, stop: Callable[[], bool], wait: Callable[[float], object],
           poll: float = 0.25, start_at: Position | None = None) -> Iterator[str]:
    """Yield lines appended to `path` until `stop()` is true. Survives rotation: when the file at
    `path` is replaced (another inode) or shrinks, the new file is read from its beginning.

    `start_at` is where to start (from `position()`; default: the end when the file is first opened).
    If the file was rotated since that position was taken, the new file is read from its beginning,
    as is every file that appears after a rotation.

    `wait(poll)` is how it idles between polls (an Event's wait in the CLI, so Ctrl-C/SIGTERM or a
    test can end it at once); it is idling, not synchronisation. The file being read is always read to
    its end before switching, so only a file created and rotated away entirely between two polls is
    missed (its lines stay in the backups).
    """
    handle = None
    inode = None
    pending = b""
    try:
        while not stop():
            if handle is None:
                try:
                    handle = path.open("rb")
                except FileNotFoundError:
                    wait(poll)
                    continue
                inode = os.fstat(handle.fileno()).st_ino
                if start_at is None:
                    handle.seek(0, os.SEEK_END)
                elif start_at.inode == inode:
                    handle.seek(start_at.offset)
                start_at = Position(-1, 0)  # a file appearing later (rotation) is read whole
            chunk = handle.read(_CHUNK)
            if chunk:
                pending += chunk
                *complete, pending = pending.split(b"\n")
                for line in complete:
                    yield line.decode("utf-8", errors="replace")
                continue
            if _replaced(path, inode, handle.tell()):
                handle.close()
                handle, pending = None, b""
                continue
            wait(poll)
    finally:
        if handle is not None:
            handle.close()


def _replaced(path: Path, inode: int | None, position: int) -> bool:
    try:
        info = path.stat()
    except FileNotFoundError:
        return False  # mid-rotation: keep the old file until the new one appears
    return info.st_ino != inode or info.st_size < position


def readable(line: str) -> str:
    """One JSON log line as a person reads it: time, level, logger, message (and the traceback)."""
    try:
        entry = json.loads(line)
        text = f"{entry['time']} {entry['level']:<7} {entry['logger']}: {entry['message']}"
    except (ValueError, KeyError, TypeError):
        return line
    return text + ("\n" + entry["exception"] if entry.get("exception") else "")

"""Owner-only files: what the station and HQ write holds sales, customers' numbers and secrets.

Every entry point runs with umask 077 (`private_umask`), so whatever is created is private from the start;
what already exists with looser modes (an older install, a copy, a hand-made folder) is tightened by the
code that owns it (`tighten`), since a umask only applies to new files.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE_UMASK = 0o077
FILE_MODE = 0o600
DIR_MODE = 0o700
SQLITE_SIDES = ("", "-wal", "-shm", "-journal")  # a database file and the files SQLite keeps beside it


def private_umask() -> int:
    """Set the process umask to 077 (entry points call this first); returns the previous one."""
    return os.umask(PRIVATE_UMASK)


def tighten(path: Path, mode: int = FILE_MODE) -> None:
    """Take group/other access off `path` if it exists and is ours; never fails (a read-only mount, a file
    another user owns: the doctor and the config check say what is wrong, not a start-up traceback)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        info = os.stat(path)
        if info.st_uid == os.geteuid() and info.st_mode & 0o777 & ~mode:
            os.chmod(path, info.st_mode & 0o777 & mode)


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) and make it owner-only: the folders the program owns (data dir, logs)."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    tighten(path, DIR_MODE)
    return path


def tighten_database(path: Path) -> None:
    """The SQLite file and its -wal/-shm/-journal: SQLite gives new side files the main file's mode, so the
    main file's mode decides theirs, and existing ones are tightened here."""
    for side in SQLITE_SIDES:
        tighten(path.with_name(path.name + side))


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path`, mode 0600 whatever the umask or the old file's mode."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, FILE_MODE)
    try:
        if os.name == "posix":
            os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def replace_private(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` atomically (temp file in the same folder, then rename): a reader sees the old or the
    new content, never half of it; the result is 0600. Raises OSError (the temp file removed)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # mkstemp: 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise

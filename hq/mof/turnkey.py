"""Turnkey's file interface, HQ's side: the upload folders we write into and the folders Turnkey moves files to.

The layout follows Turnkey 3.x for MIG 4.x messages (Turnkey User Manual Ver 3.9, the platform's download
321.pdf; package 3.2.1), as public integrations running against it use it:
- F0401/F0501/F0701/G0401/G0501 go to `UpCast/B2SSTORAGE/<message>/SRC/` (the B2S "存證" category that MIG 4
  introduced: ho600-ltd/django-taiwan-einvoice turnkey_web/turnkey_wrapper/models.py maps F04xx to category
  B2S/STORAGE; a seller's public self-check report and deployment notes drop into
  `EINVTurnkey/UpCast/B2SSTORAGE/F0401/SRC/`).
- E0402 (and the other E messages) go to `UpCast/B2PMESSAGE/E0402/SRC/` (ho600's B2PMessageUpCastSRC).
- Turnkey moves a file it has taken to `…/<message>/BAK/<yyyymmdd>/<hh>/` and one its own checks refuse to
  `…/<message>/ERR/<yyyymmdd>/<hh>/` (the self-check report found 1,000 refused files under
  `UpCast/B2SSTORAGE/F0401/ERR/20260818/10-11/`).

Writing is atomic: the bytes go to a temporary file under `UpCast/.cashier-tmp/` (the same file system, and a
folder Turnkey never scans), are fsynced, and are renamed into SRC; Turnkey can never see half a file. The
file name is fixed by the document and its attempt, so a crash between the rename and HQ's database commit is
found again on the next pass (in SRC, BAK or ERR) and never written a second time.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STORAGE = ("UpCast", "B2SSTORAGE")
MESSAGE = ("UpCast", "B2PMESSAGE")
TMP = ("UpCast", ".cashier-tmp")
LOCK = ".cashier-export.lock"


def upload_dir(root: Path, kind: str) -> Path:
    """The message's folder (SRC, BAK and ERR live under it)."""
    return root.joinpath(*(MESSAGE if kind.startswith("E") else STORAGE), kind)


def src_dir(root: Path, kind: str) -> Path:
    return upload_dir(root, kind) / "SRC"


def file_name(kind: str, reference: str, document_id: int, attempt: int) -> str:
    # <message>_<number>_<our id>-<attempt>.xml: unique per attempt, and the number says what it is at a glance
    # (Turnkey's own examples name files <message>_<number>_<stamp>.xml).
    return f"{kind}_{reference}_{document_id}-{attempt}.xml"


def _in_dated(folder: Path, name: str) -> bool:
    return folder.is_dir() and any(folder.glob(f"**/{name}"))


def already_handed(root: Path, kind: str, name: str) -> bool:
    """Is this exact file in Turnkey's hands already: waiting in SRC, taken (BAK) or refused (ERR)?"""
    base = upload_dir(root, kind)
    return (base / "SRC" / name).exists() or _in_dated(base / "BAK", name) or _in_dated(base / "ERR", name)


def write(root: Path, kind: str, name: str, content: bytes) -> Path:
    """Put `content` into the message's SRC folder under `name`, atomically and durably."""
    target_dir = src_dir(root, kind)
    target_dir.mkdir(parents=True, exist_ok=True)
    tmp_dir = root.joinpath(*TMP)
    tmp_dir.mkdir(parents=True, exist_ok=True)
    tmp = tmp_dir / f"{name}.part"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)  # Turnkey runs as its own user
    try:
        os.write(fd, content)
        os.fsync(fd)
    finally:
        os.close(fd)
    target = target_dir / name
    os.replace(tmp, target)
    _fsync_dir(target_dir)
    return target


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)  # the rename itself survives a power cut
    finally:
        os.close(fd)


def refused_names(root: Path, kinds: tuple[str, ...]) -> dict[str, Path]:
    """Every file Turnkey has moved to an ERR folder, by name."""
    found: dict[str, Path] = {}
    for kind in kinds:
        err = upload_dir(root, kind) / "ERR"
        if err.is_dir():
            for path in err.glob("**/*.xml"):
                found[path.name] = path
    return found


@contextmanager
def exporter_lock(root: Path) -> Iterator[None]:
    """One exporter at a time per Turnkey folder (`cashier hq serve` and a cron `export` may both run): two
    writers of the same pending file could otherwise hand it over twice if Turnkey took it in between."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

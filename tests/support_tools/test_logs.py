"""The station's log: JSON lines, secrets masked even when logged by mistake, rotation, `cashier logs`."""

from __future__ import annotations

import errno
import json
import logging
import os
import selectors
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.log import follow, log_path, position, setup_logging, tail
from tests.factories import AES_KEY
from tests.support.paths import ROOT

TOKEN = "st-S01-9f8e7d6c5b4a39281706f5e4d3c2b1a0"


@pytest.fixture
def logger(request: pytest.FixtureRequest) -> Iterator[logging.Logger]:
    """A logger of this test's own (not the root): handlers never leak into other tests."""
    log = logging.getLogger(f"cashier.test.{request.node.name}")
    log.propagate = False
    yield log
    for handler in list(log.handlers):
        log.removeHandler(handler)
        handler.close()


def _entries(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_secrets_logged_by_mistake_are_masked_in_the_file(tmp_path: Path, logger: logging.Logger) -> None:
    setup_logging(tmp_path, secrets=(AES_KEY, TOKEN), logger=logger)
    logger.info("loaded config %s", {"aes_key": AES_KEY, "token": TOKEN})
    logger.warning(f"key in upper case {AES_KEY.upper()}")
    logger.info("request headers: Authorization: Bearer %s", "abcDEF123456.xyz-789")
    logger.info("login staff=E001 pin=1234 and manager_pin: '567890'")
    try:
        raise ValueError(f"HQ refused token {TOKEN}")
    except ValueError:
        logger.exception("upload failed")
    text = log_path(tmp_path).read_text(encoding="utf-8")
    for secret in (AES_KEY, AES_KEY.upper(), TOKEN, "abcDEF123456.xyz-789", "1234", "567890"):
        assert secret not in text
    entries = _entries(log_path(tmp_path))
    assert [e["level"] for e in entries] == ["INFO", "WARNING", "INFO", "INFO", "ERROR"]
    assert entries[0]["message"] == "loaded config {'aes_key': '***', 'token': '***'}"
    assert entries[2]["message"] == "request headers: Authorization: Bearer ***"
    assert entries[3]["message"] == "login staff=E001 pin=*** and manager_pin: '***'"
    assert "ValueError: HQ refused token ***" in entries[4]["exception"]
    assert log_path(tmp_path).stat().st_mode & 0o777 == 0o600


def test_customer_mobile_numbers_are_shortened_not_kept(tmp_path: Path, logger: logging.Logger) -> None:
    setup_logging(tmp_path, logger=logger)
    logger.info('"GET /customers/lookup?phone=0912345673 HTTP/1.1" 200; order S01-000123 total 0912')
    logger.info("invoice AB12345678, barcode 4710000000011, 11512AB123456780912")  # not phones: kept
    first, second = (e["message"] for e in _entries(log_path(tmp_path)))
    assert "0912345673" not in first and "phone=0912***673 " in first and "total 0912" in first
    assert second == "invoice AB12345678, barcode 4710000000011, 11512AB123456780912"


def test_the_file_rotates_and_keeps_the_configured_number_of_backups(tmp_path: Path,
                                                                      logger: logging.Logger) -> None:
    setup_logging(tmp_path, logger=logger, max_bytes=1000, backups=2)
    for n in range(60):
        logger.info("line %03d %s", n, "x" * 40)
    path = log_path(tmp_path)
    rotated = sorted(p.name for p in path.parent.iterdir())
    assert rotated == ["cashier.log", "cashier.log.1", "cashier.log.2"]
    assert all(p.stat().st_size <= 1000 for p in path.parent.iterdir())
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in path.parent.iterdir())
    assert _entries(path)[-1]["message"].startswith("line 059")
    assert tail(path, 2)[-1] == path.read_text(encoding="utf-8").splitlines()[-1]


def test_follow_reads_appended_lines_across_a_rotation(tmp_path: Path, logger: logging.Logger) -> None:
    setup_logging(tmp_path, logger=logger, max_bytes=1000, backups=3)
    path = log_path(tmp_path)
    logger.info("before following")
    start = position(path)
    for n in range(30):  # enough to rotate more than once
        logger.info("line %03d %s", n, "y" * 40)
    deadline = time.monotonic() + 10
    got: list[str] = []
    stop = threading.Event()
    # Bounded: stops at the last line or the deadline; the poll wait only idles between reads.
    for line in follow(path, start_at=start, poll=0.01, wait=stop.wait,
                       stop=lambda: time.monotonic() > deadline or (bool(got) and "line 029" in got[-1])):
        got.append(json.loads(line)["message"][:8])
    # Lines written into a file that was rotated away before the follower reached it are in the
    # backups; the follower sees each line it reads exactly once and in order, ending at the last.
    assert got[-1] == "line 029"
    assert got == sorted(got) and len(got) == len(set(got))
    assert "before f" not in got


def test_cashier_logs_tail_and_follow(tmp_path: Path) -> None:
    path = log_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("".join(json.dumps({"time": f"t{n}", "level": "INFO", "logger": "x", "message": f"m{n}"}) + "\n"
                            for n in range(3)), encoding="utf-8")
    shown = subprocess.run([sys.executable, "-m", "tui.cli", "logs", "--data-dir", str(tmp_path), "--lines", "2"],
                           capture_output=True, text=True, cwd=ROOT, timeout=60, check=True)
    assert shown.stdout.splitlines() == ["t1 INFO    x: m1", "t2 INFO    x: m2"]
    child = subprocess.Popen([sys.executable, "-m", "tui.cli", "logs", "--data-dir", str(tmp_path), "--lines", "1",
                              "--follow", "--json"], stdout=subprocess.PIPE, cwd=ROOT)
    try:
        lines = _LineReader(child)
        # The tail line is printed once the follower holds its offset: appending now cannot be missed.
        assert json.loads(lines.next())["message"] == "m2"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"time": "t3", "level": "INFO", "logger": "x", "message": "appended"}) + "\n")
        assert json.loads(lines.next())["message"] == "appended"
    finally:
        child.terminate()
        assert child.wait(10) == 0  # SIGTERM ends --follow cleanly


def test_cashier_logs_without_a_log_says_so(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "tui.cli", "--lang", "en", "logs", "--data-dir", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)
    assert done.returncode == 1 and "no log file yet" in done.stderr and "Traceback" not in done.stderr


class _LineReader:
    """Lines from a child's stdout with a deadline per line (a selector, no sleeping)."""

    def __init__(self, child: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
        assert child.stdout is not None
        self.fd = child.stdout.fileno()
        os.set_blocking(self.fd, False)
        self.timeout = timeout
        self.buffer = b""
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.fd, selectors.EVENT_READ)

    def next(self) -> str:
        deadline = time.monotonic() + self.timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            assert left > 0, f"no line within {self.timeout} s (got {self.buffer!r})"
            if self.selector.select(left):
                chunk = os.read(self.fd, 65536)
                assert chunk, "the child closed its stdout"
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8")


class _FullDisk:
    """A log stream on a full disk: every write fails as the kernel says it (ENOSPC)."""

    def write(self, _text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def seek(self, _offset: int, _whence: int = 0) -> int:
        return 0  # the rotation's size check

    def tell(self) -> int:
        return 0

    def close(self) -> None:
        pass


def test_a_failing_log_write_stays_off_the_screen_and_is_remembered_once(
        tmp_path: Path, logger: logging.Logger, capfd: pytest.CaptureFixture[str]) -> None:
    handler = setup_logging(tmp_path, logger=logger)
    logger.info("written")
    handler.stream.close()
    handler.stream = _FullDisk()  # type: ignore[attr-defined]  # the disk fills up while the till sells
    for n in range(3):
        logger.warning("sale %d", n)
        try:
            raise ValueError("a logged exception")
        except ValueError:
            logger.exception("with a traceback of its own")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")  # stderr is the cashier's screen under Textual: nothing on it
    assert handler.failure is not None and "No space left on device" in handler.failure  # type: ignore[attr-defined]
    assert [e["message"] for e in _entries(log_path(tmp_path))] == ["written"]

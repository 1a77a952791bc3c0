"""A real SSH session for the tests: sshd started as a child process on a loopback port (temporary host
key, config and authorized key; no PAM), the `ssh` client run on a local pseudo-terminal of a given size,
and a terminal emulator (pyte) reading what the remote program draws.

The chain is the one remote support uses: terminal (pyte) -> local pty -> ssh -tt -> sshd -> remote pty ->
program. Keystrokes are bytes written to the local pty, exactly what a terminal sends for a key press.
Nothing here sleeps to synchronise: `Terminal.until` reads output as it arrives until a condition on the
screen holds, and fails at a deadline with the screen as it was.
"""

from __future__ import annotations

import fcntl
import getpass
import os
import re
import select
import shlex
import shutil
import signal
import socket
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyte
from pyte.screens import Char
from wcwidth import wcwidth

SBIN = "/usr/sbin:/usr/local/sbin:/sbin"
NOT_INSTALLED = ("sshd (Debian's openssh-server) is not installed, so no SSH session can be tested. .ci/run installs "
                 "it; on a workstation: apt-get install openssh-server")


class SSHUnavailableError(AssertionError):
    """The environment cannot run sshd; the message says why (the test fails with it, it never skips)."""


@dataclass
class SSHServer:
    port: int
    user: str
    client_key: Path
    known_hosts: Path
    log: Path
    process: subprocess.Popen[bytes]

    def ssh_command(self, remote: str) -> list[str]:
        return ["ssh", "-tt", "-F", "/dev/null", "-p", str(self.port), "-i", str(self.client_key),
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", f"UserKnownHostsFile={self.known_hosts}", "-o", "LogLevel=ERROR",
                f"{self.user}@127.0.0.1", remote]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "cashier-test", "-f", str(path)],
                   check=True, capture_output=True)


@contextmanager
def ssh_server(folder: Path, timeout: float = 20.0) -> Iterator[SSHServer]:
    sshd = shutil.which("sshd", path=f"{SBIN}:{os.environ.get('PATH', '')}")
    if sshd is None or shutil.which("ssh") is None or shutil.which("ssh-keygen") is None:
        raise SSHUnavailableError(NOT_INSTALLED)
    sshd = os.path.abspath(sshd)  # sshd re-executes itself and insists on an absolute path
    if os.geteuid() == 0 and not os.path.isdir("/run/sshd"):
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # its privilege-separation chroot (systemd makes it)
    folder.mkdir(parents=True, exist_ok=True)
    host_key, client_key = folder / "host_ed25519", folder / "client_ed25519"
    _keygen(host_key)
    _keygen(client_key)
    (folder / "authorized_keys").write_bytes(client_key.with_suffix(".pub").read_bytes())
    user = getpass.getuser()
    port = _free_port()
    config = folder / "sshd_config"
    config.write_text("\n".join([
        f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {host_key}", f"PidFile {folder / 'sshd.pid'}",
        f"AuthorizedKeysFile {folder / 'authorized_keys'}", "UsePAM no", "PubkeyAuthentication yes",
        "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password",
        "StrictModes no", f"AllowUsers {user}", "X11Forwarding no", "PrintMotd no", "PrintLastLog no",
        "UseDNS no", "LogLevel VERBOSE", "",
    ]))
    checked = subprocess.run([sshd, "-t", "-f", str(config)], check=False, capture_output=True, text=True)
    if checked.returncode != 0:
        raise SSHUnavailableError(f"sshd refuses the test configuration: {checked.stderr.strip()}")
    host_public = (host_key.with_suffix(".pub")).read_text().split()
    known_hosts = folder / "known_hosts"
    known_hosts.write_text(f"[127.0.0.1]:{port} {host_public[0]} {host_public[1]}\n")
    log = folder / "sshd.log"
    with open(log, "wb") as err:
        process = subprocess.Popen([sshd, "-D", "-e", "-f", str(config)], stdin=subprocess.DEVNULL,
                                   stdout=err, stderr=err)
    try:
        deadline = time.monotonic() + timeout
        while f"listening on 127.0.0.1 port {port}" not in log.read_text(errors="replace"):
            if process.poll() is not None:
                raise SSHUnavailableError(f"sshd exited ({process.returncode}): {log.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                raise SSHUnavailableError(f"sshd did not listen within {timeout} s: {log.read_text()[-2000:]}")
            select.select([], [], [], 0.02)  # polling the log for a condition, with a deadline
        yield SSHServer(port, user, client_key, known_hosts, log, process)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


class _Screen(pyte.Screen):
    """pyte's screen, answering the terminal's queries (device attributes, cursor position) to the program."""

    def __init__(self, columns: int, lines: int, answer: Callable[[str], None]) -> None:
        super().__init__(columns, lines)
        self._answer = answer

    def write_process_input(self, data: str) -> None:
        self._answer(data)


def _row(line: dict[int, Char], columns: int) -> str:
    """One screen row as a terminal shows it. pyte keeps a wide character as the character plus an empty
    stub cell, and a narrow character later written over either half leaves the other half behind, which
    pyte's own `display` cannot render (IndexError on the orphan stub). Textual repaints only what changed,
    so this happens whenever a narrow glyph replaces half of a CJK one; a real terminal blanks the broken
    wide character, and so does this."""
    cells = [line[x].data for x in range(columns)]
    out = []
    for x, data in enumerate(cells):
        if data == "":
            if not (x and cells[x - 1] and wcwidth(cells[x - 1][0]) == 2):
                out.append(" ")  # the first half was overwritten: the stub shows blank
            continue
        wide = wcwidth(data[0]) == 2
        if wide and (x + 1 >= columns or cells[x + 1] != ""):
            out.append(" ")  # its second half was overwritten: the broken wide character shows blank
        else:
            out.append(data)
    return "".join(out)


class Terminal:
    """A local pty of `columns` x `lines` running a command, its output fed into pyte."""

    def __init__(self, command: list[str], *, columns: int = 80, lines: int = 24, term: str = "xterm-256color",
                 env: dict[str, str] | None = None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        environment = {**(env if env is not None else os.environ), "TERM": term}
        self.process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=environment,
                                        start_new_session=True, close_fds=True)
        os.close(slave)
        self.fd = master
        self.raw = bytearray()
        self.screen = _Screen(columns, lines, self.send)
        self.stream = pyte.ByteStream(self.screen)
        self.closed = False

    def send(self, keys: str | bytes) -> None:
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)

    def text(self) -> str:
        return "\n".join(_row(self.screen.buffer[y], self.screen.columns).rstrip() for y in range(self.screen.lines))

    def read(self, timeout: float) -> None:
        if self.closed:
            return
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: every process on the pty is gone
            chunk = b""
        if not chunk:
            self.closed = True
            return
        self.raw += chunk
        self.stream.feed(chunk)

    def until(self, condition: Callable[[str], bool], timeout: float, what: str) -> float:
        """Read output as it arrives until `condition(screen text)` holds; returns the seconds it took."""
        start = time.monotonic()
        deadline = start + timeout
        while not condition(self.text()):
            left = deadline - time.monotonic()
            if self.closed or left <= 0:
                why = "the session ended" if self.closed else f"timed out after {timeout} s"
                raise AssertionError(f"{why} waiting for {what}; the screen:\n{self.text()}\n"
                                     f"last output: {bytes(self.raw[-600:])!r}")
            self.read(min(left, 0.1))
        return time.monotonic() - start

    def raw_match(self, pattern: bytes) -> re.Match[bytes] | None:
        return re.search(pattern, bytes(self.raw))

    def close(self, timeout: float = 10.0) -> int | None:
        """Wait for the command to end (reading what it still prints), else end it; returns its exit status."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.1)
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        os.close(self.fd)
        return self.process.returncode


def remote_command(*args: str | os.PathLike[str]) -> str:
    """A shell command line for sshd to run: reports its pid and terminal first, then execs the program."""
    return f"echo REMOTE pid=$$ size=$(stty size) term=$TERM; exec {shlex.join(str(a) for a in args)}"

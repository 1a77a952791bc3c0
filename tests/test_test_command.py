"""The README's test command (tests/run.sh) on machines that lack the Debian packages the suite uses.

The package checks look under CASHIER_SETUP_ROOT, so an empty folder is a machine with none of them, and
CASHIER_SETUP_PACKAGES_ONLY stops the script after provisioning. apt-get and sudo are stand-ins on PATH that
keep their contract (argv as given; apt-get installs the package's files, here under the fake root). As root
the "no way to install" cases run as `nobody`, a real unprivileged user."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.paths import ROOT

SCRIPT = ROOT / "tests" / "run.sh"
# Package -> the file the script checks, as a Debian install lays it out.
MARKERS = {
    "openssl": "usr/bin/openssl",
    "fonts-wqy-microhei": "usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "postgresql": "usr/lib/postgresql/15/bin/initdb",
    "openssh-server": "usr/sbin/sshd",
    "chromium": "usr/bin/chromium",
}
# What the script itself calls from PATH before it reaches the venv.
TOOLS = ("id", "dirname", "true")


@pytest.fixture
def world() -> Iterator[Path]:
    """A folder every user can use (pytest's tmp_path is private to root): root/ and bin/ inside."""
    folder = Path(tempfile.mkdtemp(prefix="cashier-setup-"))
    for name in ("root", "bin"):
        (folder / name).mkdir()
    for path in (folder, folder / "root", folder / "bin"):
        path.chmod(0o777)
    for tool in TOOLS:
        (folder / "bin" / tool).symlink_to(shutil.which(tool) or f"/usr/bin/{tool}")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _install(root: Path, *packages: str) -> None:
    for package in packages:
        marker = root / MARKERS[package]
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    for folder in root.rglob("*"):  # `nobody`'s apt-get stand-in adds files beside these
        if folder.is_dir():
            folder.chmod(0o777)


def _stand_in(world: Path, name: str, body: str) -> None:
    path = world / "bin" / name
    path.write_text("#!/bin/bash\n" + body, encoding="utf-8")
    path.chmod(0o755)


def _apt_get(world: Path, *, fails: bool = False) -> None:
    """apt-get that records its argv and, for `install`, lays down each package's marker file."""
    markers = " ".join(f"[{name}]={path}" for name, path in MARKERS.items())
    _stand_in(world, "apt-get", f"""echo "apt-get $*" >> {world}/calls
[[ "$1" == install ]] || exit 0
{"exit 100" if fails else ""}
declare -A markers=({markers})
for arg in "$@"; do
    [[ -n "${{markers[$arg]:-}}" ]] || continue
    /bin/mkdir -p "$(/usr/bin/dirname "$CASHIER_SETUP_ROOT/${{markers[$arg]}}")"
    : > "$CASHIER_SETUP_ROOT/${{markers[$arg]}}"
done
""")


def _run(world: Path, *, unprivileged: bool) -> subprocess.CompletedProcess[str]:
    env = {"PATH": str(world / "bin"), "CASHIER_SETUP_ROOT": str(world / "root"),
           "CASHIER_SETUP_PACKAGES_ONLY": "1", "HOME": str(world)}
    command = ["/usr/bin/env", *(f"{k}={v}" for k, v in env.items()), "/bin/bash", str(SCRIPT)]
    if unprivileged and os.geteuid() == 0:
        command = ["/usr/sbin/runuser", "-u", "nobody", "--", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
                          check=False, env=env)


def _calls(world: Path) -> list[str]:
    calls = world / "calls"
    return calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []


@pytest.mark.parametrize("absent", [*MARKERS, "all"])
def test_without_root_or_sudo_it_stops_at_once_naming_the_install_line(world: Path, absent: str) -> None:
    missing = list(MARKERS) if absent == "all" else [absent]
    _install(world / "root", *(name for name in MARKERS if name not in missing))
    _apt_get(world)  # present, but an unprivileged user without sudo must not be led to call it

    result = _run(world, unprivileged=True)

    assert result.returncode == 2, result.stderr
    assert f"apt-get update && apt-get install -y {' '.join(missing)}\n" in result.stderr
    assert _calls(world) == []


def test_with_every_package_present_it_installs_nothing(world: Path) -> None:
    _install(world / "root", *MARKERS)
    _apt_get(world)

    result = _run(world, unprivileged=False)

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert _calls(world) == []


def test_it_installs_what_is_missing_with_apt_get(world: Path) -> None:
    """As root (CI) directly; a developer who is not root goes through a sudo that only runs the command."""
    _install(world / "root", "openssl", "postgresql")
    _apt_get(world)
    if os.geteuid() != 0:
        _stand_in(world, "sudo", '[[ "$1" == -n ]] && shift\nexec "$@"\n')

    result = _run(world, unprivileged=False)

    assert result.returncode == 0, result.stderr
    assert _calls(world) == ["apt-get update -qq",
                             "apt-get install -y -qq fonts-wqy-microhei openssh-server chromium"]
    assert all((world / "root" / path).exists() for path in MARKERS.values())


def test_a_user_with_sudo_installs_through_sudo(world: Path) -> None:
    _install(world / "root", *(name for name in MARKERS if name != "openssh-server"))
    _apt_get(world)
    # sudo -n answers for a user allowed without a password, then runs the command it is given.
    _stand_in(world, "sudo", f'[[ "$1" == -n ]] && shift\necho "sudo $*" >> {world}/calls\nexec "$@"\n')

    result = _run(world, unprivileged=True)

    assert result.returncode == 0, result.stderr
    assert "sudo apt-get install -y -qq openssh-server" in _calls(world)
    assert "apt-get install -y -qq openssh-server" in _calls(world)
    assert (world / "root" / MARKERS["openssh-server"]).exists()


def test_a_failed_install_says_which_line_to_run(world: Path) -> None:
    _install(world / "root", *(name for name in MARKERS if name != "chromium"))
    _apt_get(world, fails=True)
    _stand_in(world, "sudo", '[[ "$1" == -n ]] && shift\nexec "$@"\n')

    result = _run(world, unprivileged=True)

    assert result.returncode == 2
    assert "apt-get update && apt-get install -y chromium\n" in result.stderr
    assert not (world / "root" / MARKERS["chromium"]).exists()


def test_the_script_is_executable_and_ci_runs_nothing_else_of_substance() -> None:
    assert SCRIPT.stat().st_mode & stat.S_IXUSR
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    assert commands == ["set -euo pipefail", 'cd "$(dirname "$0")/.."', "bash tests/run.sh"]

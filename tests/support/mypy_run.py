"""mypy run over one file with the project's own configuration: the tests that typed codes and page words
exist to make a typo a type error, and prove it on a snippet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT


def mypy_errors(source: Path) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """The finished run (its output for an assertion's message) and its `: error:` lines."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(ROOT / ".mypy_cache"), "--config-file",
         str(ROOT / "pyproject.toml"), str(source)],
        capture_output=True, text=True, cwd=ROOT, check=False)
    return result, [line for line in result.stdout.splitlines() if ": error:" in line]

"""mypy over core, tui and hq with the project's own configuration ([tool.mypy] in pyproject.toml): zero errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_errors() -> None:
    # The project's .mypy_cache (git-ignored, shared with a developer's own runs) keeps a rerun to seconds.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(ROOT / ".mypy_cache"), "core", "tui", "hq"],
        capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, f"mypy failed:\n{result.stdout}{result.stderr}"

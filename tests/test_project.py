"""House rules that keep the project honest: layering, lint, and the README's promises."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


FORBIDDEN = {"textual", "tui"}


def test_core_never_imports_textual_or_tui() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in _imports(path) if n.split(".")[0] in FORBIDDEN)
        for path in (ROOT / "core").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_nothing_imports_tui_but_tui() -> None:
    for folder in ("core", "hq"):
        for path in (ROOT / folder).rglob("*.py"):
            assert not any(n.split(".")[0] == "tui" for n in _imports(path)), path


def test_core_import_does_not_pull_in_textual() -> None:
    code = "import sys, core.einvoice, core.store, core.checkout; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    result = subprocess.run([ruff, "check", "."], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_starts_with_demo_and_test_commands_and_ci_runs_the_test_one() -> None:
    demo, tests = _readme_commands()[:2]
    assert "cashier demo" in demo
    assert tests == "bash tests/run.sh"
    assert ".venv/bin/python -m pytest" in (ROOT / "tests" / "run.sh").read_text(encoding="utf-8")
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in ci_lines


def test_cashier_version() -> None:
    from tui.cli import main

    try:
        main(["--version"])
    except SystemExit as exit_:
        assert exit_.code == 0
    else:  # pragma: no cover - argparse always exits on --version
        raise AssertionError("--version did not exit")

"""core.printer stays light to import: the station imports it on its start-up path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("PIL", "segno", "barcode", "serial", "textual", "escpos", "zxingcpp")


def test_importing_core_printer_loads_no_heavy_library() -> None:
    code = ("import sys, core.printer, core.printer.service, core.printer.layout; "
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_virtual_printer_is_written_apart_from_the_encoder() -> None:
    """The decoder tables must not borrow the encoder's constants, or a shared mistake would pass unseen."""
    import ast

    for path in (ROOT / "core/printer/virtual").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        assert not imported & {"core.printer.encoder", "core.printer.codes", "core.printer.layout"}, path

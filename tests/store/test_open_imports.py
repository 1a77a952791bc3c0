"""What opening a Station brings in with it. The app's first status read (the upload backlog, on a worker
thread) runs while the first frame is painted; a read model first imported there made that read lose the
race and the frame paint the status bar twice, the first time without the backlog and numbers left."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_opening_a_station_imports_the_status_read_model(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from tests.factories import open_station\n"
        "before = 'core.store.upload_records' in sys.modules\n"
        f"station = open_station({str(tmp_path / 'station.db')!r})\n"
        "print(before, 'core.store.upload_records' in sys.modules)\n"
        "station.close()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "True"]

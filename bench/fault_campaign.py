"""The fault campaign at length: prints one JSON object (counts, faults injected, messages seen, invariants).

A till (a forked child process: checkout, printing on the virtual printer, uploading to a real HQ on
loopback through the SyncService) is SIGKILLed at random moments (seeded) again and again; along the way
HQ is SIGKILLed and restarted, the printer's cable is pulled mid-job, the database is write-locked by
another process, and the disk fills up under a checkout. Afterwards the backlog is drained and invariants
1, 2, 4 and 6 are checked at the station and at HQ. The engine is tests/faults/campaign.py (its docstring
says how each fault is made); tests/faults/test_fault_campaign.py runs a short campaign with assertions.

The tills use the station's real SQLite busy timeout (5 s) unless told otherwise, so the locked-database
step takes that long. Exit status 0 when every invariant held, 1 otherwise.

Usage: .venv/bin/python bench/fault_campaign.py [--checkouts N] [--kills N] [--seed S] [--busy-timeout-ms MS]
                                                 [--disk-full auto|tmpfs|rlimit] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults.campaign import CampaignOptions, run_campaign  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/fault_campaign.py", description=__doc__.split("\n")[0])
    parser.add_argument("--checkouts", type=int, default=200, help="committed sales to reach, at least (200)")
    parser.add_argument("--kills", type=int, default=None, help="tills to SIGKILL, at least (default: checkouts/2)")
    parser.add_argument("--seed", type=int, default=CampaignOptions.seed)
    parser.add_argument("--busy-timeout-ms", type=int, default=CampaignOptions.busy_timeout_ms)
    parser.add_argument("--disk-full", choices=("auto", "tmpfs", "rlimit"), default="auto",
                        help="how the disk fills up: a private tmpfs (needs root or user namespaces), "
                             "RLIMIT_FSIZE, or auto (tmpfs where possible)")
    parser.add_argument("--dir", type=Path, help="keep the databases here (default: a temporary directory)")
    args = parser.parse_args(argv)
    options = CampaignOptions(checkouts=args.checkouts, kills=args.kills if args.kills is not None else
                              max(1, args.checkouts // 2), seed=args.seed, busy_timeout_ms=args.busy_timeout_ms,
                              disk_full=args.disk_full)
    if args.dir:
        args.dir.mkdir(parents=True, exist_ok=True)
        report = run_campaign(args.dir, options)
    else:
        with tempfile.TemporaryDirectory(prefix="fault-campaign-") as folder:
            report = run_campaign(Path(folder), options)
    report = {"bench": "fault_campaign", "python": platform.python_version(), "options": vars(options), **report}
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

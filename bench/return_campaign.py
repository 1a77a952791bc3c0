"""Returns under kill -9 at length: prints one JSON object (kills, kills during a return, returns of each
kind, the store's counts, invariants).

A till (a forked child process) sells and takes back (a partial return within the period: void and
reissue; a full one; the reissued invoice returned again; an allowance) and is SIGKILLed at random moments
(seeded) again and again. Afterwards every sale and return reported is checked in the store, every return
whole or absent, no invoice or allowance number twice. The engine is tests/faults/return_campaign.py;
tests/faults/test_return_campaign.py runs a short campaign with assertions. Exit status 0 when every
invariant held, 1 otherwise.

Usage: .venv/bin/python bench/return_campaign.py [--kills N] [--seed S] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults.return_campaign import ReturnCampaignOptions, run_return_campaign  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/return_campaign.py", description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=ReturnCampaignOptions.kills, help="tills to SIGKILL (100)")
    parser.add_argument("--seed", type=int, default=ReturnCampaignOptions.seed)
    parser.add_argument("--dir", type=Path, help="keep the database here (default: a temporary directory)")
    args = parser.parse_args(argv)
    # A sale and at most two reissues per round, a few rounds per till: booklets of 50 to spare.
    options = ReturnCampaignOptions(kills=args.kills, seed=args.seed, booklets=max(10, args.kills * 12 // 50 + 5))
    if args.dir:
        args.dir.mkdir(parents=True, exist_ok=True)
        report = run_return_campaign(args.dir, options)
    else:
        with tempfile.TemporaryDirectory(prefix="return-campaign-") as folder:
            report = run_return_campaign(Path(folder), options)
    report = {"bench": "return_campaign", "python": platform.python_version(), "options": asdict(options), **report}
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

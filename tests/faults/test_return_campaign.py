"""Returns under kill -9, short: a till selling and taking back (void and reissue, full voids, reissues
returned again, allowances) SIGKILLed at random moments; every return is whole or absent and no number is
used twice. The engine: tests/faults/return_campaign.py; the run of 100 kills and more with a JSON
report: bench/return_campaign.py."""

from __future__ import annotations

import json
from pathlib import Path

from tests.faults.return_campaign import ReturnCampaignOptions, run_return_campaign

OPTIONS = ReturnCampaignOptions(kills=15, seed=20261231, booklets=10)


def test_a_return_killed_at_any_moment_is_whole_or_absent_and_no_number_is_used_twice(tmp_path: Path) -> None:
    report = run_return_campaign(tmp_path, OPTIONS)
    summary = json.dumps(report, ensure_ascii=False)[:4000]
    failed = [name for name, ok in report["invariants"].items() if not ok]
    assert not failed, f"{failed}: {summary}"
    assert report["ok"], summary
    assert report["kills"] == OPTIONS.kills and report["kills_during_return"] >= 1, summary
    assert report["store"]["voided"] >= 1 and report["store"]["reissues"] >= 1, summary
    assert report["store"]["allowances"] >= 1, summary

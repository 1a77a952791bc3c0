"""`cashier doctor`: the station's health report for support over SSH; exit code 1 when something needs
fixing. `--json` for scripts (one object on stdout)."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("doctor", help="health report: config, database, printer, HQ, uploads, numbers")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--full", action="store_true",
                        help="run the full PRAGMA integrity_check instead of quick_check (slower on big files)")
    parser.add_argument("--timeout", type=float, default=3.0, metavar="SECONDS", help="HQ timeout (default: 3)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from core.doctor import run_doctor
    from core.doctor.text import render_text

    report = run_doctor(args.config, hq_timeout=args.timeout, full_check=args.full)
    language = args.lang or "zh_TW"
    if args.json:
        print(json.dumps(report.to_dict(language), ensure_ascii=False, indent=2))
    else:
        print(render_text(report, language))
    return report.exit_code

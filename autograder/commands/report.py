"""``dlcourse report [--out]``: rebuild report.html from a graded folder."""
from __future__ import annotations

from pathlib import Path

from .common import say


def add_parser(sub) -> None:
    p = sub.add_parser("report", help="rebuild the instructor report from a graded --out folder")
    p.add_argument("--out", default="grades")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..grader.report import write_report
    from ..grader.results import load_results
    out = Path(args.out)
    grades = load_results(out)
    if not grades:
        say(f"dlcourse: no graded submissions under {out} (run `dlcourse grade` first)")
        return 1
    say(f"[report] {len(grades)} submission(s) -> {write_report(grades, out)}")
    return 0

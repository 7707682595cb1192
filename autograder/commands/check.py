"""``dlcourse check [WEEK ...]``: the course's self-test (release sync, full/zero marks, mistake bank)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from .. import pipeline
from ..grader.run import grade_submissions
from ..paths import course_root
from .common import weeks_verb, Timer, full_and_blank_submissions, own_samples_sandbox, say, select_weeks
from .mistakes import run_mistakes


def add_parser(sub) -> None:
    weeks_verb(sub, "check", "the course's self-test; non-zero exit on any failure", run)


def run(args) -> int:
    root = course_root()
    weeks = select_weeks(args.weeks, root)
    failures: list[str] = []
    with Timer() as total:
        say(f"[check] 1/3 release/ in sync with source/ ({len(weeks)} week(s))")
        diffs = pipeline.release_diff(weeks, root)
        failures += [f"sync: {d}" for d in diffs]
        for week in weeks:
            failures += [f"release: {p}" for p in pipeline.release_problems(root / "release" / week / f"{week}.ipynb")]
        say("[check] 2/3 autograde: source notebooks must score full marks, blank releases 0 (both editions)")
        with tempfile.TemporaryDirectory(prefix="dlcourse-check-") as tmp:
            submitted = Path(tmp) / "submitted"
            full_and_blank_submissions(weeks, root, submitted)
            grades = grade_submissions(submitted, Path(tmp) / "out", weeks, root, feedback=False, resume=False,
                                       say=lambda m: say(f"[check]     {m}"), sandbox=own_samples_sandbox(say))
        for g in grades:
            if g.student.startswith("solution") and g.total != g.max_total:
                lost = [k for k in g.scores if g.scores[k] < g.max_scores[k]]
                failures.append(f"{g.week}: the source notebook ({g.edition}) scores {g.total}/{g.max_total} (fails {lost})")
            if g.student.startswith("blank") and g.total != 0:
                won = [k for k in g.scores if g.scores[k] > 0]
                failures.append(f"{g.week}: the blank release ({g.edition}) scores {g.total} (passes {won})")
            say(f"[check]     {g.week:36s} {g.student:9s} {g.total:g}/{g.max_total:g}")
        say("[check] 3/3 mistake bank")
        n, visible, bank_failures = run_mistakes(weeks, root)
        failures += [f"mistake bank: {f}" for f in bank_failures]
        say(f"[check]     {n} case(s), {len(bank_failures)} not as expected")
    for f in failures:
        say(f"[check] FAIL {f}")
    say(f"[check] {'FAILED' if failures else 'OK'} in {total.seconds:.0f} s"
        + (f": {len(failures)} problem(s)" if failures else ""))
    return 1 if failures else 0

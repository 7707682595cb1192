"""A class of every week's solution, blank release and mistake-bank cases, graded as one run.

    python benchmarks/class_every_week.py [--workers 2] [--weeks W ...]

Every ``wrong_*`` case must lose points on its own exercise, every ``ok_*`` case must keep every
point, the solution full marks, the blank 0, and no row may be flagged (a flag is evidence of
tampering, and none of these students tampers). Prints the figures and writes them to
docs/benchmarks.md; exits 1 when any row is not as it must be.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _docs import update_section  # noqa: E402
from autograder import notebooks as nbs  # noqa: E402
from autograder.commands.common import full_and_blank_submissions  # noqa: E402
from autograder.grader.run import grade_submissions  # noqa: E402
from autograder.mistakes import discover  # noqa: E402
from autograder.paths import weeks as all_weeks  # noqa: E402


def make_class(submitted: Path, weeks: list[str]) -> dict:
    """``{student: (week, kind, exercise)}``; students are named after their case."""
    full_and_blank_submissions(weeks, ROOT, submitted)
    expected = {}
    for week in weeks:
        expected[("solution", week)] = ("full", None)
        expected[("blank", week)] = ("zero", None)
    sources = {w: nbs.read(ROOT / "source" / w / f"{w}.ipynb") for w in weeks}
    for case in discover(ROOT, weeks):
        student = f"{case.exercise}--{case.kind}_{case.slug}"[:120]
        folder = submitted / student / case.week
        folder.mkdir(parents=True, exist_ok=True)
        nbs.write(nbs.replace_solution(sources[case.week], case.exercise, case.source), folder / f"{case.week}.ipynb")
        expected[(student, case.week)] = ("full" if case.kind == "ok" else "loses", case.exercise)
    return expected


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--weeks", nargs="*", default=None)
    args = parser.parse_args()
    weeks = args.weeks or all_weeks(ROOT)
    with tempfile.TemporaryDirectory(prefix="class-every-week-") as tmp:
        tmp = Path(tmp)
        expected = make_class(tmp / "submitted", weeks)
        t0 = time.perf_counter()
        grades = grade_submissions(tmp / "submitted", tmp / "out", weeks, ROOT, workers=args.workers,
                                   feedback=False, say=None)
        seconds = time.perf_counter() - t0
    problems = []
    by_key = {(g.student, g.week): g for g in grades}
    for key, (kind, exercise) in expected.items():
        g = by_key.get(key)
        if g is None:
            problems.append(f"{key}: no row")
            continue
        if g.flags:
            problems.append(f"{key}: flagged: {g.flags}")
        if kind == "full" and g.total != g.max_total:
            problems.append(f"{key}: {g.total}/{g.max_total}, lost {[k for k in g.scores if g.scores[k] < g.max_scores[k]]}")
        if kind == "zero" and g.total != 0:
            problems.append(f"{key}: the blank scores {g.total}")
        if kind == "loses" and g.scores.get(f"test_{exercise}", 0) >= g.max_scores.get(f"test_{exercise}", 0):
            problems.append(f"{key}: the wrong answer keeps its points")
    n_wrong = sum(1 for k, v in expected.items() if v[0] == "loses")
    n_ok = sum(1 for k, v in expected.items() if v[0] == "full") - len(weeks)
    flagged = sum(1 for g in grades if g.flags)
    body = (f"{len(grades)} submissions across {len(weeks)} week(s) — {len(weeks)} solutions, {len(weeks)} blank "
            f"releases, {n_wrong} wrong answers and {n_ok} correct variants from the mistake bank — graded in one "
            f"run with `--workers {args.workers}` in {seconds:.0f} s ({seconds / max(len(grades), 1):.2f} s per "
            f"submission). Rows: {len(grades)} of {len(expected)}; flagged: {flagged}; not as they must be: "
            f"{len(problems)}.")
    print(body)
    for p in problems[:50]:
        print("  PROBLEM", p)
    if not args.weeks:  # the figures of the whole course go to the docs; a subset is only printed
        update_section("Every week's class", body + ("" if not problems else "\n\nProblems:\n" + "\n".join(
            f"- {p}" for p in problems[:20])))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""``dlcourse mistakes [WEEK ...]``: run the mistake bank (wrong answers caught, variants accepted)."""
from __future__ import annotations

from ..paths import course_root
from .common import weeks_verb, Timer, say, select_weeks


def add_parser(sub) -> None:
    weeks_verb(sub, "mistakes", "run the mistake bank", run)


def run_mistakes(weeks, root) -> tuple[int, int, list[str]]:
    from ..mistakes import run_bank
    results = run_bank(root, weeks, progress=lambda w, n: say(f"[mistakes] {w}: {n} case(s) run"))
    failures, visible = [], 0
    for case, res in results:
        ok, why = res.verdict(case)
        if case.kind == "wrong" and f"test_{case.exercise}" in res.visible_failed:
            visible += 1
        if not ok:
            failures.append(f"{case.id}: {why}")
    return len(results), visible, failures


def run(args) -> int:
    root = course_root()
    weeks = select_weeks(args.weeks, root)
    with Timer() as t:
        n, visible, failures = run_mistakes(weeks, root)
    for f in failures:
        say(f"[mistakes] FAIL {f}")
    say(f"[mistakes] {n} case(s) in {t.seconds:.1f} s: {n - len(failures)} as expected, "
        f"{len(failures)} not; {visible} wrong answer(s) already caught by the visible tests")
    return 1 if failures else 0

"""``dlcourse mistakes [WEEK ...] [--edition en|ja|both]``: run the mistake bank (wrong answers
caught, variants accepted) on the English source notebooks, the Japanese editions, or both."""
from __future__ import annotations

from ..paths import course_root
from .common import Timer, say, select_weeks

EDITION_CHOICES = ("en", "ja", "both")


def add_parser(sub) -> None:
    p = sub.add_parser("mistakes", help="run the mistake bank")
    p.add_argument("weeks", nargs="*")
    p.add_argument("--edition", choices=EDITION_CHOICES, default="en",
                   help="run the bank on the English notebooks (default), the Japanese editions "
                        "(weeks whose translation is not complete are skipped), or both")
    p.set_defaults(func=run)


def run_mistakes(weeks, root, edition: str = "en") -> tuple[int, int, list[str]]:
    """``(cases run, wrong cases caught by the visible tests, failures)`` on one ``edition``."""
    from ..mistakes import run_bank
    tag = "" if edition == "en" else f" [{edition}]"
    results = run_bank(root, weeks, edition=edition,
                       progress=lambda w, n: say(f"[mistakes] {w}{tag}: {n} case(s) run"),
                       skipped=lambda w, why: say(f"[mistakes] {w}{tag}: skipped — {why}"))
    failures, visible = [], 0
    for case, res in results:
        ok, why = res.verdict(case, edition)
        if case.kind == "wrong" and f"test_{case.exercise}" in res.visible_failed:
            visible += 1
        if not ok:
            failures.append(f"{case.id}{tag}: {why}")
    return len(results), visible, failures


def run(args) -> int:
    root = course_root()
    weeks = select_weeks(args.weeks, root)
    editions = ("en", "ja") if args.edition == "both" else (args.edition,)
    status = 0
    for edition in editions:
        with Timer() as t:
            n, visible, failures = run_mistakes(weeks, root, edition)
        for f in failures:
            say(f"[mistakes] FAIL {f}")
        label = "" if edition == "en" else f" on the {edition} edition"
        say(f"[mistakes] {n} case(s){label} in {t.seconds:.1f} s: {n - len(failures)} as expected, "
            f"{len(failures)} not; {visible} wrong answer(s) already caught by the visible tests")
        status |= 1 if failures else 0
    return status

"""``dlcourse build [WEEK ...]``: regenerate release/ from source/ (nbgrader generate_assignment)."""
from __future__ import annotations

from .. import pipeline
from ..paths import course_root
from .common import weeks_verb, Timer, say, select_weeks


def add_parser(sub) -> None:
    weeks_verb(sub, "build", "regenerate release/ from source/ with nbgrader", run)


def run(args) -> int:
    root = course_root()
    weeks = select_weeks(args.weeks, root)
    with Timer() as t:
        problems = pipeline.build(weeks, root, progress=lambda w: say(f"[build] {w}"))
    for p in problems:
        say(f"[build] PROBLEM {p}")
    say(f"[build] {len(weeks)} week(s) in {t.seconds:.1f} s: "
        + ("release/ is clean" if not problems else f"{len(problems)} problem(s)"))
    return 1 if problems else 0

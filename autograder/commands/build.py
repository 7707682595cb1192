"""``dlcourse build [WEEK ...]``: regenerate release/ from source/ (nbgrader generate_assignment)."""
from __future__ import annotations

from .. import pipeline
from ..paths import course_root
from .common import Timer, say, select_weeks


def add_parser(sub) -> None:
    p = sub.add_parser("build", help="regenerate release/ from source/ with nbgrader")
    p.add_argument("weeks", nargs="*")
    p.set_defaults(func=run)


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

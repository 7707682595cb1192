"""``dlcourse given [WEEK ...]``: write ``source/<week>/given.py`` from the reference (see :mod:`autograder.given`).

Each listed week (default: every week of the manifest ``autograder/given.GIVEN``) gets the
earlier answers and helpers it builds on, copied from ``dlcourse_solutions``. ``--check``
writes nothing and fails when a file is out of sync (as ``tests/test_packaging.py`` does).
Run ``dlcourse build WEEK`` afterwards: nbgrader copies given.py into ``release/<week>/``.
"""
from __future__ import annotations

from .. import given
from ..paths import course_root
from .common import say, select_weeks


def add_parser(sub) -> None:
    p = sub.add_parser("given", help="write source/<week>/given.py (earlier answers a week builds on) from the reference")
    p.add_argument("weeks", nargs="*")
    p.add_argument("--check", action="store_true", help="only report what is out of sync; write nothing")
    p.set_defaults(func=run)


def run(args) -> int:
    root = course_root()
    weeks = [w for w in select_weeks(args.weeks, root) if w in given.GIVEN]
    if args.weeks and len(weeks) != len(args.weeks):
        say(f"[given] no entry in autograder/given.py for {sorted(set(args.weeks) - set(weeks))}: nothing to write")
    if args.check:
        problems = [p for p in given.stale(root) if not args.weeks or any(w in p for w in weeks)]
        for p in problems:
            say(f"[given] {p}")
        say("[given] " + ("in sync" if not problems else f"{len(problems)} file(s) out of sync"))
        return 1 if problems else 0
    for week in weeks:
        changed = given.write(week, root)
        say(f"[given] source/{week}/{given.FILE_NAME}: " + ("written" if changed else "unchanged"))
    return 0

"""``dlcourse translate WEEK [...]``: what the Japanese edition still needs, and bookkeeping.

Adds an entry (marked TODO, holding the English text) for every Markdown cell without a
translation in ``source/<week>/<week>.ja.yaml``, drops entries of cells that are gone, and
lists what is untranslated or stale. ``--accept CELL ...`` records that the translations of
those cells were brought up to date with their changed English text.
"""
from __future__ import annotations

from .. import editions
from ..paths import course_root
from .common import say, select_weeks


def add_parser(sub) -> None:
    p = sub.add_parser("translate", help="list and stub what the Japanese edition still needs")
    p.add_argument("weeks", nargs="*")
    p.add_argument("--accept", nargs="+", default=[], metavar="CELL",
                   help="grade_ids whose translation now matches their English text (one week only)")
    p.add_argument("--check", action="store_true", help="only report; write nothing")
    p.set_defaults(func=run)


def run(args) -> int:
    root = course_root()
    weeks = select_weeks(args.weeks, root)
    if args.accept and len(weeks) != 1:
        raise SystemExit("dlcourse translate: --accept takes the cells of one week")
    left = 0
    for week in weeks:
        problems = (editions.problems(week, root) if args.check
                    else editions.update(week, root, accept=args.accept))
        left += len(problems)
        for p in problems:
            say(f"[translate] {p}")
        say(f"[translate] {week}: " + ("complete" if not problems else f"{len(problems)} cell(s) to do"))
    return 1 if left else 0

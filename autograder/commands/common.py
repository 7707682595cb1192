"""What the commands share: printing, timing, choosing weeks, the sample students' sandbox."""
from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Callable

from ..paths import weeks as all_weeks


def say(msg: str) -> None:
    print(msg, flush=True)


class Timer:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0


def weeks_verb(sub, name: str, help: str, run, nargs: str = "*") -> None:
    """A verb whose only arguments are week names."""
    p = sub.add_parser(name, help=help)
    p.add_argument("weeks", nargs=nargs)
    p.set_defaults(func=run)


def select_weeks(requested, root) -> list[str]:
    available = all_weeks(root)
    if not requested:
        return available
    unknown = [w for w in requested if w not in available]
    if unknown:
        raise SystemExit(f"dlcourse: unknown week(s) {unknown}; the course has {available}")
    return list(requested)


def own_samples_sandbox(say: Callable[[str], None]) -> bool:
    """For grading the course's *own* samples (demo, self-check): the sandbox where bubblewrap
    can build one, else none — said plainly. ``dlcourse grade`` never falls back like this."""
    from ..sandbox.bwrap import availability
    why = availability()
    if why:
        say(f"[isolation] NO SANDBOX: {why}. The course's own sample notebooks are graded without "
            "isolation; `dlcourse grade` refuses to grade students' work until a sandbox can be built.")
        return False
    say("[isolation] every notebook kernel and re-check runs in the bubblewrap sandbox")
    return True


def full_and_blank_submissions(weeks, root, submitted: Path) -> None:
    """submitted/solution/<week> = the source notebook; submitted/blank/<week> = the release;
    for a week with a Japanese edition in release/, also solution_ja and blank_ja (the
    Japanese source and release, submitted as ``<week>.ja.ipynb``)."""
    from .. import editions, notebooks as nbs
    for week in weeks:
        for student, base in (("solution", root / "source"), ("blank", root / "release")):
            dst = submitted / student / week
            dst.mkdir(parents=True, exist_ok=True)
            shutil.copy2(base / week / f"{week}.ipynb", dst / f"{week}.ipynb")
        name = editions.notebook_name(week, "ja")
        if (root / "release" / week / name).is_file():
            for student in ("solution_ja", "blank_ja"):
                (submitted / student / week).mkdir(parents=True, exist_ok=True)
            nbs.write(editions.edition_notebook(week, "ja", root), submitted / "solution_ja" / week / name)
            shutil.copy2(root / "release" / week / name, submitted / "blank_ja" / week / name)


def print_grades(grades) -> None:
    width = max([len(g.student) for g in grades] + [7])
    say(f"{'student':{width}s}  {'week':32s} {'score':>9s}  lost points on")
    for g in grades:
        lost = ", ".join(f"{k.removeprefix('test_')} (-{g.max_scores[k] - g.scores[k]:g})"
                         for k in g.scores if g.scores[k] < g.max_scores[k])
        say(f"{g.student:{width}s}  {g.week:32s} {g.total:>4g}/{g.max_total:<4g}  {lost or '-'}"
            + (f"  FLAGGED: {'; '.join(g.flags)}" if g.flags else ""))

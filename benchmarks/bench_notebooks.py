"""Time every source notebook's execution and the grading of one submission per week.

    python benchmarks/bench_notebooks.py [WEEK ...]     # prints the table, updates docs/benchmarks.md

Targets on the 2-core machine: a notebook ≤ 20 s, grading one week's submission ≤ 10 s.
Grading is timed with `dlcourse grade` (one worker, no feedback, the week's gradebook template
cached) twice: alone, start-up included (a cold run: the nbgrader worker and the warm re-check
sandbox start for it), and as the second of two submissions (as in a class run, where the
start-up is paid once).
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _docs import update_section  # noqa: E402
from autograder.commands.execute import execute_notebook  # noqa: E402
from autograder.grader.run import grade_submissions  # noqa: E402
from autograder.paths import weeks as all_weeks  # noqa: E402


def main(weeks: list[str]) -> None:
    rows = []
    for week in weeks:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / week
            shutil.copytree(ROOT / "source" / week, copy)
            notebook_s = execute_notebook(copy / f"{week}.ipynb")
            for student in ("a", "b"):
                submitted = Path(tmp) / "submitted" / student / week
                submitted.mkdir(parents=True)
                shutil.copy2(ROOT / "source" / week / f"{week}.ipynb", submitted)
            out = Path(tmp) / "out"
            grade_submissions(Path(tmp) / "submitted", out, [week], ROOT, workers=1, feedback=False)
            shutil.rmtree(out / ".results")  # keep the cached template, grade again
            cold = Path(tmp) / "cold"
            shutil.copytree(Path(tmp) / "submitted" / "a", cold / "a")
            t0 = time.perf_counter()
            (g,) = grade_submissions(cold, out, [week], ROOT, workers=1, feedback=False)
            grade_s = time.perf_counter() - t0
            shutil.rmtree(out / ".results")
            warm_s = grade_submissions(Path(tmp) / "submitted", out, [week], ROOT, workers=1, feedback=False)[1].seconds
        rows.append((week, notebook_s, grade_s, warm_s, g.total, g.max_total))
        print(f"{week:36s} notebook {notebook_s:5.1f} s   grading one submission {grade_s:5.1f} s cold, "
              f"{warm_s:5.1f} s warm   score {g.total:g}/{g.max_total:g}", flush=True)
    table = ["| week | notebook execution | grading one submission, cold | in a class run | solution's score |",
             "|---|---:|---:|---:|---:|"]
    table += [f"| `{w}` | {n:.1f} s | {gr:.1f} s | {wa:.1f} s | {t:g}/{m:g} |" for w, n, gr, wa, t, m in rows]
    update_section("Notebooks and grading", "Targets: a notebook ≤ 20 s, grading one submission ≤ 10 s "
                   "(`dlcourse grade` of one submission with one worker and no feedback, start-up included: the "
                   "nbgrader worker and the warm re-check sandbox, nbgrader autograde with the kernel in its "
                   "sandbox, the out-of-kernel re-check).\n\n"
                   + "\n".join(table))


if __name__ == "__main__":
    main(sys.argv[1:] or all_weeks(ROOT))

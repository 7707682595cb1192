"""``dlcourse`` — the instructor's command line, a thin layer over nbgrader.

    dlcourse build [WEEK ...]          regenerate release/ from source/ (nbgrader generate_assignment)
    dlcourse execute WEEK [...]        run source notebooks in place, storing their outputs
    dlcourse mistakes [WEEK ...]       run the mistake bank (wrong answers caught, variants accepted)
    dlcourse check [WEEK ...]          the course's self-test (release sync, full/zero marks, mistake bank)
    dlcourse grade SUBMITTED [--out]   autograde submitted/<student>/<week>/ in parallel, jailed and
                                       re-checked -> grades.csv, lms.csv, report.html, feedback/
    dlcourse report [--out]            rebuild report.html from a graded folder
    dlcourse demo                      build + grade the bundled sample submissions, print the scores

Every command exits 0 on success and 1 when something it checked failed.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import pipeline, policy
from .paths import CourseNotFound, course_root, weeks as all_weeks


def say(msg: str) -> None:
    print(msg, flush=True)


class Timer:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0


def _weeks(requested, root) -> list[str]:
    available = all_weeks(root)
    if not requested:
        return available
    unknown = [w for w in requested if w not in available]
    if unknown:
        raise SystemExit(f"dlcourse: unknown week(s) {unknown}; the course has {available}")
    return list(requested)


# ----------------------------------------------------------------------------- commands
def cmd_build(args) -> int:
    root = course_root()
    weeks = _weeks(args.weeks, root)
    with Timer() as t:
        problems = pipeline.build(weeks, root, progress=lambda w: say(f"[build] {w}"))
    for p in problems:
        say(f"[build] PROBLEM {p}")
    say(f"[build] {len(weeks)} week(s) in {t.seconds:.1f} s: "
        + ("release/ is clean" if not problems else f"{len(problems)} problem(s)"))
    return 1 if problems else 0


def execute_notebook(path: Path, timeout: int = 300) -> float:
    """Run a notebook in place with a fresh kernel; return the seconds it took."""
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(str(path), as_version=4)
    # one BLAS thread: these small matrices run many times faster than with threads that fight
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    os.environ.pop("MPLBACKEND", None)  # the kernel's own inline backend keeps the figures
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    t0 = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - t0
    for cell in nb.cells:  # keep diffs small: no per-run timestamps
        cell.get("metadata", {}).pop("execution", None)
    nbformat.write(nb, str(path))
    return seconds


def cmd_execute(args) -> int:
    root = course_root()
    for week in _weeks(args.weeks, root):
        path = root / "source" / week / f"{week}.ipynb"
        say(f"[execute] {week} ...")
        seconds = execute_notebook(path)
        say(f"[execute] {week}: {seconds:.1f} s, outputs saved")
    return 0


def run_mistakes(weeks, root) -> tuple[int, int, list[str]]:
    from .mistakes import run_bank
    results = run_bank(root, weeks, progress=lambda w, n: say(f"[mistakes] {w}: {n} case(s) run"))
    failures, visible = [], 0
    for case, res in results:
        ok, why = res.verdict(case)
        if case.kind == "wrong" and f"test_{case.exercise}" in res.visible_failed:
            visible += 1
        if not ok:
            failures.append(f"{case.id}: {why}")
    return len(results), visible, failures


def cmd_mistakes(args) -> int:
    root = course_root()
    weeks = _weeks(args.weeks, root)
    with Timer() as t:
        n, visible, failures = run_mistakes(weeks, root)
    for f in failures:
        say(f"[mistakes] FAIL {f}")
    say(f"[mistakes] {n} case(s) in {t.seconds:.1f} s: {n - len(failures)} as expected, "
        f"{len(failures)} not; {visible} wrong answer(s) already caught by the visible tests")
    return 1 if failures else 0


def full_and_blank_submissions(weeks, root, submitted: Path) -> None:
    """submitted/solution/<week> = the source notebook; submitted/blank/<week> = the release."""
    for week in weeks:
        for student, base in (("solution", root / "source"), ("blank", root / "release")):
            dst = submitted / student / week
            dst.mkdir(parents=True, exist_ok=True)
            shutil.copy2(base / week / f"{week}.ipynb", dst / f"{week}.ipynb")


def cmd_check(args) -> int:
    root = course_root()
    weeks = _weeks(args.weeks, root)
    failures: list[str] = []
    with Timer() as total:
        say(f"[check] 1/3 release/ in sync with source/ ({len(weeks)} week(s))")
        diffs = pipeline.release_diff(weeks, root)
        failures += [f"sync: {d}" for d in diffs]
        for week in weeks:
            failures += [f"release: {p}" for p in pipeline.release_problems(root / "release" / week / f"{week}.ipynb")]
        say("[check] 2/3 autograde: source notebooks must score full marks, blank releases 0")
        with tempfile.TemporaryDirectory(prefix="dlcourse-check-") as tmp:
            submitted = Path(tmp) / "submitted"
            full_and_blank_submissions(weeks, root, submitted)
            grades = pipeline.grade(submitted, Path(tmp) / "out", weeks, root, feedback=False,
                                    progress=lambda m: say(f"[check]     {m}"),
                                    sandbox=pipeline.own_samples_sandbox(say))
        for g in grades:
            if g.student == "solution" and g.total != g.max_total:
                lost = [k for k in g.scores if g.scores[k] < g.max_scores[k]]
                failures.append(f"{g.week}: the source notebook scores {g.total}/{g.max_total} (fails {lost})")
            if g.student == "blank" and g.total != 0:
                won = [k for k in g.scores if g.scores[k] > 0]
                failures.append(f"{g.week}: the blank release scores {g.total} (passes {won})")
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


def print_grades(grades) -> None:
    width = max([len(g.student) for g in grades] + [7])
    say(f"{'student':{width}s}  {'week':32s} {'score':>9s}  lost points on")
    for g in grades:
        lost = ", ".join(f"{k.removeprefix('test_')} (-{g.max_scores[k] - g.scores[k]:g})"
                         for k in g.scores if g.scores[k] < g.max_scores[k])
        say(f"{g.student:{width}s}  {g.week:32s} {g.total:>4g}/{g.max_total:<4g}  {lost or '-'}"
            + (f"  FLAGGED: {'; '.join(g.flags)}" if g.flags else ""))


def cmd_grade(args) -> int:
    from .report import write_report
    root = course_root()
    out = Path(args.out)
    submitted = Path(args.submitted)
    if not submitted.is_dir():
        say(f"dlcourse: {submitted} is not a folder (expected submitted/<student>/<week>/)")
        return 2
    from .policy import from_arguments
    from .sandbox import SandboxUnavailable
    limits, options = from_arguments(args, root)
    if not options.sandbox:
        say("[grade] WARNING: --no-sandbox: submissions' code runs without isolation; every row records it")
    try:
        with Timer() as t:
            grades = pipeline.grade(submitted, out, args.weeks or None, root, progress=say,
                                    feedback=not args.no_feedback, workers=options.workers or None,
                                    limits=limits, resume=not args.no_resume, sandbox=options.sandbox,
                                    secret_file=Path(options.secret_file) if options.secret_file else None)
    except SandboxUnavailable as exc:
        say(f"dlcourse: refusing to grade: {exc}")
        return 2
    print_grades(grades)
    report = write_report(grades, out)
    from .grading import INTERNAL_ERROR
    flagged = sum(1 for g in grades if g.flags)
    broken = sum(1 for g in grades if any(f.startswith(INTERNAL_ERROR) for f in g.flags))
    say(f"[grade] {len(grades)} submission(s) in {t.seconds:.1f} s, {flagged} flagged -> "
        f"{out / 'grades.csv'}, {out / 'lms.csv'}, {report}, feedback in {out / 'feedback'}")
    if broken:
        say(f"[grade] {broken} submission(s) hit an internal error of the grader (see {out / 'logs'}); "
            "their rows score 0 until regraded")
        return 1
    return 0


def cmd_report(args) -> int:
    from .grading import load_results
    from .report import write_report
    out = Path(args.out)
    grades = load_results(out)
    if not grades:
        say(f"dlcourse: no graded submissions under {out} (run `dlcourse grade` first)")
        return 1
    say(f"[report] {len(grades)} submission(s) -> {write_report(grades, out)}")
    return 0


def cmd_demo(args) -> int:
    from .demo import run_demo
    return run_demo(Path(args.out), _weeks(args.weeks, course_root()), say)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="dlcourse", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="regenerate release/ from source/ with nbgrader")
    p.add_argument("weeks", nargs="*")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("execute", help="run source notebooks in place (stores outputs for nbval)")
    p.add_argument("weeks", nargs="+")
    p.set_defaults(func=cmd_execute)
    p = sub.add_parser("mistakes", help="run the mistake bank")
    p.add_argument("weeks", nargs="*")
    p.set_defaults(func=cmd_mistakes)
    p = sub.add_parser("check", help="the course's self-test; non-zero exit on any failure")
    p.add_argument("weeks", nargs="*")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("grade", help="autograde a submitted/<student>/<week>/ folder")
    p.add_argument("submitted")
    p.add_argument("--out", default="grades", help="where grades.csv, lms.csv, report.html and feedback/ go")
    p.add_argument("--weeks", nargs="*", default=None)
    policy.add_arguments(p)  # limits and options: one default and one help each (autograder/policy.py)
    p.add_argument("--no-sandbox", action="store_const", const=False, dest="GradingOptions.sandbox", default=None,
                   help="grade without the bubblewrap sandbox, where none can be built (nbgrader_config.py: "
                        "c.GradingOptions.sandbox = False); every row and the report record it")
    p.add_argument("--no-resume", action="store_true", help="regrade submissions already graded in --out")
    p.add_argument("--no-feedback", action="store_true", help="skip nbgrader's feedback HTML")
    p.set_defaults(func=cmd_grade)
    p = sub.add_parser("report", help="rebuild the instructor report from a graded --out folder")
    p.add_argument("--out", default="grades")
    p.set_defaults(func=cmd_report)
    p = sub.add_parser("demo", help="build, then grade bundled sample submissions and print the scores")
    p.add_argument("--out", default="out/demo")
    p.add_argument("--weeks", nargs="*", default=None)
    p.set_defaults(func=cmd_demo)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (pipeline.NbgraderError, CourseNotFound, ValueError) as exc:
        say(f"dlcourse: {exc}")
        return 1
    except KeyboardInterrupt:
        say("dlcourse: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())

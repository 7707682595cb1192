"""nbgrader operations on the course: build release/, check it is in sync, read a gradebook.

Everything runs the real nbgrader (its command line, ``python -m nbgrader``) in a throw-away
course directory, so the repository never collects a gradebook, submitted/ or autograded/.
Grading a class is :mod:`autograder.grader`.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from . import notebooks as nbs
from .paths import course_root, weeks as all_weeks

SOLUTIONS_PACKAGE = "dlcourse_solutions"


class NbgraderError(RuntimeError):
    pass


def tool_env() -> dict:
    """The environment for nbgrader and kernels: this interpreter's scripts first on PATH
    (nbgrader runs ``alembic`` by name), one BLAS thread per process, no GUI backend."""
    bindir = str(Path(sys.executable).parent)
    return dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""),
                OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", MPLBACKEND="Agg")


def nbgrader(course: Path, *args: str, timeout: float = 1800) -> str:
    """Run ``nbgrader ARGS`` in ``course`` (its own nbgrader_config.py and gradebook)."""
    cmd = [sys.executable, "-m", "autograder._nbgrader_entry", *args, f"--CourseDirectory.root={course}",
           f"--db=sqlite:///{course / 'gradebook.db'}"]
    proc = subprocess.run(cmd, cwd=course, capture_output=True, text=True, timeout=timeout, env=tool_env())
    if proc.returncode != 0:
        raise NbgraderError(f"nbgrader {' '.join(args)} failed (exit {proc.returncode}):\n"
                            f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return proc.stdout + proc.stderr


def make_course(workdir: Path, weeks: Iterable[str], root: Path | None = None) -> Path:
    """A throw-away course directory holding the config and the source of ``weeks``."""
    root = root or course_root()
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / "nbgrader_config.py", workdir / "nbgrader_config.py")
    for week in weeks:
        dst = workdir / "source" / week
        if dst.exists():
            shutil.rmtree(dst)
        shutil.copytree(root / "source" / week, dst,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return workdir


def generate(course: Path, weeks: Iterable[str]) -> None:
    """``nbgrader generate_assignment`` for each week (also records it in the gradebook)."""
    for week in weeks:
        nbgrader(course, "generate_assignment", week, "--force")


# ----------------------------------------------------------------------------- build
def release_problems(notebook: Path) -> list[str]:
    """What must never be in a student's notebook: solutions, hidden tests, outputs, the
    reference package's name."""
    problems = []
    text = notebook.read_text(encoding="utf-8")
    nb = nbs.read(notebook)
    for marker in ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"):
        if marker in text:
            problems.append(f"{notebook.name}: contains {marker!r}")
    if SOLUTIONS_PACKAGE in text:
        problems.append(f"{notebook.name}: names the solutions package {SOLUTIONS_PACKAGE!r}")
    for cell in nb.cells:
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count")):
            problems.append(f"{notebook.name}: cell {nbs.grade_id(cell) or cell.get('id')} has outputs")
            break
        if nbs.is_solution(cell) and "raise NotImplementedError" not in cell.source:
            problems.append(f"{notebook.name}: solution cell {nbs.grade_id(cell)} is not blank")
    return problems


def build(weeks: Iterable[str] | None = None, root: Path | None = None,
          into: Path | None = None, progress: Callable[[str], None] | None = None) -> list[str]:
    """Regenerate ``release/<week>`` from ``source/<week>`` with nbgrader.

    Writes into ``into`` (default: the repository's release/). Returns the problems found
    by :func:`release_problems` (empty when the release is clean).
    """
    root = root or course_root()
    weeks = list(weeks or all_weeks(root))
    target = into or root / "release"
    problems = []
    with tempfile.TemporaryDirectory(prefix="dlcourse-build-") as tmp:
        course = make_course(Path(tmp), weeks, root)
        for week in weeks:
            if progress:
                progress(week)
            generate(course, [week])
            dst = target / week
            if dst.exists():
                shutil.rmtree(dst)
            shutil.copytree(course / "release" / week, dst)
            for nb_path in sorted(dst.glob("*.ipynb")):
                problems += release_problems(nb_path)
    return problems


def release_diff(weeks: Iterable[str] | None = None, root: Path | None = None) -> list[str]:
    """Files of release/ that differ from what nbgrader generates now (empty when in sync)."""
    root = root or course_root()
    weeks = list(weeks or all_weeks(root))
    diffs = []
    with tempfile.TemporaryDirectory(prefix="dlcourse-sync-") as tmp:
        fresh = Path(tmp) / "release"
        build(weeks, root, into=fresh)
        for week in weeks:
            a, b = root / "release" / week, fresh / week
            names = {p.relative_to(a) for p in a.rglob("*") if p.is_file()} if a.exists() else set()
            names |= {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
            for name in sorted(names):
                pa, pb = a / name, b / name
                if not pa.exists():
                    diffs.append(f"release/{week}/{name}: missing (run `dlcourse build {week}`)")
                elif not pb.exists():
                    diffs.append(f"release/{week}/{name}: not generated from source/ (stale file)")
                elif pa.read_bytes() != pb.read_bytes():
                    diffs.append(f"release/{week}/{name}: differs from a fresh build")
    return diffs


# ----------------------------------------------------------------------------- grade
def read_gradebook(course: Path, weeks: Iterable[str]) -> dict:
    """``{(student, week): {test grade_id: score}}`` from a course's gradebook (nbgrader's API)."""
    from nbgrader.api import Gradebook, MissingEntry
    scores: dict = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for week in weeks:
            for student in sorted(s.id for s in gb.students):
                try:
                    sub = gb.find_submission(week, student)
                except MissingEntry:
                    continue
                row = scores.setdefault((student, week), {})
                for nb in sub.notebooks:
                    for grade in sorted(nb.grades, key=lambda x: x.cell_id or 0):
                        row[grade.name] = float(grade.score or 0.0)
    return scores

"""Grading on a real Dask cluster (autograder/grader/cluster.py): a ``distributed.LocalCluster``
of two worker processes grades a mixed class (two weeks: honest, blank, mistaken, an invalid
notebook, a notebook that kills its kernel, a submission holding a link) exactly as the local
engine does — scores, flags, notes, feedback pages; then a worker process is killed with
SIGKILL in the middle of a run, and every submission is still graded exactly once (rows,
stored results, gradebook rows), with the same scores."""
from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

import pytest

from autograder import notebooks as nbs
from autograder.grader.policy import Limits
from autograder.grader.run import grade_submissions
from autograder.mistakes import discover

from conftest import write_submission  # noqa: E402

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow
A, B = "w01_numpy_basics", "w02_logistic_regression"
LIMITS = Limits(timeout=180, cell_timeout=20, recheck_timeout=90)
KILLS_ITS_KERNEL = "import os\nos.kill(os.getpid(), 9)\n"


def _mixed_class(root: Path, submitted: Path) -> None:
    for week in (A, B):
        source = nbs.read(root / "source" / week / f"{week}.ipynb")
        write_submission(submitted, "honest", week, source)
        write_submission(submitted, "blank", week, nbs.read(root / "release" / week / f"{week}.ipynb"))
        wrong = next(c for c in discover(root, [week]) if c.kind == "wrong")
        write_submission(submitted, "mistaken", week, nbs.replace_solution(source, wrong.exercise, wrong.source))
    # a link next to the notebook: left out (never followed), and noted, on both engines
    os.symlink("/etc/passwd", submitted / "honest" / B / "data.txt")
    (submitted / "invalid" / A).mkdir(parents=True)
    (submitted / "invalid" / A / f"{A}.ipynb").write_text("{ this is not a notebook")
    source = nbs.read(root / "source" / A / f"{A}.ipynb")
    first = nbs.exercises(source)[0]
    write_submission(submitted, "crasher", A, nbs.replace_solution(source, first, KILLS_ITS_KERNEL))


def _rows(grades) -> dict:
    return {(g.student, g.week): (g.scores, g.flags) for g in grades}


@pytest.fixture(scope="module")
def graded_here(root, tmp_path_factory):
    """The class, graded by the local engine (the reference the cluster must reproduce)."""
    base = tmp_path_factory.mktemp("cluster-class")
    _mixed_class(root, base / "submitted")
    grades = list(grade_submissions(base / "submitted", base / "local", [A, B], root, workers=2, limits=LIMITS))
    rows = _rows(grades)
    assert len(rows) == 8
    assert not [f for _, flags in rows.values() for f in flags if f.startswith("internal error")], rows
    assert rows[("honest", A)][0] != rows[("mistaken", A)][0] and sum(rows[("blank", A)][0].values()) == 0
    assert any(f.startswith("not a valid notebook") for f in rows[("invalid", A)][1])
    assert rows[("crasher", A)][1], "a kernel that kills itself is flagged"
    return base, grades


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c, distributed.Client(c) as client:
        yield c, client


def test_cluster_grades_as_the_local_engine(root, graded_here, cluster):
    base, here = graded_here
    c, _ = cluster
    there = list(grade_submissions(base / "submitted", base / "cluster", [A, B], root, limits=LIMITS,
                                   cluster=c.scheduler_address))
    assert _rows(there) == _rows(here)
    notes = {(g.student, g.week): [n for n in g.notes if n.startswith("left out")] for g in there}
    assert notes[("honest", B)] == ["left out of the submission: data.txt (a symbolic link)"]
    assert notes == {(g.student, g.week): [n for n in g.notes if n.startswith("left out")] for g in here}
    assert (base / "cluster" / "grades.csv").read_text() == (base / "local" / "grades.csv").read_text()
    pages = lambda out: sorted(p.relative_to(out) for p in (out / "feedback").rglob("*.html"))  # noqa: E731
    assert pages(base / "cluster") == pages(base / "local") and pages(base / "local")
    # resume: nothing is sent again
    again = list(grade_submissions(base / "submitted", base / "cluster", [A, B], root, limits=LIMITS,
                                   cluster=c.scheduler_address))
    assert _rows(again) == _rows(here)
    assert [g.seconds for g in again] == [g.seconds for g in there]


def test_a_worker_killed_mid_run_loses_nothing_and_counts_nothing_twice(root, graded_here, cluster, tmp_path):
    base, here = graded_here
    c, client = cluster
    pids = client.run(os.getpid)
    killed = []

    def say(line: str) -> None:
        if line.startswith("[grade] 2/") and not killed:  # two rows in: kill a worker that is grading
            busy = [addr for addr, keys in client.processing().items() if keys] or list(pids)
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(busy[0])

    db = tmp_path / "gradebook.db"
    out = tmp_path / "out"
    grades = list(grade_submissions(base / "submitted", out, [A, B], root, limits=LIMITS, feedback=False,
                                    cluster=c.scheduler_address, say=say, db=f"sqlite:///{db}"))
    assert killed, "no worker was killed"
    keys = [(g.student, g.week) for g in grades]
    assert len(keys) == len(set(keys)) == len(here)
    assert _rows(grades) == _rows(here)
    assert len(list((out / ".results").glob("*/*.json"))) == len(here)
    with sqlite3.connect(db) as con:
        rows = con.execute("select student.id, assignment.name from submitted_assignment "
                           "join student on student.id = submitted_assignment.student_id "
                           "join assignment on assignment.id = submitted_assignment.assignment_id").fetchall()
    assert sorted(rows) == sorted(keys)

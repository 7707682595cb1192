"""Grading that holds: the tamper bank, the fault bank and honest submissions, through real nbgrader.

All submissions are week 1 variants graded together in one parallel run (as a class would be),
so the test also shows that one bad submission does not hurt the others.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder import notebooks as nbs
from autograder.grader.results import load_results
from autograder.grader.run import grade_submissions
from autograder.grader.policy import Limits
from autograder.mistakes import discover

from conftest import exercise_of, week_points, with_function, write_submission  # noqa: E402

pytestmark = pytest.mark.slow
W = "w01_numpy_basics"
FULL = sum(week_points(W).values())


def ex(function: str) -> str:
    """Week 1's exercise (solution cell) that defines ``function``."""
    return exercise_of(W, function)

WRONG_SIGMOID = "def sigmoid(x):\n    return x\n"
GOOD_L2 = "def L2(yhat, y):\n    return float(((y - yhat) ** 2).sum())\n"

# student -> (function whose definition is replaced, the student's code for it, functions whose
# exercises must score 0, flagged?)
TAMPER_BANK = {
    "t-numpy-isclose": ("sigmoid", "import numpy as np\nnp.isclose = lambda *a, **k: True\n"
                        "np.allclose = lambda *a, **k: True\n" + WRONG_SIGMOID, {"sigmoid", "sigmoid_derivative"}, True),
    "t-check-helpers": ("softmax", "import course.checks as checks\n"
                        "for name in ('check_close', 'compare', 'check_no_warnings', 'check_shape'):\n"
                        "    setattr(checks, name, lambda *a, **k: __import__('contextlib').nullcontext())\n"
                        "def softmax(x):\n    return x\n", {"softmax"}, True),
    "t-builtins-import": ("L1", "import builtins, types\n_real_import = builtins.__import__\n"
                          "fake = types.SimpleNamespace(verify=lambda *a, **k: None)\n"
                          "def _import(name, *args, **kwargs):\n"
                          "    if name == 'dlcourse_solutions.hidden':\n        return fake\n"
                          "    module = _real_import(name, *args, **kwargs)\n"
                          "    if name.startswith('course'):\n"
                          "        module.checks.check_scalar = lambda *a, **k: None\n        module.checks.passed = print\n"
                          "    return module\nbuiltins.__import__ = _import\n"
                          "def L1(yhat, y):\n    return 0.0\n", {"L1"}, True),
    "t-ipython-shell": ("image2vector", "get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)\n"
                        "def image2vector(image):\n    return image.reshape(1, -1)\n", {"image2vector"}, True),
    "t-import-solutions": ("softmax", "import dlcourse_solutions.w01_numpy_basics as _ref\n"
                           "def softmax(x):\n    return _ref.softmax(x)\n", {"softmax"}, True),
    "t-read-solutions": ("normalize_rows", "import importlib.util\n"
                         "_path = importlib.util.find_spec('dlcourse_solutions.w01_numpy_basics').origin\n"
                         "_ns = {}\nexec(open(_path).read(), _ns)\nnormalize_rows = _ns['normalize_rows']\n"
                         "normalize_rows.__module__ = '__main__'\n", {"normalize_rows"}, True),
    "t-hard-coded": ("softmax", "import numpy as np\ndef softmax(x):\n"
                     "    if np.shape(x) == (3,):\n        return np.array([0.09003057, 0.24472847, 0.66524096])\n"
                     "    return np.array([[9.80897665e-01, 8.94462891e-04, 1.79657674e-02, 1.21052389e-04, 1.21052389e-04],\n"
                     "                     [8.78679856e-01, 1.18916387e-01, 8.01252314e-04, 8.01252314e-04, 8.01252314e-04]])\n",
                     {"softmax"}, False),
}

# student -> (function whose definition is replaced, the student's code, functions whose exercises must score 0)
FAULT_BANK = {
    "f-infinite-loop": ("L2", "while True:\n    pass\n", {"L2"}),
    "f-50-gb": ("L2", "import numpy as np\nhuge = np.ones(50 * 2**30 // 8)\n" + GOOD_L2, {"L2"}),
    "f-child-processes": ("L2", "import subprocess, os\nsubprocess.Popen(['sleep', '900'])\n"
                          "if os.fork() == 0:\n    os.setsid()\n    subprocess.Popen(['sleep', '901'])\n    os._exit(0)\n"
                          + GOOD_L2, {"L2"}),
    "f-kill-kernel": ("L1", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n", {"L1"}),
    "f-os-exit": ("L1", "import os\nos._exit(0)\n", {"L1"}),
    "f-print-100mb": ("L2", "print('x' * 100_000_000)\n" + GOOD_L2, {"L2"}),
    "f-write-outside": ("L2", "import glob, os\n"
                        "for p in glob.glob(os.environ.get('DLCOURSE_TEST_OUT', '/nonexistent') + '/**', recursive=True)"
                        " + [os.environ.get('DLCOURSE_TEST_CANARY', '/nonexistent'), '../../../../gradebook.db']:\n"
                        "    try:\n        open(p, 'w').write('spoiled')\n    except Exception as error:\n        print(error)\n"
                        + GOOD_L2, set()),
}


def _write(submitted: Path, student: str, nb) -> None:
    write_submission(submitted, student, W, nb)


@pytest.fixture(scope="module")
def graded(tmp_path_factory, root):
    base = tmp_path_factory.mktemp("class")
    submitted, out = base / "submitted", base / "out"
    canary = base / "canary.txt"
    canary.write_text("intact")
    source = nbs.read(root / "source" / W / f"{W}.ipynb")
    _write(submitted, "honest", source)
    variant = nbs.read(root / "source" / W / f"{W}.ipynb")
    for case in discover(root, [W]):
        if case.kind == "ok":  # correct answers written differently keep every point
            variant = nbs.replace_solution(variant, case.exercise, case.source)
    _write(submitted, "honest-variants", variant)
    for student, (exercise, code, *_rest) in {**TAMPER_BANK, **FAULT_BANK}.items():
        _write(submitted, student, with_function(source, W, exercise, code))
    # locked cells edited, a test cell deleted, metadata inflated
    edited = with_function(source, W, "sigmoid", WRONG_SIGMOID)
    nbs.find_cell(edited, "test_" + ex("sigmoid")).source = "print('all good')"
    edited = with_function(edited, W, "softmax", "def softmax(x):\n    return x\n")
    edited.cells = [c for c in edited.cells if nbs.grade_id(c) != "test_" + ex("softmax")]
    nbs.find_cell(edited, "test_" + ex("L1")).metadata["nbgrader"]["points"] = 100
    intro = nbs.find_cell(edited, "intro")
    intro.metadata["nbgrader"].update(grade=True, points=50)
    _write(submitted, "t-edit-locked-cells", edited)
    (submitted / "f-invalid-json" / W).mkdir(parents=True)
    (submitted / "f-invalid-json" / W / f"{W}.ipynb").write_text('{"cells": [oops')

    import os
    os.environ["DLCOURSE_TEST_OUT"] = str(out)
    os.environ["DLCOURSE_TEST_CANARY"] = str(canary)
    limits = Limits(timeout=180, cell_timeout=10, recheck_timeout=90, memory_mb=3072, max_output_mb=32)
    t0 = time.perf_counter()
    grades = grade_submissions(submitted, out, [W], root, workers=2, limits=limits)
    seconds = time.perf_counter() - t0
    return {g.student: g for g in grades}, out, canary, seconds, submitted, limits


def _zeroed(g):
    return {k.removeprefix("test_") for k, v in g.scores.items() if v < g.max_scores[k]}


def test_honest_submissions_keep_every_point(graded):
    grades = graded[0]
    for student in ("honest", "honest-variants"):
        assert grades[student].total == FULL, (student, grades[student].scores, grades[student].recheck)
        assert not grades[student].flags, grades[student].flags


@pytest.mark.parametrize("student", sorted(TAMPER_BANK))
def test_tampering_is_scored_correctly(graded, student):
    g = graded[0][student]
    _, _, functions, flagged = TAMPER_BANK[student]
    must_zero = {ex(f) for f in functions}
    assert _zeroed(g) == must_zero, (g.scores, g.recheck, g.flags)
    assert g.total == FULL - sum(g.max_scores[f"test_{e}"] for e in must_zero)
    fooled_the_kernel = [e for e in must_zero if g.nbgrader_scores.get(f"test_{e}", 0) > 0]
    if fooled_the_kernel:  # whatever got past nbgrader's in-kernel tests is flagged
        assert any("out-of-kernel" in f for f in g.flags), g.flags
    if flagged:
        assert fooled_the_kernel or not g.flags


def test_edited_locked_cells_and_metadata(graded):
    g = graded[0]["t-edit-locked-cells"]
    points = week_points(W)
    # inflated points ignored; the wrong sigmoid's exercise and the deleted test's lost
    assert g.max_total == FULL and g.total <= FULL - points[ex("sigmoid")] - points[ex("softmax")]
    assert g.scores["test_" + ex("sigmoid")] == 0 and g.scores["test_" + ex("softmax")] == 0
    assert g.scores["test_" + ex("L1")] <= points[ex("L1")]


@pytest.mark.parametrize("student", sorted(FAULT_BANK))
def test_faults_lose_only_what_they_break(graded, student):
    g = graded[0][student]
    must_zero = {ex(f) for f in FAULT_BANK[student][2]}
    assert _zeroed(g) == must_zero, (g.scores, g.recheck, g.flags, g.notes)
    for exercise in must_zero:
        assert g.failures.get(f"test_{exercise}"), "a reason is recorded for the lost points"


def test_invalid_notebook_gets_zero_with_reason(graded):
    g = graded[0]["f-invalid-json"]
    assert g.total == 0 and any("not a valid notebook" in f for f in g.flags)


def test_nothing_outside_the_submission_was_spoiled(graded, root):
    grades, out, canary, *_ = graded
    assert canary.read_text() == "intact"
    assert subprocess.run(["git", "-C", str(root), "diff", "--quiet", "--", "README.md", "source"]).returncode == 0
    stored = {g.student for g in load_results(out)}
    assert stored == set(grades)
    rows = list(csv.DictReader((out / "grades.csv").open()))
    assert len(rows) == len(grades) and all(r["total"] != "spoiled" for r in rows)
    leftovers = subprocess.run(["pgrep", "-f", "sleep 90[01]"], capture_output=True, text=True).stdout.split()
    assert not leftovers, "processes started by a submission survived grading"


def test_grading_time_is_bounded(graded):
    seconds, limits = graded[3], graded[5]
    n = len(graded[0])
    # even with a hanging and a crashing submission, no job runs past its own limits
    assert seconds < n * (limits.timeout + limits.recheck_timeout) / 2


def test_csv_and_report_carry_the_reasons(graded):
    grades, out, *_ = graded
    rows = {r["student"]: r for r in csv.DictReader((out / "grades.csv").open())}
    assert "out-of-kernel" in rows["t-numpy-isclose"]["flags"]
    from autograder.grader.report import write_report
    html = write_report(list(grades.values()), out).read_text()
    assert "t-numpy-isclose" in html and "Flagged submissions" in html and "data:image/png;base64" in html


def test_resume_skips_done_work_and_matches(graded, root):
    grades, out, _, _, submitted, limits = graded
    t0 = time.perf_counter()
    again = grade_submissions(submitted, out, [W], root, workers=2, limits=limits)
    assert time.perf_counter() - t0 < 30, "a re-run regraded finished submissions"
    assert {g.student: g.scores for g in again} == {s: g.scores for s, g in grades.items()}
    assert not list(out.rglob("*.tmp"))

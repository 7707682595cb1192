"""Through the real nbgrader: release/ is what nbgrader generates, the solution scores full
marks and the blank release scores 0."""
import shutil
from pathlib import Path

import pytest

from autograder import pipeline
from autograder.cli import full_and_blank_submissions

from conftest import WEEKS

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("week", WEEKS)
def test_release_in_sync_and_clean(week, root):
    assert pipeline.release_diff([week], root) == []
    assert pipeline.release_problems(root / "release" / week / f"{week}.ipynb") == []


@pytest.mark.parametrize("week", WEEKS)
def test_solution_full_marks_blank_zero(week, root, tmp_path):
    submitted = tmp_path / "submitted"
    full_and_blank_submissions([week], root, submitted)
    grades = {g.student: g for g in pipeline.grade(submitted, tmp_path / "out", [week], root, feedback=False)}
    assert grades["solution"].max_total > 0
    assert grades["solution"].total == grades["solution"].max_total, grades["solution"].scores
    assert grades["blank"].total == 0, grades["blank"].scores
    assert (tmp_path / "out" / "grades.csv").is_file()


def test_release_problems_detects_leaks(root, tmp_path):
    """The build's hygiene check is not a test that cannot fail."""
    src = root / "source" / "w01_numpy_basics" / "w01_numpy_basics.ipynb"
    leaked = tmp_path / "leak.ipynb"
    shutil.copy2(src, leaked)
    problems = " ".join(pipeline.release_problems(leaked))
    for expected in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "dlcourse_solutions", "outputs"):
        assert expected in problems

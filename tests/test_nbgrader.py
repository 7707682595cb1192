"""Through the real nbgrader: release/ is what nbgrader generates, the solution scores full
marks and the blank release scores 0."""
import shutil
from pathlib import Path

import pytest

from autograder import editions, notebooks as nbs, pipeline
from autograder.commands.common import full_and_blank_submissions
from autograder.grader.run import grade_submissions

from conftest import WEEKS

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("week", WEEKS)
def test_release_in_sync_and_clean(week, root):
    assert pipeline.release_diff([week], root) == []
    assert pipeline.release_problems(root / "release" / week / f"{week}.ipynb") == []


@pytest.fixture(scope="module")
def all_weeks_graded(root, tmp_path_factory):
    """Every week's source notebook (student "solution") and blank release (student "blank"),
    graded in one class run, as `dlcourse check` does."""
    base = tmp_path_factory.mktemp("graded")
    full_and_blank_submissions(WEEKS, root, base / "submitted")
    grades = grade_submissions(base / "submitted", base / "out", WEEKS, root, feedback=False, workers=2)
    return {(g.student, g.week): g for g in grades}, base / "out"


@pytest.mark.parametrize("week", WEEKS)
@pytest.mark.parametrize("edition", ["en", "ja"])
def test_solution_full_marks_blank_zero(week, edition, all_weeks_graded, root):
    grades, out = all_weeks_graded
    suffix = "" if edition == "en" else "_ja"
    if ("solution" + suffix, week) not in grades:
        pytest.fail(f"{week} has no {edition} edition in release/") if edition == "en" or \
            editions.has_edition(week, edition, root) else pytest.skip(f"{week}: no {edition} edition yet")
    solution, blank = grades[("solution" + suffix, week)], grades[("blank" + suffix, week)]
    assert solution.edition == blank.edition == edition
    assert solution.max_total > 0
    assert solution.total == solution.max_total, (solution.scores, solution.recheck, solution.flags)
    assert not solution.flags, solution.flags
    assert blank.total == 0, blank.scores
    assert (out / "grades.csv").is_file()


def test_release_problems_detects_leaks(root, tmp_path):
    """The build's hygiene check is not a test that cannot fail."""
    src = root / "source" / "w01_numpy_basics" / "w01_numpy_basics.ipynb"
    leaked = tmp_path / "leak.ipynb"
    nb = nbs.read(src)
    nb.cells[1].source += "\nimport dlcourse_solutions.w01_numpy_basics"  # a notebook naming the reference
    nbs.write(nb, leaked)
    problems = " ".join(pipeline.release_problems(leaked))
    for expected in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "dlcourse_solutions", "outputs"):
        assert expected in problems

"""The dlcourse command: grading a submitted/ folder end to end, honest exit codes."""
import csv
import subprocess
import sys

import pytest

from autograder.cli import main
from autograder import notebooks as nbs
from autograder.mistakes import discover

pytestmark = pytest.mark.slow
from conftest import week_points  # noqa: E402

WEEK = "w01_numpy_basics"


def test_unknown_week_is_an_error(root, capsys):
    with pytest.raises(SystemExit) as info:
        main(["build", "w99_nothing"])
    assert "unknown week" in str(info.value)


def test_help_lists_the_verbs():
    out = subprocess.run([sys.executable, "-m", "autograder.cli", "--help"], capture_output=True, text=True).stdout
    for verb in ("build", "check", "grade", "demo", "mistakes", "execute"):
        assert verb in out


def test_grade_writes_csv_and_feedback(root, tmp_path, capsys):
    submitted = tmp_path / "submitted"
    case = next(c for c in discover(root, [WEEK]) if c.id.endswith("reshape_and_normalize/wrong_normalize_no_keepdims"))
    nb = nbs.replace_solution(nbs.read(root / "source" / WEEK / f"{WEEK}.ipynb"), case.exercise, case.source)
    (submitted / "bob" / WEEK).mkdir(parents=True)
    nbs.write(nb, submitted / "bob" / WEEK / f"{WEEK}.ipynb")
    (submitted / "amy" / WEEK).mkdir(parents=True)
    (submitted / "amy" / WEEK / f"{WEEK}.ipynb").write_bytes(
        (root / "source" / WEEK / f"{WEEK}.ipynb").read_bytes())
    out = tmp_path / "grades"
    assert main(["grade", str(submitted), "--out", str(out), "--db", ""]) == 0
    rows = {r["student"]: r for r in csv.DictReader((out / "grades.csv").open())}
    assert set(rows) == {"amy", "bob"}
    points = week_points(WEEK)
    assert float(rows["amy"]["total"]) == float(rows["amy"]["max_total"]) == sum(points.values())
    assert float(rows["bob"]["test_reshape_and_normalize"]) == 0
    # lost exactly the points of the exercise that defines normalize_rows
    assert float(rows["bob"]["total"]) == sum(points.values()) - points["reshape_and_normalize"]
    assert (out / "feedback" / "bob" / WEEK / f"{WEEK}.html").is_file()
    assert "reshape_and_normalize" in capsys.readouterr().out


def test_demo_on_week_one(root, tmp_path):
    assert main(["demo", "--out", str(tmp_path / "demo"), "--weeks", WEEK]) == 0
    rows = list(csv.DictReader((tmp_path / "demo" / "grades.csv").open()))
    scores = {r["student"]: float(r["total"]) for r in rows}
    points = week_points(WEEK)
    full = sum(points.values())
    assert scores["solution"] == full and scores["blank"] == 0
    assert scores["mistake-keepdims"] == full - points["reshape_and_normalize"]
    assert scores["mistake-overflow"] == full - points["softmax"]

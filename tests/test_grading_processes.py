"""The long-lived grading processes: nbgrader workers and warm re-check sandboxes (zygotes)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from autograder import notebooks as nbs
from autograder.sandbox import bwrap as sandbox
from autograder.grader.submission import hidden_cases
from autograder.grader.policy import Limits
from autograder.grader.worker import _check_each_schema_once, kernel_home
from autograder.grader.recheck import SandboxZygote, recheck, write_cases

from conftest import exercise_of, with_function  # noqa: E402

W = "w01_numpy_basics"


def test_schema_cache_still_rejects_bad_metadata(monkeypatch):
    monkeypatch.setattr(jsonschema, "validate", jsonschema.validate)  # undone after the test
    _check_each_schema_once()
    schema = {"type": "object", "properties": {"points": {"type": "number"}}, "required": ["points"]}
    for _ in range(2):  # the second call uses the cached validator
        jsonschema.validate({"points": 1}, schema)
        with pytest.raises(jsonschema.ValidationError, match="not of type 'number'"):
            jsonschema.validate({"points": "x"}, schema)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({}, schema)


def test_kernel_home_carries_the_font_cache(tmp_path):
    home = kernel_home(tmp_path)
    assert {p.name for p in home.iterdir()} == {"ipython", "matplotlib", "tmp"}
    assert list((home / "matplotlib").glob("fontlist-*.json"))
    assert kernel_home(tmp_path) == home  # made once per run


def _submission(root: Path, tmp_path: Path, name: str, exercise: str | None = None, code: str = "") -> Path:
    nb = nbs.read(root / "source" / W / f"{W}.ipynb")
    if exercise:
        nb = with_function(nb, W, exercise, code)
    path = tmp_path / name / W / f"{W}.ipynb"
    path.parent.mkdir(parents=True)
    nbs.write(nb, path)
    return path


@pytest.mark.skipif(bool(sandbox.availability()), reason="no sandbox on this machine")
def test_zygote_children_are_shut_in_and_lose_only_what_they_break(root, tmp_path):
    """Children of one warm sandbox see no other box, keep nothing between jobs, and one that
    dies or overruns costs only its own exercise; honest code keeps every point."""
    limits = Limits(cell_timeout=5, recheck_timeout=60)
    zygote = SandboxZygote(limits)
    exercises = nbs.exercises(nbs.read(root / "source" / W / f"{W}.ipynb"))
    source = root / "source" / W / f"{W}.ipynb"
    try:
        other_box = zygote.boxes / "box-someone-else"
        other_box.mkdir(parents=True)
        (other_box / "secret.txt").write_text("theirs")
        # wrong (0.0) exactly when it can see another job's box
        spy = ("import os\n_saw = os.path.isdir(%r) and 'box-someone-else' in os.listdir(%r)\n"
               "def L1(yhat, y):\n    return 0.0 if _saw else float(abs(y - yhat).sum())\n") % (str(zygote.boxes), str(zygote.boxes))
        cases = {
            "honest": (None, ""),
            "spy": ("L1", spy),
            "exits": ("L2", "import os\nos._exit(0)\n"),
            "loops": ("L2", "def L2(yhat, y):\n    while True:\n        pass\n"),
        }
        results = {}
        for name, (exercise, code) in cases.items():
            path = _submission(root, tmp_path, name, exercise, code)
            results[name] = recheck(W, source, path, limits, *hidden_cases(W, exercises, 1), zygote=zygote)
        assert all(v.ok for v in results["honest"].verdicts.values()), results["honest"].verdicts
        losses = exercise_of(W, "L2")
        assert results["spy"].verdicts[losses].ok, results["spy"].verdicts[losses]
        assert [k for k, v in results["exits"].verdicts.items() if not v.ok] == [losses]
        assert [k for k, v in results["loops"].verdicts.items() if not v.ok] == [losses]
        # nothing a child did stays in the zygote: a later honest job starts clean
        again = recheck(W, source, _submission(root, tmp_path, "honest-again"), limits,
                        *hidden_cases(W, exercises, 2), zygote=zygote)
        assert all(v.ok for v in again.verdicts.values())
        assert (other_box / "secret.txt").read_text() == "theirs"
    finally:
        zygote.close()
    assert not zygote.boxes.exists()


@pytest.mark.parametrize("seed", [0, 1])
def test_every_exercise_can_be_rechecked_out_of_the_kernel(root, tmp_path, seed):
    """Each graded exercise's probe inputs cross the sandbox transport (JSON + .npz), so no
    exercise silently falls back to nbgrader's in-kernel score."""
    from autograder.paths import weeks
    for week in weeks(root):
        exercises = nbs.exercises(nbs.read(root / "source" / week / f"{week}.ipynb"))
        cases, wants = hidden_cases(week, exercises, seed)
        assert not write_cases(cases, tmp_path / "kernel" / week, wants), week
        assert not write_cases(cases, tmp_path / "recheck" / week), week
        assert sorted(cases) == sorted(exercises), week

"""Shared fixtures. The repository root is the nbgrader course directory."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DLCOURSE_ROOT", str(ROOT))
# nbval's kernels must keep their inline backend (tagged cells compare figure outputs too);
# without a display, matplotlib in the test process itself falls back to Agg.
os.environ.pop("MPLBACKEND", None)
# One BLAS thread per process (nbval's kernels inherit this): the course's small matrices run
# many times faster than with threads that fight over two cores.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

# The grading secret of the test runs: outside the repository, the same for every run.
import tempfile  # noqa: E402
os.environ.setdefault("DLCOURSE_SECRET_FILE", str(Path(tempfile.gettempdir()) / f"dlcourse-test-secret-{os.getuid()}"))

from autograder.paths import weeks as _weeks  # noqa: E402

WEEKS = _weeks(ROOT)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def write_submission(submitted: Path, student: str, week: str, nb) -> Path:
    """``submitted/<student>/<week>/<week>.ipynb``, as nbgrader's collect lays a class out."""
    from autograder import notebooks as nbs
    folder = submitted / student / week
    folder.mkdir(parents=True, exist_ok=True)
    nbs.write(nb, folder / f"{week}.ipynb")
    return folder


def exercise_of(week: str, function: str) -> str:
    """The graded exercise whose solution cell defines ``function`` (a merged exercise, such as
    w01's ``losses``, defines several: its probe's ``parts``)."""
    from autograder.probes import load_probes
    for name, probe in load_probes(week).probes.items():
        if function == name or function in probe.parts:
            return name
    raise KeyError(f"{week}: no exercise defines {function!r}")


def with_function(source_nb, week: str, function: str, code: str):
    """A copy of ``source_nb`` whose cell defining ``function`` runs ``code`` (a student's answer
    for that function, or an attack) in place of the reference's ``function``, followed by the
    reference's definitions of the cell's other parts — so only ``function`` is the student's."""
    import ast
    from autograder import notebooks as nbs
    exercise = exercise_of(week, function)
    cell = nbs.find_cell(source_nb, exercise).source
    others = [ast.get_source_segment(cell, node, padded=True) for node in ast.parse(cell).body
              if not (isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == function)]
    return nbs.replace_solution(source_nb, exercise, "\n\n".join([code.rstrip("\n"), *others]) + "\n")


def week_points(week: str, root: Path = ROOT) -> dict[str, float]:
    """``{exercise: points}`` of a week's source notebook."""
    from autograder import notebooks as nbs
    points = nbs.test_points(nbs.read(root / "source" / week / f"{week}.ipynb"))
    return {k.removeprefix("test_"): v for k, v in points.items()}

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

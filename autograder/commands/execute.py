"""``dlcourse execute WEEK [...]``: run source notebooks in place, storing their outputs (nbval checks them)."""
from __future__ import annotations

import os
import time
from pathlib import Path

from ..paths import course_root
from .common import weeks_verb, say, select_weeks


def add_parser(sub) -> None:
    weeks_verb(sub, "execute", "run source notebooks in place (stores outputs for nbval)", run, nargs="+")


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


def run(args) -> int:
    root = course_root()
    for week in select_weeks(args.weeks, root):
        path = root / "source" / week / f"{week}.ipynb"
        say(f"[execute] {week} ...")
        seconds = execute_notebook(path)
        say(f"[execute] {week}: {seconds:.1f} s, outputs saved")
    return 0

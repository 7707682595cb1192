"""Where the course lives: the repository root holds nbgrader_config.py, source/ and release/."""
from __future__ import annotations

import os
from pathlib import Path


class CourseNotFound(RuntimeError):
    pass


def course_root(start: str | Path | None = None) -> Path:
    """The course directory: ``$DLCOURSE_ROOT``, else the nearest parent holding ``source/``
    and ``nbgrader_config.py``."""
    env = os.environ.get("DLCOURSE_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / "nbgrader_config.py").is_file() and (d / "source").is_dir():
            return d
    raise CourseNotFound(
        f"no course directory above {here}: run dlcourse from the repository root "
        "(the folder with nbgrader_config.py and source/), or set DLCOURSE_ROOT")


def weeks(root: Path | None = None) -> list[str]:
    """The week folders under ``source/``, in order (w01_…, w02_…)."""
    root = root or course_root()
    return sorted(p.name for p in (root / "source").iterdir()
                  if p.is_dir() and p.name[:1] == "w" and (p / f"{p.name}.ipynb").is_file())


def source_notebook(week: str, root: Path | None = None) -> Path:
    return (root or course_root()) / "source" / week / f"{week}.ipynb"


def release_notebook(week: str, root: Path | None = None) -> Path:
    return (root or course_root()) / "release" / week / f"{week}.ipynb"


def mistakes_dir(root: Path | None = None) -> Path:
    return (root or course_root()) / "tests" / "mistakes"

"""Reading, writing and authoring nbgrader notebooks.

Conventions every week follows (the mistake bank, the grader and the checks rely on them):

* a **solution cell** holds exactly one graded exercise; its ``grade_id`` is the exercise's
  name (``sigmoid``, ``Affine``, ``concept_broadcasting``);
* its **test cell** has ``grade_id == "test_" + name``, visible checks first, then the
  hidden block that calls ``autograder.engine.verify``;
* every other cell (text, set-up, demos) is **locked**, so students cannot edit it unseen.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

import nbformat
from nbformat import NotebookNode

HIDDEN_RE = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[ \t]*\n?", re.S | re.M)
SOLUTION_RE = re.compile(r"### BEGIN SOLUTION.*?### END SOLUTION", re.S)

__all__ = [
    "read", "write", "nbgrader_meta", "grade_id", "is_solution", "is_test", "code_cells",
    "find_cell", "replace_solution", "strip_hidden_tests", "md", "code", "solution", "tests",
    "new_notebook", "exercises", "test_points",
]


def read(path: str | Path) -> NotebookNode:
    return nbformat.read(str(path), as_version=4)


def write(nb: NotebookNode, path: str | Path) -> None:
    nbformat.write(nb, str(path))


def nbgrader_meta(cell: NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def grade_id(cell: NotebookNode) -> str | None:
    return nbgrader_meta(cell).get("grade_id")


def is_solution(cell: NotebookNode) -> bool:
    return cell.cell_type == "code" and bool(nbgrader_meta(cell).get("solution"))


def is_test(cell: NotebookNode) -> bool:
    return cell.cell_type == "code" and bool(nbgrader_meta(cell).get("grade")) \
        and not nbgrader_meta(cell).get("solution")


def code_cells(nb: NotebookNode) -> list[NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code"]


def find_cell(nb: NotebookNode, gid: str) -> NotebookNode:
    for cell in nb.cells:
        if grade_id(cell) == gid:
            return cell
    raise KeyError(f"no cell with grade_id {gid!r}")


def exercises(nb: NotebookNode) -> list[str]:
    """Names of the graded exercises (solution cells that have a matching test cell)."""
    tests_ = {grade_id(c) for c in nb.cells if is_test(c)}
    return [grade_id(c) for c in nb.cells if is_solution(c) and f"test_{grade_id(c)}" in tests_]


def test_points(nb: NotebookNode) -> dict[str, float]:
    """``{test grade_id: points}`` in notebook order."""
    return {grade_id(c): float(nbgrader_meta(c).get("points", 0)) for c in nb.cells if is_test(c)}


def replace_solution(nb: NotebookNode, name: str, source: str) -> NotebookNode:
    """A copy of ``nb`` with the solution cell of exercise ``name`` replaced by ``source``."""
    out = nbformat.from_dict(nb)
    cell = find_cell(out, name)
    if not is_solution(cell):
        raise ValueError(f"cell {name!r} is not a solution cell")
    cell.source = source
    return out


def strip_hidden_tests(source: str) -> str:
    """The visible part of a test cell."""
    return HIDDEN_RE.sub("", source)


# ------------------------------------------------------------------------- authoring
def _meta(gid: str, *, solution=False, grade=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": gid, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def md(gid: str, text: str) -> NotebookNode:
    """A locked Markdown cell."""
    return nbformat.v4.new_markdown_cell(text.strip("\n"), metadata=_meta(gid, locked=True))


def code(gid: str, source: str, tags: Iterable[str] = ()) -> NotebookNode:
    """A locked, ungraded code cell (set-up, demos, plots). Tag ``nbval-check-output`` to
    have nbval compare its output."""
    meta = _meta(gid, locked=True)
    if tags:
        meta["tags"] = list(tags)
    return nbformat.v4.new_code_cell(source.strip("\n"), metadata=meta)


def solution(gid: str, source: str) -> NotebookNode:
    """An autograded-answer cell; ``source`` contains ``### BEGIN SOLUTION`` / ``### END SOLUTION``."""
    if "### BEGIN SOLUTION" not in source:
        raise ValueError(f"solution cell {gid!r} has no ### BEGIN SOLUTION marker")
    return nbformat.v4.new_code_cell(source.strip("\n"), metadata=_meta(gid, solution=True))


def tests(gid: str, source: str, points: float, tags: Iterable[str] = ()) -> NotebookNode:
    """A locked test cell worth ``points``; ``gid`` must be ``"test_" + exercise name``."""
    meta = _meta(gid, grade=True, locked=True, points=points)
    if tags:
        meta["tags"] = list(tags)
    return nbformat.v4.new_code_cell(source.strip("\n"), metadata=meta)


def new_notebook(cells: list[NotebookNode]) -> NotebookNode:
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python",
                                 "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    ids = [grade_id(c) for c in cells]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise ValueError(f"duplicate grade_ids: {sorted(dup)}")
    return nb

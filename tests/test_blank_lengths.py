"""Every blank asks for 3–15 lines of code: enough to be worth a test, few enough to be one step.

A blank's length is the number of lines of the reference answer between ``### BEGIN
SOLUTION`` and ``### END SOLUTION`` (all regions of the cell), not counting blank lines and
comment lines — what a student has to write. Concept questions (one assignment) are exempt.
Run ``pytest tests/test_blank_lengths.py -s`` to see the report of every blank.
"""
from __future__ import annotations

import re

import pytest

from autograder import notebooks as nbs
from autograder.paths import source_notebook

from conftest import WEEKS

SHORTEST, LONGEST = 3, 15
REGION = re.compile(r"### BEGIN SOLUTION[^\n]*\n(.*?)### END SOLUTION", re.S)


def blank_length(source: str) -> int:
    """Lines a student writes in a solution cell (code lines of every solution region)."""
    return sum(1 for region in REGION.findall(source) for line in region.splitlines()
               if line.strip() and not line.strip().startswith("#"))


def blank_lengths(week: str, root) -> dict[str, int]:
    nb = nbs.read(source_notebook(week, root))
    return {nbs.grade_id(c): blank_length(c.source) for c in nb.cells
            if nbs.is_solution(c) and not nbs.grade_id(c).startswith("concept_")}


def test_blank_length_counts_code_lines_only():
    cell = ("def f(x):\n    ### BEGIN SOLUTION\n    # a comment\n\n    y = x\n    return y\n"
            "    ### END SOLUTION\n    ### BEGIN SOLUTION\n    z = 1\n    ### END SOLUTION\n")
    assert blank_length(cell) == 3


@pytest.mark.parametrize("week", WEEKS)
def test_every_blank_is_3_to_15_lines(week, root):
    lengths = blank_lengths(week, root)
    print(f"\n{week}: " + ", ".join(f"{name} {n}" for name, n in lengths.items()))
    wrong = {name: n for name, n in lengths.items() if not SHORTEST <= n <= LONGEST}
    assert not wrong, (f"{week}: blanks outside {SHORTEST}–{LONGEST} lines: {wrong} — merge a one-liner "
                       "into its neighbour, split a long one into graded sub-steps")

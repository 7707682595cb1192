"""Every blank a student fills in says what to write there, and a concept question's feedback
explains its answer.

A student may run a test cell before filling in the cell above it: every name the test reads
must then be one they were told about — bound by a locked cell (set-up, a given helper), or
named in the blank solution cell itself or in the text right above it. A name that only the
locked test mentions ("answer_rank1_choices") is a NameError the student cannot decode.
"""
from __future__ import annotations

import builtins
import importlib
import re

import numpy as np
import pytest

from autograder import notebooks as nbs
from autograder.engine import verify
from autograder.grader.recheck import _names
from autograder.paths import release_notebook
from autograder.probes import load_probes
from course.checks import CheckError

from conftest import WEEKS

BUILTINS = set(dir(builtins)) | {"get_ipython", "display"}


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", text) is not None


def _text_before(cells, i: int) -> str:
    """The Markdown cells right above cell ``i`` (back to the previous code cell)."""
    j = i
    while j > 0 and cells[j - 1].cell_type == "markdown":
        j -= 1
    return "\n".join(c.source for c in cells[j:i])


def blank_problems(nb) -> list[str]:
    """The names test cells read that the student was never shown where they must be set."""
    cells = nb.cells
    locked_bound: set = set()
    for cell in cells:
        if cell.cell_type == "code" and not nbs.is_solution(cell):
            locked_bound |= (_names(cell.source) or (set(), set()))[0]
    solutions = {nbs.grade_id(c): i for i, c in enumerate(cells) if nbs.is_solution(c)}
    problems = []
    for cell in cells:
        if not nbs.is_test(cell):
            continue
        gid = nbs.grade_id(cell)
        names = _names(cell.source)
        assert names is not None, f"{gid}: the test cell does not parse"
        exercise = gid[len("test_"):]
        assert exercise in solutions, f"{gid}: no solution cell {exercise}"
        i = solutions[exercise]
        shown = cells[i].source + "\n" + _text_before(cells, i)
        for name in sorted(names[1] - locked_bound - BUILTINS):
            if not _mentions(shown, name):
                problems.append(f"{gid} reads `{name}`, which neither a locked cell defines nor the "
                                f"blank cell {exercise} (or the text above it) names")
    return problems


@pytest.mark.parametrize("week", WEEKS)
def test_every_name_a_test_reads_is_shown_to_the_student(week, root):
    assert blank_problems(nbs.read(release_notebook(week, root))) == []


@pytest.mark.parametrize("week", WEEKS)
def test_concept_blanks_keep_their_variable(week, root):
    """A concept question's blank shows the variable with its type and an example, outside the
    solution region, and the text above the question names it."""
    release = nbs.read(release_notebook(week, root))
    probes = load_probes(week)
    concepts = [n for n in nbs.exercises(release) if n.startswith("concept_")]
    assert concepts, f"{week} has no concept question"
    for name in concepts:
        variable = probes[name].variable
        i = next(k for k, c in enumerate(release.cells) if nbs.grade_id(c) == name)
        blank = release.cells[i].source
        assert variable in (_names(blank) or (set(), set()))[0], \
            f"{name}: the blank cell must assign `{variable} = None` before YOUR CODE HERE"
        comment = next((line for line in blank.splitlines() if line.startswith(f"# {variable}:")), "")
        assert "e.g." in comment, f"{name}: the blank must say `# {variable}: <type>, e.g. <example>`"
        assert _mentions(_text_before(release.cells, i), variable), \
            f"{name}: the question's text must say which variable to set ({variable})"
        assert "raise NotImplementedError()" in blank


def test_blank_problems_can_fail():
    """The check is not one that cannot fail: a concept blank without its name is caught."""
    nb = nbs.new_notebook([
        nbs.code("setup", "from course.checks import check_type"),
        nbs.md("q", "### 確認テスト — which are true? Give a set of numbers."),
        nbs.solution("concept_x", "### BEGIN SOLUTION\nanswer_x = {1}\n### END SOLUTION"),
        nbs.tests("test_concept_x", 'check_type(answer_x, set, "answer_x")\n'
                  '### BEGIN HIDDEN TESTS\n### END HIDDEN TESTS', 1),
    ])
    nb.cells[2].source = "# YOUR CODE HERE\nraise NotImplementedError()"
    assert len(blank_problems(nb)) == 1 and "`answer_x`" in blank_problems(nb)[0]
    nb.cells[2].source = "# answer_x: a set, e.g. {2}\nanswer_x = None\n" + nb.cells[2].source
    assert blank_problems(nb) == []


# ----------------------------------------------------------------------------- explanations
def concept_probes():
    for week in WEEKS:
        for probe in load_probes(week):
            if probe.name.startswith("concept_"):
                yield week, probe.name


def _wrong(value):
    """A wrong answer of the right format."""
    if isinstance(value, (set, frozenset)):
        return set(value) ^ {1}
    if isinstance(value, tuple):
        return tuple(n + 1 for n in value)
    if isinstance(value, int):
        return value + 1
    return value * 2 + 1.0


def test_every_concept_question_is_probed(root):
    """Every concept question of every week has its probe, and no probe is left without a question."""
    cells = {(week, name) for week in WEEKS for name in nbs.exercises(nbs.read(release_notebook(week, root)))
             if name.startswith("concept_")}
    assert cells and set(concept_probes()) == cells


@pytest.mark.parametrize("week,name", list(concept_probes()))
def test_concept_probe_explains_its_answer(week, name):
    probe = load_probes(week)[name]
    explanation = probe.explanation
    assert explanation and explanation.strip() and len(explanation) >= 40, f"{name}: no explanation"
    assert probe.variable.startswith("answer_")
    reference = dict(vars(importlib.import_module(f"dlcourse_solutions.{week}")))
    right = reference[probe.variable]
    verify(week, name, reference, own_code=False)  # the right answer passes
    reference[probe.variable] = _wrong(right)
    with pytest.raises(CheckError) as caught:
        verify(week, name, reference, own_code=False)
    message = str(caught.value)
    assert explanation in message
    assert message.startswith(f"{probe.variable} = {_wrong(right)!r} is not right")
    assert repr(right) not in message.replace(explanation, ""), "the message reveals the value itself"


def test_unanswered_concept_question_explains_too():
    probe = load_probes("w01_numpy_basics")["concept_rank1"]
    with pytest.raises(CheckError, match="is not right") as caught:
        verify("w01_numpy_basics", "concept_rank1", {"answer_rank1_choices": None}, own_code=False)
    assert probe.explanation in str(caught.value)


def test_numeric_concept_answers_within_tolerance_pass():
    verify("w06_init_regularization_gradcheck", "concept_he_std", {"answer_he_std": float(np.sqrt(2 / 50))})
    verify("w08_batchnorm_tuning", "concept_beta_uniform_fraction", {"answer_beta_uniform_fraction": 0.091})


def test_an_unanswered_blank_says_what_to_do():
    """The visible format check of a blank still at None says to answer, not to `return`."""
    from course.checks import check_type
    with pytest.raises(CheckError, match="replace None with your answer"):
        check_type(None, (set, frozenset), "answer_rank1_choices")
    with pytest.raises(CheckError, match="return"):
        check_type(None, float, "sigmoid(x)")

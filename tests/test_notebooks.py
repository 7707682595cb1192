"""Every source notebook follows the course conventions (docs/authoring.md) and the contract."""
import importlib
import re

import pytest

from autograder import notebooks as nbs
from autograder.mistakes import discover
from autograder.paths import source_notebook
from autograder.probes import load_probes

from conftest import WEEKS

HIDDEN_CALL = re.compile(r'verify\("(?P<week>\w+)", "(?P<name>\w+)", globals\(\)\)')


@pytest.fixture(params=WEEKS)
def week(request):
    return request.param


def test_cells_follow_the_conventions(week, root):
    nb = nbs.read(source_notebook(week, root))
    solutions = [c for c in nb.cells if nbs.is_solution(c)]
    tests_ = {nbs.grade_id(c): c for c in nb.cells if nbs.is_test(c)}
    assert solutions, "a week without graded exercises"
    for cell in solutions:
        name = nbs.grade_id(cell)
        assert "### BEGIN SOLUTION" in cell.source, f"{name}: no solution markers"
        assert f"test_{name}" in tests_, f"solution cell {name} has no test cell test_{name}"
    for gid, cell in tests_.items():
        meta = nbs.nbgrader_meta(cell)
        assert meta.get("locked") and meta.get("points", 0) > 0, f"{gid}: test cells are locked and worth points"
        match = HIDDEN_CALL.search(cell.source)
        assert match and match["week"] == week and f"test_{match['name']}" == gid, \
            f"{gid}: the hidden block must call verify({week!r}, {gid[5:]!r}, globals())"
        visible = nbs.strip_hidden_tests(cell.source)
        assert "dlcourse_solutions" not in visible, f"{gid}: visible tests must not use the solutions"
        assert "### BEGIN HIDDEN TESTS" in cell.source
    for cell in nb.cells:
        if not nbs.is_solution(cell):
            assert nbs.nbgrader_meta(cell).get("locked"), \
                f"cell {nbs.grade_id(cell) or cell.get('id')} must be locked"


def test_every_exercise_has_reference_and_probe(week):
    nb = nbs.read(source_notebook(week))
    reference = importlib.import_module(f"dlcourse_solutions.{week}")
    probes = load_probes(week)
    for name in nbs.exercises(nb):
        assert name in probes.probes, f"no probe for {name}"
        if not name.startswith("concept_"):
            for part in probes[name].parts or (name,):  # a merged exercise: each of its parts
                assert hasattr(reference, part), f"the reference module has no {part}"


def _numbered_sections(nb):
    """[(title, cells)] for every "## <number>." section, each up to the next "## " heading."""
    sections, current = [], None
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            current = None
            if re.match(r"## \d", cell.source):
                current = (cell.source.splitlines()[0], [])
                sections.append(current)
        if current is not None:
            current[1].append(cell)
    return sections


def _shows_picture(cell):
    return cell.cell_type == "code" and any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))


# w01 (NumPy basics) teaches shapes, broadcasting and dtypes in text and printed arrays; every
# later week draws at least one picture in each numbered section.
TEXT_ONLY_SECTIONS_ALLOWED = {"w01_numpy_basics"}


def test_japanese_summaries_and_pictures(week):
    nb = nbs.read(source_notebook(week))
    sections = _numbered_sections(nb)
    assert len(sections) >= 2, "expected numbered sections (## 1. …)"
    summary = re.compile(r"<details>\s*<summary>.*日本語まとめ", re.S)
    for title, cells in sections:
        summaries = [j for j, c in enumerate(cells) if c.cell_type == "markdown" and summary.search(c.source)]
        assert summaries, f"{title}: no collapsible 日本語まとめ"
        assert summaries[-1] == len(cells) - 1, f"{title}: cells follow its 日本語まとめ (it must close the section)"
        if week not in TEXT_ONLY_SECTIONS_ALLOWED:
            assert any(_shows_picture(c) for c in cells), f"{title}: no picture (run `dlcourse execute`?)"
    assert any(_shows_picture(c) for c in nb.cells), "the committed source notebook shows no picture"


def test_mistake_bank_counts(week):
    nb = nbs.read(source_notebook(week))
    cases = discover(weeks=[week])
    for name in nbs.exercises(nb):
        if name.startswith("concept_"):
            continue
        wrong = [c for c in cases if c.exercise == name and c.kind == "wrong"]
        ok = [c for c in cases if c.exercise == name and c.kind == "ok"]
        assert len(wrong) >= 3 and len(ok) >= 1, f"{name}: {len(wrong)} wrong / {len(ok)} ok cases (need 3 / 1)"
    known = set(nbs.exercises(nb))
    stray = {c.exercise for c in cases} - known
    assert not stray, f"mistake-bank folders for exercises the notebook does not have: {stray}"

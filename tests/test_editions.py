"""The Japanese edition: made from the English source, complete, never stale, same code."""
from __future__ import annotations

import pytest

from autograder import editions, notebooks as nbs
from autograder.paths import source_notebook

from conftest import WEEKS


@pytest.mark.parametrize("week", WEEKS)
def test_every_cell_translated_and_none_stale(week, root):
    assert editions.has_edition(week, "ja", root), f"{week}: no {editions.translation_path(week, root).name}"
    assert editions.problems(week, root) == []


@pytest.mark.parametrize("week", WEEKS)
def test_japanese_edition_has_the_english_code(week, root):
    if not editions.has_edition(week, "ja", root) or editions.problems(week, root):
        pytest.skip("incomplete translation (reported by the test above)")
    en = nbs.read(source_notebook(week, root))
    ja = editions.edition_notebook(week, "ja", root)
    assert nbs.grade_id(ja.cells[0]) == editions.LANGUAGE_CELL
    assert editions.edition_of(ja) == "ja"
    assert [c.cell_type for c in ja.cells[1:]] == [c.cell_type for c in en.cells]
    for a, b in zip(en.cells, ja.cells[1:]):
        assert nbs.grade_id(a) == nbs.grade_id(b)
        assert a.metadata == b.metadata
        if a.cell_type == "code":
            assert a.source == b.source, f"{week}/{nbs.grade_id(a)}: code differs between editions"
        else:
            assert a.source != b.source or not a.source.strip(), f"{week}/{nbs.grade_id(a)}: untranslated"


def test_stale_and_missing_translations_are_reported(tmp_path, root):
    import shutil
    week = WEEKS[0]
    course = tmp_path / "course"
    (course / "source").mkdir(parents=True)
    shutil.copytree(root / "source" / week, course / "source" / week)
    (course / "source" / week / f"{week}.ja.yaml").unlink(missing_ok=True)
    shutil.copy2(root / "nbgrader_config.py", course)
    nb = nbs.read(source_notebook(week, course))
    first = next(c for c in nb.cells if c.cell_type == "markdown")
    assert any("no translation" in p for p in editions.problems(week, course))
    todo = editions.update(week, course)
    assert todo and all("TODO" in p for p in todo)
    # translate everything, then change one English cell: exactly that cell is stale
    entries = editions.load(week, course)
    for gid in entries:
        entries[gid]["ja"] = "訳"
    editions.translation_path(week, course).write_text(editions._dump(entries), encoding="utf-8")
    assert editions.problems(week, course) == []
    first.source += "\nOne more sentence."
    nbs.write(nb, source_notebook(week, course))
    stale = editions.problems(week, course)
    assert len(stale) == 1 and "stale" in stale[0] and nbs.grade_id(first) in stale[0]
    editions.update(week, course, accept=[nbs.grade_id(first)])
    assert editions.problems(week, course) == []

"""Grading a class where some students submitted the English and some the Japanese edition of
the same week: the same code gets the same scores, and a Japanese submission's feedback is the
Japanese edition's text. Runs on a throw-away copy of the course whose week has a stand-in
translation, so it does not depend on how far the real translation has got."""
from __future__ import annotations

import shutil

import pytest

from autograder import editions, notebooks as nbs, pipeline
from autograder.grader.policy import Limits
from autograder.grader.run import grade_submissions
from autograder.mistakes import discover

from conftest import write_submission

pytestmark = pytest.mark.slow
W = "w02_logistic_regression"
MARK = "（日本語版のテキスト）"
LIMITS = Limits(timeout=180, cell_timeout=30, recheck_timeout=90)


@pytest.fixture(scope="module")
def course(root, tmp_path_factory):
    """A course holding only week W, with every Markdown cell 'translated' (MARK + English)."""
    base = tmp_path_factory.mktemp("editions") / "course"
    (base / "source").mkdir(parents=True)
    shutil.copy2(root / "nbgrader_config.py", base)
    shutil.copytree(root / "source" / W, base / "source" / W)
    editions.translation_path(W, base).unlink(missing_ok=True)
    editions.update(W, base)
    entries = editions.load(W, base)
    for entry in entries.values():
        entry["ja"] = MARK + "\n" + entry["ja"].removeprefix(editions.TODO).strip()
    editions.translation_path(W, base).write_text(editions._dump(entries), encoding="utf-8")
    assert pipeline.build([W], base) == []
    assert (base / "release" / W / editions.notebook_name(W, "ja")).is_file()
    return base


def _put(submitted, student, nb, edition):
    folder = submitted / student / W
    folder.mkdir(parents=True, exist_ok=True)
    nbs.write(nb, folder / editions.notebook_name(W, edition))


def test_same_code_same_scores_in_both_editions(course, tmp_path):
    en_source = nbs.read(course / "source" / W / f"{W}.ipynb")
    ja_source = editions.edition_notebook(W, "ja", course)
    wrong = next(c for c in discover(None, [W]) if c.kind == "wrong" and not c.exercise.startswith("concept_"))
    submitted = tmp_path / "submitted"
    for edition, source, release in (("en", en_source, f"{W}.ipynb"), ("ja", ja_source, f"{W}.ja.ipynb")):
        _put(submitted, f"full_{edition}", source, edition)
        _put(submitted, f"wrong_{edition}", nbs.replace_solution(source, wrong.exercise, wrong.source), edition)
        _put(submitted, f"blank_{edition}", nbs.read(course / "release" / W / release), edition)
    # a student who sent both editions is graded on the English one, and told so
    _put(submitted, "both", en_source, "en")
    _put(submitted, "both", nbs.read(course / "release" / W / f"{W}.ja.ipynb"), "ja")
    grades = {g.student: g for g in grade_submissions(submitted, tmp_path / "out", [W], course, workers=2,
                                                       limits=LIMITS, feedback=True)}
    for kind in ("full", "wrong", "blank"):
        en, ja = grades[f"{kind}_en"], grades[f"{kind}_ja"]
        assert (en.edition, ja.edition) == ("en", "ja")
        assert en.scores == ja.scores, (kind, en.scores, ja.scores)
        assert en.flags == ja.flags == []
    assert grades["full_en"].total == grades["full_en"].max_total > grades["wrong_en"].total > 0
    assert grades["blank_ja"].total == 0
    assert grades["both"].edition == "en" and grades["both"].total == grades["full_en"].total
    assert any("both editions" in n for n in grades["both"].notes)
    # feedback: the Japanese edition's text for a Japanese submission, the English one otherwise
    feedback = tmp_path / "out" / "feedback"
    ja_page = (feedback / "wrong_ja" / W / f"{W}.html").read_text(encoding="utf-8")
    en_page = (feedback / "wrong_en" / W / f"{W}.html").read_text(encoding="utf-8")
    assert MARK in ja_page and MARK not in en_page
    # the reasons a student reads are in their edition's language
    test_id = f"test_{wrong.exercise}"
    ja_reason = grades["wrong_ja"].failures[test_id]
    assert any("\u3040" <= ch <= "\u30ff" for ch in ja_reason), ja_reason
    en_reason = grades["wrong_en"].failures[test_id]
    assert not any("\u3040" <= ch <= "\u30ff" for ch in en_reason), (en_reason, ja_reason)

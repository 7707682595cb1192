"""One glossary (course/glossary.yaml), used by every week: each week's 用語 table holds the
glossary's terms, and no Japanese text of the course uses a variant the glossary rules out."""
from __future__ import annotations

import re

import pytest

from autograder import editions, notebooks as nbs
from autograder.paths import source_notebook
from course import glossary

from conftest import WEEKS


def japanese_texts(week: str, root) -> dict[str, str]:
    """``{where: text}`` of every Japanese text of a week: its Markdown (the 日本語まとめ) and
    the Japanese edition's translations."""
    nb = nbs.read(source_notebook(week, root))
    texts = {f"{week}/{nbs.grade_id(c)}": c.source for c in nb.cells if c.cell_type == "markdown"}
    for gid, entry in editions.load(week, root).items():
        texts[f"{week}/{gid} (ja edition)"] = str((entry or {}).get("ja", ""))
    return texts


def test_the_glossary_is_one_to_one():
    entries = glossary.terms()
    english = [e["en"] for e in entries]
    japanese = [e["ja"] for e in entries]
    assert len(set(english)) == len(english), "an English term twice"
    assert len(set(japanese)) == len(japanese), "a Japanese term twice"
    for e in entries:
        clash = set(e["avoid"]) & set(japanese)
        assert not clash, f"{e['en']}: avoids {clash}, another entry's term"


def test_table_round_trip():
    text = "#### 用語\n" + glossary.table(["learning rate", "gradient check"]) + "\n\nmore"
    assert glossary.table_rows(text) == [("learning rate", "学習率"), ("gradient check", "勾配確認")]
    assert glossary.table_rows("no table here") is None


@pytest.mark.parametrize("week", WEEKS)
def test_week_has_a_glossary_table_of_glossary_terms(week, root):
    nb = nbs.read(source_notebook(week, root))
    tables = [glossary.table_rows(c.source) for c in nb.cells if c.cell_type == "markdown"]
    tables = [t for t in tables if t is not None]
    assert tables, f"{week} has no 用語 table (a Markdown table headed `{glossary.TABLE_HEADER}`)"
    known = {e["en"]: e["ja"] for e in glossary.terms()}
    for rows in tables:
        assert rows, f"{week}: an empty 用語 table"
        for en, ja in rows:
            assert en in known, f"{week}: {en!r} is in its 用語 table but not in course/glossary.yaml"
            assert ja == known[en], f"{week}: {en!r} is {ja!r} in its 用語 table, {known[en]!r} in the glossary"


@pytest.mark.parametrize("week", WEEKS)
def test_no_variant_the_glossary_rules_out(week, root):
    banned = {v: e for e in glossary.terms() for v in e["avoid"]}
    found = [f"{where}: {variant!r} (the glossary says {e['ja']!r} for {e['en']!r})"
             for where, text in japanese_texts(week, root).items()
             for variant, e in banned.items() if variant in text]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("week", WEEKS)
def test_week_glossary_terms_appear_in_the_japanese_edition(week, root):
    """A term a week lists is the term its Japanese edition uses."""
    if not editions.has_edition(week, "ja", root):
        pytest.skip(f"{week} has no Japanese edition yet")
    nb = nbs.read(source_notebook(week, root))
    rows = [r for c in nb.cells if c.cell_type == "markdown" for r in (glossary.table_rows(c.source) or [])]
    body = "\n".join(str((e or {}).get("ja", "")) for e in editions.load(week, root).values())
    prose = re.sub(r"^\|.*\|$", "", body, flags=re.M)  # outside the 用語 table itself
    missing = [ja for _, ja in rows if ja not in prose]
    assert not missing, f"{week}: its 用語 table lists {missing}, which its Japanese text never uses"

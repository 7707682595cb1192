"""The course's one glossary, English ↔ 日本語 (``course/glossary.yaml``).

Every week shows its terms in a 用語 table, a Markdown table whose header row is
``| English | 日本語 |``; :func:`table` writes one from the glossary and :func:`table_rows`
reads one back (tests/test_glossary.py checks every week's table and Japanese text).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

__all__ = ["terms", "japanese", "table", "table_rows", "TABLE_HEADER"]

TABLE_HEADER = "| English | 日本語 |"
_ROW = re.compile(r"^\|\s*(.+?)\s*\|\s*(.+?)\s*\|\s*$")


@functools.lru_cache(maxsize=1)
def terms() -> tuple[dict, ...]:
    """The glossary's entries: ``{"en", "ja", "avoid": [...], "note"}`` each, in course order."""
    import yaml
    data = yaml.safe_load((Path(__file__).with_name("glossary.yaml")).read_text(encoding="utf-8"))
    return tuple({"avoid": [], "note": "", **entry} for entry in data["terms"])


def japanese(en: str) -> str:
    """The Japanese term for ``en`` (KeyError when the glossary has none)."""
    for entry in terms():
        if entry["en"] == en:
            return entry["ja"]
    raise KeyError(f"{en!r} is not in course/glossary.yaml")


def table(english_terms: list[str]) -> str:
    """The Markdown 用語 table of ``english_terms`` (for authors writing a week's table)."""
    rows = [TABLE_HEADER, "|---|---|"] + [f"| {en} | {japanese(en)} |" for en in english_terms]
    return "\n".join(rows)


def table_rows(markdown: str) -> list[tuple[str, str]] | None:
    """The ``(english, japanese)`` rows of the 用語 table in ``markdown``, or None if it has none."""
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        if line.strip().replace("  ", " ") == TABLE_HEADER:
            rows = []
            for row in lines[i + 2:]:
                match = _ROW.match(row.strip())
                if not match:
                    break
                rows.append((match.group(1).strip("` "), match.group(2)))
            return rows
    return None

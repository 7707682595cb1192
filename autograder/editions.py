"""The course's editions: English (the source notebooks) and Japanese (made from them).

A week's Japanese edition is its English source notebook with every Markdown cell replaced
by its translation, and one cell added in front that selects Japanese messages. Code cells
and test cells are the English edition's, byte for byte: there is one source of truth, and a
Japanese submission is graded by the same tests, for the same points.

Translations live beside the source, in ``source/<week>/<week>.ja.yaml``::

    cells:
      intro:                      # the Markdown cell's grade_id
        en: 3f2a9c1d04be          # hash of the English text this translates (text_hash)
        ja: |
          # 第1週 — Python と NumPy の基礎
          ...

:func:`problems` reports Markdown cells with no translation and translations of English text
that has changed since (stale); ``dlcourse translate WEEK`` lists them, adds entries for new
cells, and records the new hash once a translation is brought up to date.

In ``release/<week>/`` the Japanese edition is ``<week>.ja.ipynb`` beside ``<week>.ipynb``; a
student submits either (see :func:`submitted_notebooks`).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from . import notebooks as nbs
from .paths import course_root, source_notebook

EDITIONS = ("en", "ja")
LANGUAGE_CELL = "edition_language"   # grade_id of the Japanese edition's first cell
TODO = "TODO(translate)"             # what a new entry holds until it is translated
LANGUAGE_SOURCE = ('# 日本語版: メッセージを日本語で表示します (Japanese edition: messages in Japanese)\n'
                   'import course.i18n\n'
                   'course.i18n.set_language("ja")')


def notebook_name(week: str, edition: str) -> str:
    """The file a student opens and submits: ``<week>.ipynb`` or ``<week>.ja.ipynb``."""
    return f"{week}.ipynb" if edition == "en" else f"{week}.{edition}.ipynb"


def translation_path(week: str, root: Path | None = None, edition: str = "ja") -> Path:
    return (root or course_root()) / "source" / week / f"{week}.{edition}.yaml"


def text_hash(text: str) -> str:
    """The hash a translation records of the English text it translates."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]


def load(week: str, root: Path | None = None, edition: str = "ja") -> dict:
    """``{grade_id: {"en": hash, "ja": text}}`` (empty when the week has no translation file)."""
    import yaml
    path = translation_path(week, root, edition)
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return dict(data.get("cells") or {})


def markdown_cells(nb: NotebookNode) -> list[NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "markdown"]


def problems(week: str, root: Path | None = None, edition: str = "ja") -> list[str]:
    """Why the ``edition`` of ``week`` cannot be built as it stands (empty when it can)."""
    nb = nbs.read(source_notebook(week, root))
    entries = load(week, root, edition)
    out = []
    ids = set()
    for cell in markdown_cells(nb):
        gid = nbs.grade_id(cell)
        ids.add(gid)
        entry = entries.get(gid)
        if not isinstance(entry, dict) or not str(entry.get(edition) or "").strip():
            out.append(f"{week}/{gid}: no translation")
        elif TODO in str(entry.get(edition)):
            out.append(f"{week}/{gid}: not translated yet ({TODO})")
        elif entry.get("en") != text_hash(cell.source):
            out.append(f"{week}/{gid}: stale — the English text changed since it was translated "
                       f"(update the translation, then `dlcourse translate {week} --accept {gid}`)")
    for gid in sorted(set(entries) - ids):
        out.append(f"{week}/{gid}: translates a cell the source no longer has")
    return out


def edition_notebook(week: str, edition: str, root: Path | None = None) -> NotebookNode:
    """The source notebook of ``week`` in ``edition`` (what nbgrader generates its release from)."""
    nb = nbs.read(source_notebook(week, root))
    if edition == "en":
        return nb
    missing = problems(week, root, edition)
    if missing:
        raise ValueError(f"the {edition} edition of {week} cannot be built:\n  " + "\n  ".join(missing))
    entries = load(week, root, edition)
    for cell in markdown_cells(nb):
        cell.source = str(entries[nbs.grade_id(cell)][edition]).strip("\n")
    nb.cells.insert(0, nbs.code(LANGUAGE_CELL, LANGUAGE_SOURCE))
    nb.cells[0].id = LANGUAGE_CELL  # a fixed id, not a random one: every build is the same
    nb.metadata.setdefault("dlcourse", {})["edition"] = edition
    return nb


def write_edition_source(week: str, edition: str, course: Path, root: Path | None = None) -> None:
    """Put the ``edition`` source of ``week`` into a throw-away nbgrader ``course`` (under the
    week's own notebook name, so nbgrader sees the same assignment and notebook)."""
    if edition != "en":
        nbs.write(edition_notebook(week, edition, root), course / "source" / week / f"{week}.ipynb")


def edition_of(nb: NotebookNode) -> str:
    """The edition a notebook says it is (``"en"`` when it says nothing)."""
    edition = nb.metadata.get("dlcourse", {}).get("edition", "en")
    return edition if edition in EDITIONS else "en"


def has_edition(week: str, edition: str, root: Path | None = None) -> bool:
    return edition == "en" or translation_path(week, root, edition).is_file()


def submitted_notebooks(files: list[str], week: str) -> list[tuple[str, str]]:
    """``[(relative path, edition)]`` of the week's notebooks among a submission's ``files``, in
    :data:`EDITIONS` order: a student submits one edition; one who submitted both is graded on
    the first, the English notebook (the source of truth), and the row says so."""
    return [(notebook_name(week, edition), edition) for edition in EDITIONS
            if notebook_name(week, edition) in files]


# ----------------------------------------------------------------------------- authoring
def _dump(entries: dict) -> str:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper, value):
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)
    Dumper.add_representer(str, text)
    header = ("# The Japanese edition's Markdown, one entry per cell of the English source (by grade_id).\n"
              "# `en` is the hash of the English text translated; `dlcourse translate WEEK` lists what is\n"
              "# missing or stale. Terms: course/glossary.yaml. Style: です・ます.\n")
    return header + yaml.dump({"cells": entries}, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)


def update(week: str, root: Path | None = None, edition: str = "ja", accept: list[str] = ()) -> list[str]:
    """Add an entry (holding :data:`TODO` and the English text) for every untranslated cell,
    record the current English hash of the cells in ``accept``, drop entries of cells that are
    gone, and return :func:`problems` afterwards. Entries keep the source's cell order."""
    nb = nbs.read(source_notebook(week, root))
    old = load(week, root, edition)
    entries = {}
    for cell in markdown_cells(nb):
        gid = nbs.grade_id(cell)
        entry = dict(old.get(gid) or {})
        if not str(entry.get(edition) or "").strip():
            entry = {"en": text_hash(cell.source), edition: f"{TODO}\n{cell.source.strip()}\n"}
        elif gid in accept:
            entry["en"] = text_hash(cell.source)
        entries[gid] = {"en": entry.get("en", ""), edition: str(entry[edition])}
    unknown = sorted(set(accept) - set(entries))
    if unknown:
        raise KeyError(f"{week} has no Markdown cell {unknown}")
    translation_path(week, root, edition).write_text(_dump(entries), encoding="utf-8")
    return problems(week, root, edition)

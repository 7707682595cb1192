"""The messages a visible test cell shows a student are written in both languages (issue 15).

A test cell passes its own messages to the checks: hints (``hints=[(predicate, "...")]`` of
``course.checks`` and the ``(exception type, "...")`` causes of ``explain_errors``), the text
of ``CheckError(...)`` / ``AssertionError(...)`` and of ``assert ..., "..."``. In the Japanese
edition (same code cells) such a message is Japanese only if it is written as
``tr("English ...", "日本語 ...")`` (``course/i18n.py``). This test lists every string literal
or f-string in such a message that is not inside a ``tr(...)`` call, in the visible part of
each test cell (above ``### BEGIN HIDDEN TESTS``); a message held in a variable
(``swapped = "..."; hints=[(..., swapped)]``) is followed to its assignment in the notebook.
"""
from __future__ import annotations

import ast

import pytest

from autograder import notebooks as nbs

from conftest import ROOT, WEEKS  # noqa: E402

MESSAGE_CALLS = {"CheckError", "AssertionError"}


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _visible(source: str) -> str:
    return source.split("### BEGIN HIDDEN TESTS")[0]


class _Messages(ast.NodeVisitor):
    """Collects the expressions used as messages in one cell."""

    def __init__(self, assignments: dict[str, list[ast.expr]]):
        self.assignments = assignments
        self.messages: list[ast.expr] = []

    def _hint_pairs(self, value: ast.expr, seen: frozenset = frozenset()):
        """The (test, message) tuples of a hints= value: a list/tuple of pairs, a sum of such
        lists, or a variable holding one."""
        if isinstance(value, (ast.List, ast.Tuple)):
            for elt in value.elts:
                if isinstance(elt, ast.Tuple) and len(elt.elts) >= 2:
                    yield elt
        elif isinstance(value, ast.BinOp):
            yield from self._hint_pairs(value.left, seen)
            yield from self._hint_pairs(value.right, seen)
        elif isinstance(value, ast.Name) and value.id not in seen:
            for assigned in self.assignments.get(value.id, []):
                yield from self._hint_pairs(assigned, seen | {value.id})

    def visit_Call(self, node: ast.Call):
        if _name(node.func) in MESSAGE_CALLS and node.args:
            self.messages.append(node.args[0])
        for keyword in node.keywords:
            if keyword.arg == "hints":
                self.messages.extend(pair.elts[1] for pair in self._hint_pairs(keyword.value))
        self.generic_visit(node)

    def visit_Assert(self, node: ast.Assert):
        if node.msg is not None:
            self.messages.append(node.msg)
        self.generic_visit(node)


def _bare_strings(node: ast.expr, assignments, seen=frozenset()) -> list[ast.expr]:
    """String literals / f-strings in a message expression that are not inside tr(...)."""
    if isinstance(node, ast.Call) and _name(node.func) == "tr":
        return []
    if isinstance(node, ast.JoinedStr):
        return [node]
    if isinstance(node, ast.Constant):
        return [node] if isinstance(node.value, str) and node.value.strip() else []
    if isinstance(node, ast.Name):
        if node.id in seen:
            return []
        return [s for value in assignments.get(node.id, [])
                for s in _bare_strings(value, assignments, seen | {node.id})]
    if isinstance(node, ast.Lambda):
        return []
    return [s for child in ast.iter_child_nodes(node)
            for s in _bare_strings(child, assignments, seen)]


def _assignments(trees: list[ast.Module]) -> dict[str, list[ast.expr]]:
    """name -> the values assigned to it anywhere in the notebook's code cells."""
    found: dict[str, list[ast.expr]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found.setdefault(target.id, []).append(node.value)
    return found


def untranslated_messages(week: str) -> list[str]:
    """``"<test cell>: <message text>"`` for every English-only message in ``week``'s visible tests."""
    nb = nbs.read(ROOT / "source" / week / f"{week}.ipynb")
    cells = [(nbs.grade_id(c), nbs.is_test(c), ast.parse(_visible(c.source)))
             for c in nbs.code_cells(nb) if not nbs.is_solution(c)]
    assignments = _assignments([tree for _, _, tree in cells])
    found = []
    for gid, is_test, tree in cells:
        if not is_test:
            continue
        collector = _Messages(assignments)
        collector.visit(tree)
        for message in collector.messages:
            for string in _bare_strings(message, assignments):
                found.append(f"{gid}: {ast.unparse(string)[:100]}")
    return found


def test_detector_finds_each_kind_of_message():
    source = '''
swapped = "inputs swapped"
check_close(a, b, "name", hints=[(lambda g, e: True, swapped), (lambda g, e: False, f"x {a}")])
more = [(lambda g, e: True, "held in a list")]
check_close(a, b, "name", hints=more + [(lambda g, e: True, tr("ok", "ok"))])
with explain_errors("f(x)", hints=[(KeyError, "a cause")]):
    pass
raise CheckError(f"checked {a}")
raise AssertionError("raw " "text")
assert x, "assert text"
assert x, tr(f"fine {a}" + ("" if a else " more"), f"良い {a}")
passed("a name, not a message")
'''
    tree = ast.parse(source)
    assignments = _assignments([tree])
    collector = _Messages(assignments)
    collector.visit(tree)
    texts = [ast.unparse(s) for m in collector.messages for s in _bare_strings(m, assignments)]
    assert texts == ["'inputs swapped'", "f'x {a}'", "'held in a list'", "'a cause'",
                     "f'checked {a}'", "'raw text'", "'assert text'"]


@pytest.mark.parametrize("week", WEEKS)
def test_visible_test_messages_are_bilingual(week):
    missing = untranslated_messages(week)
    assert not missing, (f"{len(missing)} message(s) in {week}'s visible tests are English only; write "
                         "each as tr(\"English ...\", \"日本語 ...\"):\n  " + "\n  ".join(missing))

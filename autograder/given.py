"""Given code: which earlier answers and helpers each week receives, and how its ``given.py`` is written.

A graded answer has one home, the reference package (``dlcourse_solutions/<week>.py``); so do
the helpers that no week grades (``dlcourse_solutions/given_helpers.py``, ``given_nets.py``).
The package a student installs in week 1 (``course``) holds none of them: a week that builds
on them receives them in ``source/<week>/given.py``, which nbgrader releases with the
notebook, so that the set-up cell's ``from given import …`` works both for nbval (cwd
``source/<week>/``) and for students (cwd ``release/<week>/``).

:data:`GIVEN` is the manifest: ``{week: [(reference module, [names …]), …]}``. ``dlcourse
given`` writes each listed week's ``given.py`` from it: a header saying whose answers these
are, the imports they need, then the source of every listed object and of every object of the
reference it uses (a base class, a layer a net builds, a function a method calls), in
dependency order. The files are committed; ``tests/test_packaging.py`` checks that they are in
sync with the reference, that every listed object is an answer of an *earlier* week (or a
helper no week grades), and that each file imports and works.
"""
from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
from dataclasses import dataclass
from pathlib import Path

REFERENCE = "dlcourse_solutions"
HELPER_MODULES = ("given_helpers", "given_nets")   # given code that no week grades
FILE_NAME = "given.py"

# The week each set-up cell imports from ``given``; names as the notebook uses them.
GIVEN: dict[str, list[tuple[str, list[str]]]] = {
    "w04_deep_network": [
        ("given_helpers", ["sigmoid", "relu", "sigmoid_backward", "relu_backward"]),
    ],
    "w06_init_regularization_gradcheck": [
        ("w05_backprop_layers", ["numerical_gradient"]),
        ("given_helpers", ["relu", "sigmoid", "initialize_parameters", "forward_propagation",
                           "backward_propagation", "compute_cost", "predict_dec", "accuracy",
                           "forward_propagation_n", "backward_propagation_n"]),
    ],
    "w07_optimization": [
        ("given_helpers", ["accuracy", "backward_propagation", "compute_cost", "forward_propagation",
                           "initialize_parameters", "predict_dec"]),
    ],
    "w08_batchnorm_tuning": [
        ("w05_backprop_layers", ["numerical_gradient"]),
        ("w07_optimization", ["Adam", "SGD"]),
        ("given_nets", ["MultiLayerNetExtend"]),
    ],
    "w09_cnn": [
        ("w05_backprop_layers", ["Affine", "Relu", "SoftmaxWithLoss", "numerical_gradient"]),
        ("w07_optimization", ["Adam"]),
    ],
}


def week_number(module: str) -> int | None:
    """5 for ``w05_backprop_layers``; None for a helper module."""
    return int(module[1:3]) if module[:1] == "w" and module[1:3].isdigit() else None


@dataclass
class Piece:
    """One top-level statement of a reference module that a ``given.py`` copies."""
    module: str          # the reference module it comes from (``w05_backprop_layers``)
    name: str            # the name it binds
    line: int            # where it starts there (keeps the module's own order)
    source: str          # its text (decorators included)
    requested: bool = False


def _module(name: str):
    return importlib.import_module(f"{REFERENCE}.{name}")


def _rank(module: str) -> tuple:
    """Earlier weeks first, helpers last (helpers build on weeks, weeks never on a helper they give)."""
    number = week_number(module)
    return (0, number, module) if number is not None else (1, HELPER_MODULES.index(module), module)


class _ModuleIndex:
    """The top-level statements of one reference module, by the names they bind."""

    def __init__(self, name: str):
        self.name = name
        self.text = inspect.getsource(_module(name))
        self.lines = self.text.splitlines(keepends=True)
        self.defs: dict[str, ast.stmt] = {}
        self.imports: dict[str, str] = {}        # bound name -> import statement (absolute)
        self.relative: dict[str, tuple[str, str]] = {}   # bound name -> (reference module, name)
        for node in ast.parse(self.text).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                self.defs[node.name] = node
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        self.defs[target.id] = node
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    self.imports[bound] = (f"import {alias.name} as {alias.asname}" if alias.asname
                                           else f"import {alias.name}")
            elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
                for alias in node.names:
                    bound = alias.asname or alias.name
                    if node.level:   # from .w05_backprop_layers import Affine: copy that object too
                        self.relative[bound] = (node.module, alias.name)
                    elif node.module.split(".")[0] == REFERENCE:
                        self.relative[bound] = (node.module.split(".", 1)[1], alias.name)
                    else:
                        self.imports[bound] = (f"from {node.module} import {alias.name}"
                                               + (f" as {alias.asname}" if alias.asname else ""))

    def piece(self, name: str) -> Piece:
        node = self.defs[name]
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        return Piece(self.name, name, first, "".join(self.lines[first - 1:node.end_lineno]))


def _free_names(source: str) -> set[str]:
    """Names a statement reads that it does not bind itself (globals it needs)."""
    tree = ast.parse(source)
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    top = tree.body[0]
    if isinstance(top, (ast.FunctionDef, ast.ClassDef)):
        bound.discard(top.name)   # a recursive call or a method of the same name still needs the global
    return loaded - bound


def collect(week: str, manifest: dict | None = None) -> tuple[list[Piece], list[str]]:
    """The pieces of ``week``'s given.py in dependency order, and the import statements they need."""
    manifest = GIVEN if manifest is None else manifest
    indexes: dict[str, _ModuleIndex] = {}

    def index(module: str) -> _ModuleIndex:
        if module not in indexes:
            indexes[module] = _ModuleIndex(module)
        return indexes[module]

    done: dict[tuple[str, str], Piece] = {}
    edges: dict[tuple[str, str], set] = {}
    imports: set[str] = set()

    def home(module: str, name: str) -> tuple[str, str]:
        """Where an object is defined (a reference module may import it from another)."""
        ix = index(module)
        return home(*ix.relative[name]) if name in ix.relative else (module, name)

    def visit(module: str, name: str, requested: bool = False) -> tuple[str, str]:
        key = home(module, name)
        module, name = key
        if key in done:
            done[key].requested |= requested
            return key
        ix = index(module)
        if name not in ix.defs:
            raise LookupError(f"{REFERENCE}.{module} defines no {name!r} (given to {week})")
        done[key] = piece = ix.piece(name)
        piece.requested = requested
        edges[key] = set()
        for free in sorted(_free_names(piece.source)):
            if free in ix.imports:
                imports.add(ix.imports[free])
            elif free in ix.relative or (free in ix.defs and free != name):
                edges[key].add(visit(module, free))
        return key

    for module, names in manifest[week]:
        for name in names:
            visit(module, name, requested=True)
    clash = {}
    for module, name in done:
        clash.setdefault(name, []).append(module)
    clash = {name: modules for name, modules in clash.items() if len(modules) > 1}
    if clash:
        raise ValueError(f"{week}: names that would come from two reference modules: {clash}")
    # Dependencies first; otherwise earlier weeks first, helpers last, each module in its own order.
    ready = lambda key: (_rank(key[0]), done[key].line)
    order, left = [], set(done)
    while left:
        free = [k for k in left if not (edges[k] & left)] or list(left)   # a cycle: functions only
        key = min(free, key=ready)
        order.append(done[key])
        left.discard(key)
    return order, _sort_imports(imports)


def _sort_imports(statements: set[str]) -> list[str]:
    """The standard library's imports, a blank line, then the others (PEP 8's groups)."""
    import sys
    top = lambda s: s.split()[1].split(".")[0]
    std = sorted(s for s in statements if top(s) in sys.stdlib_module_names)
    other = sorted(s for s in statements if top(s) not in sys.stdlib_module_names)
    return std + ([""] if std and other else []) + other


def _describe(module: str, week: str) -> str:
    number = week_number(module)
    if number is None:
        return "given helpers (graded in no week in this form)"
    return f"answers of week {number} ({module}), released with week {week_number(week)}"


def render(week: str, manifest: dict | None = None) -> str:
    """The text of ``source/<week>/given.py``."""
    manifest = GIVEN if manifest is None else manifest
    pieces, imports = collect(week, manifest)
    requested = [name for _, names in manifest[week] for name in names]
    by_module: dict[str, list[str]] = {}
    for piece in pieces:
        by_module.setdefault(piece.module, []).append(piece.name)
    answers = any(week_number(m) is not None for m in by_module)
    helpers = any(week_number(m) is None for m in by_module)
    holds_en = " and ".join(part for part, present in [
        ("answers of earlier weeks (each released only after the week that grades it)", answers),
        ("helpers that no week grades", helpers)] if present)
    holds_ja = "と、".join(part for part, present in [("これまでの週の解答", answers), ("採点されない補助関数", helpers)]
                        if present)
    lines = [f'"""Given code for week {week_number(week)} ({week}): use it (and read it), do not edit it.',
             f"第 {week_number(week)} 週で配布するコード（{holds_ja}）です。",
             "自由に使って読んでかまいませんが、編集しないでください。",
             ""]
    lines += textwrap.wrap(f"It holds {holds_en}:", width=96) + [""]
    for module in sorted(by_module, key=_rank):
        lines += textwrap.wrap(f"* {_describe(module, week)}: " + ", ".join(f"``{n}``" for n in by_module[module]),
                               width=96, subsequent_indent="  ", break_on_hyphens=False)
    lines += ["",
              "Generated from the reference solutions by ``dlcourse given``; do not edit (the next",
              "generation overwrites it, and grading uses the course's own copy).",
              '"""']
    lines += imports + ["", f"__all__ = {sorted(set(requested))!r}", ""]
    current = None
    for piece in pieces:
        if piece.module != current:
            current = piece.module
            lines += ["", f"# {'-' * 20} {_describe(current, week)}"]
        lines += ["", piece.source.rstrip("\n"), ""]
    text = "\n".join(lines).rstrip("\n") + "\n"
    return _wrap_all(text)


def _wrap_all(text: str) -> str:
    """Break the ``__all__`` line at 100 columns, the repository's line length."""
    out = []
    for line in text.splitlines():
        if line.startswith("__all__ = [") and len(line) > 100:
            names = ast.literal_eval(line.split("=", 1)[1].strip())
            row, rows = "__all__ = [", []
            for name in names:
                item = repr(name) + ", "
                if len(row) + len(item) > 100:
                    rows.append(row.rstrip())
                    row = " " * 11
                row += item
            rows.append(row.rstrip().rstrip(",") + "]")
            out += rows
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def path(week: str, root: Path) -> Path:
    return root / "source" / week / FILE_NAME


def write(week: str, root: Path) -> bool:
    """(Re)write ``source/<week>/given.py``; True when it changed."""
    target = path(week, root)
    text = render(week)
    if target.exists() and target.read_text() == text:
        return False
    target.write_text(text)
    return True


def stale(root: Path) -> list[str]:
    """What is out of sync: a manifest week whose given.py differs, or a given.py without one."""
    problems = [f"source/{w}/{FILE_NAME} is not what `dlcourse given {w}` writes"
                for w in GIVEN if not path(w, root).exists() or path(w, root).read_text() != render(w)]
    problems += [f"source/{p.parent.name}/{FILE_NAME} has no entry in autograder/given.py's GIVEN"
                 for p in sorted((root / "source").glob(f"*/{FILE_NAME}")) if p.parent.name not in GIVEN]
    return problems

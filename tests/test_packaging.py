"""The student-facing wheel holds neither reference code nor source notebooks, and no week's
graded answer; the given code of later weeks (``source/<week>/given.py``) is in sync with the
reference and works."""
from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from autograder import given
from autograder import notebooks as nbs
from autograder.paths import weeks as all_weeks
from autograder.probes import load_probes

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "solutions_pkg" / "dlcourse_solutions"
STUDENT_PACKAGES = ("course", "autograder")   # what the wheel ships (pyproject's packages.find)

# A name of the student package that is also a graded exercise, kept on purpose: the curriculum
# gives a same-named helper with another signature. {(module path, name): why}. Empty since the
# given helpers moved to source/<week>/given.py (issue 13).
ALLOWED_NAMES: dict[tuple[str, str], str] = {}
MIN_NODES = 25   # smaller functions (an __init__ that sets one attribute) match by chance


@pytest.mark.slow
def test_wheel_has_no_solutions(root, tmp_path):
    # built from a clean copy of what the distribution is made of: setuptools' build/ folder
    # in the repository would carry files deleted from the tree into the wheel
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(root / name, src / name)
    for base in STUDENT_PACKAGES:
        shutil.copytree(root / base, src / base, ignore=shutil.ignore_patterns("__pycache__"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation",
                            "-w", str(tmp_path), "-q"], capture_output=True, text=True)
    assert built.returncode == 0, f"pip wheel failed:\n{built.stdout[-3000:]}\n{built.stderr[-3000:]}"
    wheel = next(tmp_path.glob("dlcourse-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("course/checks.py") for n in names)
    assert any(n.startswith("autograder/cli.py") for n in names)
    assert not [n for n in names if "dlcourse_solutions" in n or n.endswith(".ipynb")
                or n.startswith(("source/", "release/", "tests/"))], names
    # No reference module was copied into the wheel under another name either.
    wheel_text = "\n".join(zipfile.ZipFile(wheel).read(n).decode() for n in names if n.endswith(".py"))
    wheel_lines = {line.strip() for line in wheel_text.splitlines()}
    for module in sorted((root / "solutions_pkg" / "dlcourse_solutions").glob("w*.py")):
        lines = [l.strip() for l in module.read_text().splitlines()
                 if len(l.strip()) > 30 and not l.strip().startswith(("#", "from ", "import ", '"""'))]
        shared = [l for l in lines if l in wheel_lines]
        assert len(shared) <= len(lines) // 2, f"{module.name}: {len(shared)}/{len(lines)} lines are in the wheel"
    # The wheel's Python files are the repository's, so the tests below, on the tree, cover it
    # (a file deleted from the tree must not live on in a stale build/lib).
    tree = {str(p.relative_to(root)) for base in STUDENT_PACKAGES for p in (root / base).rglob("*.py")
            if "__pycache__" not in p.parts}
    stale = sorted(n for n in names if n.endswith(".py") and n not in tree)
    assert not stale, f"the wheel ships files the tree no longer has (stale build/lib? rm -rf build): {stale}"


# ----------------------------------------------------------------------------- no graded answer
def graded_names(root: Path = ROOT) -> dict[str, set[str]]:
    """``{name: weeks}``: every graded exercise (its probe) and every function or class a
    source notebook's solution cell defines."""
    names: dict[str, set[str]] = {}
    for week in all_weeks(root):
        nb = nbs.read(root / "source" / week / f"{week}.ipynb")
        for cell in nb.cells:
            if cell.cell_type == "code" and nbs.is_solution(cell):
                for m in re.finditer(r"^(?:def|class)\s+(\w+)", cell.source, re.M):
                    names.setdefault(m.group(1), set()).add(week)
        for probe in load_probes(week):
            names.setdefault(probe.name, set()).add(week)
    return names


def _top_level_names(tree: ast.Module) -> list[str]:
    out = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            out += [t.id for t in targets if isinstance(t, ast.Name)]
    return out


def normalized(fn: ast.FunctionDef) -> str:
    """A function's AST without its name, decorators, annotations and docstrings, every
    variable and argument renamed by order of appearance: a copy under other names matches."""
    fn = ast.parse(ast.unparse(fn)).body[0]
    for node in ast.walk(fn):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            node.name, node.decorator_list = "_", []
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                node.returns = None
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    renamed: dict[str, str] = {}
    for node in ast.walk(fn):
        if isinstance(node, ast.arg):
            node.arg, node.annotation = renamed.setdefault(node.arg, f"v{len(renamed)}"), None
        elif isinstance(node, ast.Name):
            node.id = renamed.setdefault(node.id, f"v{len(renamed)}")
    return ast.dump(fn, annotate_fields=False, include_attributes=False)


def _functions(tree: ast.AST):
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def reference_functions(root: Path = ROOT) -> dict[str, list[str]]:
    """``{normalized AST: [where]}`` of every function and method of the reference package
    (graded answers and the given helpers: both have their one home there) and of the source
    notebooks' solution cells."""
    out: dict[str, list[str]] = {}
    sources = [(p.stem, p.read_text()) for p in sorted((root / "solutions_pkg" / "dlcourse_solutions").glob("*.py"))]
    for week in all_weeks(root):
        for cell in nbs.read(root / "source" / week / f"{week}.ipynb").cells:
            if cell.cell_type == "code" and nbs.is_solution(cell):
                sources.append((f"{week}:{nbs.grade_id(cell)}", cell.source))
    for where, text in sources:
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        for fn in _functions(tree):
            if sum(1 for _ in ast.walk(fn)) >= MIN_NODES:
                out.setdefault(normalized(fn), []).append(f"{where}.{fn.name}")
    return out


def answers_in(files: list[tuple[str, str]], graded: dict, reference: dict) -> list[str]:
    """What of ``files`` (``[(path, text)]``) is a graded answer: a top-level name of a graded
    exercise (unless allowed), or a function whose normalized AST is a reference function's."""
    found = []
    for path, text in files:
        tree = ast.parse(text)
        for name in _top_level_names(tree):
            if name in graded and (path, name) not in ALLOWED_NAMES:
                found.append(f"{path}: {name} is a graded exercise of {sorted(graded[name])}")
        for fn in _functions(tree):
            if sum(1 for _ in ast.walk(fn)) >= MIN_NODES and normalized(fn) in reference:
                found.append(f"{path}:{fn.lineno}: {fn.name} is a copy of {reference[normalized(fn)]}")
    return found


def student_package_files(root: Path = ROOT) -> list[tuple[str, str]]:
    return [(str(p.relative_to(root)), p.read_text()) for base in STUDENT_PACKAGES
            for p in sorted((root / base).rglob("*.py")) if "__pycache__" not in p.parts]


def test_student_package_holds_no_graded_answer(root):
    found = answers_in(student_package_files(root), graded_names(root), reference_functions(root))
    assert not found, "\n".join(found)


def test_detector_catches_answers(root):
    """The detector is not a test that cannot fail: a graded name, and a reference function
    copied under another name with renamed variables, are both found."""
    graded, reference = graded_names(root), reference_functions(root)
    assert {"softmax", "Affine", "Adam", "compute_cost", "Dropout", "conv_forward"} <= set(graded)
    source = (REFERENCE / "w04_deep_network.py").read_text()
    fn = next(f for f in _functions(ast.parse(source)) if f.name == "L_model_backward")
    disguised = ast.unparse(fn).replace("def L_model_backward", "def helper").replace("caches", "stash")
    found = answers_in([("course/fake.py", "def Affine(x):\n    return x\n\n\n" + disguised)], graded, reference)
    assert any("Affine is a graded exercise" in f for f in found), found
    assert any("helper is a copy of" in f and "L_model_backward" in f for f in found), found
    assert not answers_in([("course/fake.py", "def describe_shape(x):\n    return x.shape\n")], graded, reference)


# ----------------------------------------------------------------------------- given code
def test_given_files_in_sync(root):
    """Every source/<week>/given.py is what `dlcourse given` writes from the reference now."""
    assert given.stale(root) == []


def test_given_code_comes_from_earlier_weeks():
    """A week receives only answers of earlier weeks and helpers that no week from it on grades."""
    graded = graded_names(ROOT)
    order = {w: i for i, w in enumerate(all_weeks(ROOT))}
    for week in given.GIVEN:
        for piece in given.collect(week)[0]:
            source_week = given.week_number(piece.module)
            if source_week is not None:
                assert source_week < given.week_number(week), f"{week} receives {piece.name} of {piece.module}"
            later = sorted(w for w in graded.get(piece.name, ()) if order[w] >= order[week])
            assert not later, f"{week} receives {piece.name}, graded in {later}"


def test_setup_cells_import_only_what_given_provides(root):
    """A set-up cell's ``from given import …`` names exist in that week's given.py."""
    for week in all_weeks(root):
        setup = "\n".join(c.source for c in nbs.read(root / "source" / week / f"{week}.ipynb").cells
                          if c.cell_type == "code" and not nbs.is_solution(c) and not nbs.is_test(c))
        wanted = set()
        for node in ast.walk(ast.parse(setup)) if "from given import" in setup else ():
            if isinstance(node, ast.ImportFrom) and node.module == "given":
                wanted |= {a.name for a in node.names}
        if wanted:
            assert week in given.GIVEN, f"{week} imports {sorted(wanted)} from given, which it has not"
            assert wanted <= set(load_given(week).__all__), sorted(wanted - set(load_given(week).__all__))


def load_given(week: str):
    spec = importlib.util.spec_from_file_location(f"given_{week}", given.path(week, ROOT))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _numerical(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        up = f()
        x[idx] = old - h
        down = f()
        x[idx] = old
        grad[idx] = (up - down) / (2 * h)
    return grad


@pytest.mark.parametrize("week", sorted(given.GIVEN))
def test_given_module_imports_and_works(week):
    g = load_given(week)
    assert set(g.__all__) == {n for _, names in given.GIVEN[week] for n in names}
    assert all(hasattr(g, n) for n in g.__all__)
    assert all(getattr(g, n).__module__ == g.__name__ for n in g.__all__), "given code is defined in given.py itself"
    rng = np.random.default_rng(0)
    if hasattr(g, "numerical_gradient"):
        x = rng.normal(size=(3, 2))
        before = x.copy()
        np.testing.assert_allclose(g.numerical_gradient(lambda v: float(np.sum(v ** 3)), x), 3 * before ** 2, rtol=1e-6)
        np.testing.assert_array_equal(x, before)
    if hasattr(g, "relu_backward"):
        Z = rng.normal(size=(3, 4))
        A, cache = g.sigmoid(Z)
        np.testing.assert_allclose(A, 1 / (1 + np.exp(-Z)))
        assert cache is Z and np.array_equal(g.relu(Z)[0], np.maximum(Z, 0))
        dA = rng.normal(size=Z.shape)
        np.testing.assert_allclose(g.sigmoid_backward(dA, Z), dA * A * (1 - A))
        np.testing.assert_array_equal(g.relu_backward(dA, Z), dA * (Z > 0))
    if hasattr(g, "backward_propagation"):   # the 3-layer model: its backward is its cost's gradient
        params = g.initialize_parameters([3, 4, 2, 1])
        X, Y = rng.normal(size=(3, 5)), (rng.random((1, 5)) > 0.5).astype(float)
        A3, cache = g.forward_propagation(X, params)
        grads = g.backward_propagation(X, Y, cache)
        for key in ("W1", "b2", "W3"):
            want = _numerical(lambda: g.compute_cost(g.forward_propagation(X, params)[0], Y), params[key])
            np.testing.assert_allclose(grads["d" + key], want, rtol=1e-4, atol=1e-8)
        assert g.predict_dec(params, X).shape == (1, 5) and 0 <= g.accuracy(params, X, Y) <= 1
        if hasattr(g, "forward_propagation_n"):
            cost, cache_n = g.forward_propagation_n(X, Y, params)
            assert cost == g.compute_cost(A3, Y)
            np.testing.assert_allclose(g.backward_propagation_n(X, Y, cache_n)["dW2"], grads["dW2"])
    if hasattr(g, "SoftmaxWithLoss"):   # Affine → Relu → SoftmaxWithLoss: backward is the gradient
        W, b = rng.normal(size=(4, 3)), rng.normal(size=3)
        x, t = rng.normal(size=(5, 4)), rng.integers(0, 3, 5)
        affine, relu, last = g.Affine(W, b), g.Relu(), g.SoftmaxWithLoss()
        loss = lambda: last.forward(relu.forward(affine.forward(x)), t)
        loss()
        affine.backward(relu.backward(last.backward(1)))
        # (cross_entropy_error's log(y + 1e-7) bends the loss by ~1e-4 relative: the book's own tolerance)
        np.testing.assert_allclose(affine.dW, _numerical(loss, W), rtol=1e-3, atol=1e-6)
    for name in ("SGD", "Adam"):
        if hasattr(g, name):
            params = {"w": np.array([3.0, -2.0])}
            opt = getattr(g, name)(lr=0.1)
            for _ in range(50):
                opt.update(params, {"w": 2 * params["w"]})
            assert np.sum(params["w"] ** 2) < 13 * 0.5, f"{name} does not descend x²"
    if hasattr(g, "MultiLayerNetExtend"):
        x, t = rng.normal(size=(6, 5)), rng.integers(0, 3, 6)
        net = g.MultiLayerNetExtend(5, [4, 4], 3, weight_decay_lambda=0.1, seed=1)
        grads = net.gradient(x, t)
        np.testing.assert_allclose(grads["W2"], _numerical(lambda: net.loss(x, t), net.params["W2"]),
                                   rtol=1e-3, atol=1e-6)
        runs = []
        for _ in range(2):   # a seeded net with dropout repeats its run
            net = g.MultiLayerNetExtend(5, [4], 3, use_dropout=True, dropout_ratio=0.3, seed=2)
            np.random.rand(7)   # whatever else drew from NumPy's global stream
            runs.append(net.gradient(x, t)["W1"])
        np.testing.assert_array_equal(*runs)

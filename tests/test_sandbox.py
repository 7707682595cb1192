"""The trust boundary's parts: plain-data transport, the jail, the sandbox's guard."""
import json
import subprocess
import sys
import time

import numpy as np
import pytest

from conftest import week_points, with_function  # noqa: E402
from pathlib import Path

from autograder.sandbox import transport
import os

from autograder.sandbox import bwrap as sandbox
from autograder.grader.policy import Limits
from autograder.sandbox.processes import run_jailed
from autograder.probes import Opaque
from autograder.grader.recheck import sandbox_cells
from autograder import notebooks as nbs


def test_transport_round_trip(tmp_path):
    rng = np.random.default_rng(5)
    data = {"x": (np.arange(6.0).reshape(2, 3), float("nan"), float("inf")), "s": frozenset({1, 2}),
            "l": [None, True, "text", 3], "rng": rng, "o": Opaque("Foo")}
    transport.dump(data, tmp_path / "d")
    back = transport.load(tmp_path / "d")
    assert np.array_equal(back["x"][0], data["x"][0]) and np.isnan(back["x"][1]) and back["x"][2] == float("inf")
    assert back["s"] == frozenset({1, 2}) and back["l"] == [None, True, "text", 3] and back["o"] == Opaque("Foo")
    assert back["rng"].random() == np.random.default_rng(5).random()


def test_transport_refuses_pickles_and_foreign_code(tmp_path):
    np.savez(tmp_path / "evil.npz", a0=np.array([object()], dtype=object))
    (tmp_path / "evil.json").write_text(json.dumps({"__nd__": "a0"}))
    with pytest.raises(ValueError):  # object arrays need pickle, which is never allowed
        transport.load(tmp_path / "evil")
    np.savez(tmp_path / "ref.npz")
    (tmp_path / "ref.json").write_text(json.dumps({"__ref__": "os:system"}))
    with pytest.raises(transport.TransportError):
        transport.load(tmp_path / "ref")
    with pytest.raises(transport.TransportError):
        transport.dump(lambda: 0, tmp_path / "f")


def test_jail_kills_everything_it_started(tmp_path):
    script = "sleep 777 & (setsid sleep 778 &) ; echo started"
    result = run_jailed(["sh", "-c", script], cwd=tmp_path, limits=Limits(), timeout=30)
    assert result.returncode == 0
    time.sleep(0.5)
    assert subprocess.run(["pgrep", "-f", "sleep 77[78]"], capture_output=True).stdout == b""


def test_jail_time_and_memory_limits(tmp_path):
    t0 = time.perf_counter()
    result = run_jailed(["sh", "-c", "sleep 60"], cwd=tmp_path, limits=Limits(), timeout=2)
    assert result.timed_out and time.perf_counter() - t0 < 15
    log = tmp_path / "log"
    result = run_jailed([sys.executable, "-c", "import numpy; numpy.ones(2**33)"], cwd=tmp_path,
                        limits=Limits(memory_mb=1024), timeout=60, log=log)
    assert result.returncode != 0 and "MemoryError" in log.read_text()


needs_sandbox = pytest.mark.skipif(bool(sandbox.availability()), reason=sandbox.availability() or "")


@needs_sandbox
def test_sandbox_holds_only_what_it_allows(tmp_path):
    """Allowlist: the sandbox's root holds the system libraries, the Python installation and
    the student package; no repository, no solutions (editable or not), no home, no class."""
    import dlcourse_solutions
    own, other = tmp_path / "own", tmp_path / "other"
    own.mkdir(), other.mkdir()
    (other / "theirs.txt").write_text("theirs")
    solutions = Path(dlcourse_solutions.__file__).resolve().parent
    probe = (
        "import json, os, sys\n"
        "def ls(p):\n    try:\n        return sorted(os.listdir(p))\n    except OSError as e:\n        return str(e)\n"
        "try:\n    import dlcourse_solutions; sol = 'IMPORTED'\nexcept ImportError:\n    sol = 'no'\n"
        "import numpy, matplotlib, course.checks, autograder.engine\n"
        f"paths = {{'root': ls('/'), 'repo': ls({str(Path(__file__).resolve().parent.parent)!r}), "
        f"'solutions': ls({str(solutions)!r}), 'other': ls({str(other)!r}), 'home': ls({os.path.expanduser('~')!r})}}\n"
        "open('out.json', 'w').write(json.dumps({'sol': sol, 'paths': paths, 'env': dict(os.environ)}))\n")
    cmd = sandbox.Sandbox(chdir=str(own)).bind(own, writable=True).command([sys.executable, "-c", probe])
    os.environ["DLCOURSE_INSTRUCTOR_ONLY"] = "leaked"
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    finally:
        del os.environ["DLCOURSE_INSTRUCTOR_ONLY"]
    assert proc.returncode == 0, proc.stderr
    seen = json.loads((own / "out.json").read_text())
    assert seen["sol"] == "no"
    repo = seen["paths"]["repo"]
    assert isinstance(repo, list) and set(repo) <= {"course", "autograder", ".venv"}, repo
    for name in ("solutions", "other"):
        assert not isinstance(seen["paths"][name], list), (name, seen["paths"][name])
    # of the home, at most the way to the Python installation (pyenv installs it there)
    home = Path(os.path.expanduser("~"))
    python_dirs = {Path(p).resolve().relative_to(home).parts[0] for p in (sys.prefix, sys.base_prefix)
                   if home in Path(p).resolve().parents}
    assert not isinstance(seen["paths"]["home"], list) or set(seen["paths"]["home"]) <= python_dirs, seen["paths"]
    assert "theirs.txt" not in json.dumps(seen)
    assert "DLCOURSE_INSTRUCTOR_ONLY" not in seen["env"] and set(seen["env"]) <= set(sandbox.BASE_ENV) | {
        "HOME", "TMPDIR", "PWD"}, seen["env"]


@needs_sandbox
def test_sandbox_file_system_is_read_only_but_for_its_own_folder(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    script = (f"touch {sys.prefix}/x && echo PREFIX-WRITTEN; touch /usr/lib/x && echo USR-WRITTEN; "
              f"touch /x && echo ROOT-WRITTEN; touch {own}/y && echo OWN-OK; touch /tmp/z && echo TMP-OK")
    proc = subprocess.run(sandbox.Sandbox(chdir=str(own)).bind(own, writable=True).command(["sh", "-c", script]),
                          capture_output=True, text=True, timeout=60)
    assert "OWN-OK" in proc.stdout and "TMP-OK" in proc.stdout, proc.stdout + proc.stderr
    assert "WRITTEN" not in proc.stdout and (own / "y").exists() and not Path(sys.prefix, "x").exists()


def test_grading_refuses_without_a_sandbox(monkeypatch, tmp_path, root):
    """Fail closed: where bubblewrap cannot build a sandbox, grading stops and says why."""
    from autograder.grader.run import grade_submissions
    monkeypatch.setattr(sandbox, "bwrap_path", lambda: None)
    sandbox.availability.cache_clear()
    try:
        with pytest.raises(sandbox.SandboxUnavailable, match="bubblewrap"):
            grade_submissions(tmp_path / "submitted", tmp_path / "out", root=root)
    finally:
        sandbox.availability.cache_clear()


def test_sandbox_takes_locked_cells_from_the_source(root):
    source = nbs.read(root / "source" / "w01_numpy_basics" / "w01_numpy_basics.ipynb")
    student = nbs.read(root / "source" / "w01_numpy_basics" / "w01_numpy_basics.ipynb")
    nbs.find_cell(student, "setup").source = "import numpy as np\nnp.isclose = lambda *a, **k: True"
    student = with_function(student, "w01_numpy_basics", "normalize_rows", "def normalize_rows(x):\n    return 'mine'")
    student.cells.append(nbs.code("extra", "HELPER = 1"))
    cells = sandbox_cells(source, student)
    sources = "\n".join(c["source"] for c in cells)
    assert "np.isclose = lambda" not in sources, "a student's edit of a locked cell must not run"
    assert "return 'mine'" in sources and "HELPER = 1" in sources
    assert not any("verify(" in c["source"] for c in cells), "test cells never run in the sandbox"


def test_sandbox_runs_only_the_locked_cells_the_graded_code_needs(root):
    source = nbs.read(root / "source" / "w01_numpy_basics" / "w01_numpy_basics.ipynb")
    ids = [c["id"] for c in sandbox_cells(source, source) if not c["student"]]
    assert ids == ["setup"], "demos, plots and timings that nothing graded reads are left out"
    student = nbs.read(root / "source" / "w01_numpy_basics" / "w01_numpy_basics.ipynb")
    # a function reading a global of a demo cell (``loop_dot``) needs that cell, and what it reads
    student = with_function(source, "w01_numpy_basics", "L1",
                            "def L1(yhat, y):\n    return loop_dot(abs(yhat - y), np.ones(len(y)))")
    ids = [c["id"] for c in sandbox_cells(source, student) if not c["student"]]
    assert ids[0] == "setup" and ids[-1] == "demo_timing", ids
    # locals and parameters of the student's functions do not pull in cells that bind the same names
    student = with_function(source, "w01_numpy_basics", "L1", "def L1(yhat, y):\n    sizes = abs(yhat - y)\n    return sizes.sum()")
    assert [c["id"] for c in sandbox_cells(source, student) if not c["student"]] == ["setup"]


@pytest.mark.slow
def test_no_sandbox_grades_and_says_so_in_every_row(root, tmp_path, capsys):
    """--no-sandbox (only where bubblewrap cannot work) still grades with the same engine, the
    kernel still never holds the reference, and every row and the command say how it ran."""
    from autograder.cli import main
    week = "w01_numpy_basics"
    submitted = tmp_path / "submitted"
    for student, code in (("honest", None), ("importer", "import dlcourse_solutions.w01_numpy_basics as r\n"
                                                        "softmax = r.softmax\n")):
        nb = nbs.read(root / "source" / week / f"{week}.ipynb")
        if code:
            nb = nbs.replace_solution(nb, "softmax", code)
        (submitted / student / week).mkdir(parents=True)
        nbs.write(nb, submitted / student / week / f"{week}.ipynb")
    out = tmp_path / "out"
    assert main(["grade", str(submitted), "--out", str(out), "--workers", "1", "--no-feedback", "--no-sandbox", "--db", ""]) == 0
    assert "--no-sandbox" in capsys.readouterr().out
    from autograder.grader.results import load_results
    grades = {g.student: g for g in load_results(out)}
    assert grades["honest"].total == sum(week_points(week).values()) and not grades["honest"].flags
    assert grades["importer"].scores["test_softmax"] == 0  # an imported answer is never the student's
    assert all(g.isolation == "none (--no-sandbox)" for g in grades.values())


def test_demo_without_bubblewrap_says_plainly_how_it_ran(monkeypatch, capsys):
    from autograder.commands.common import own_samples_sandbox
    monkeypatch.setattr(sandbox, "availability", lambda: "bubblewrap is not installed")
    assert own_samples_sandbox(print) is False
    assert "NO SANDBOX" in capsys.readouterr().out

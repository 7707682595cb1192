"""The trust boundary's parts: plain-data transport, the jail, the sandbox's guard."""
import json
import subprocess
import sys
import time

import numpy as np
import pytest
from pathlib import Path

from autograder import transport
from autograder.jail import Limits, View, namespaces_available, run_jailed
from autograder.probes import Opaque
from autograder.recheck import sandbox_cells
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
    result = run_jailed(["sh", "-c", script], cwd=tmp_path, limits=Limits(), timeout=30, view=View())
    assert result.returncode == 0
    time.sleep(0.5)
    assert subprocess.run(["pgrep", "-f", "sleep 77[78]"], capture_output=True).stdout == b""


def test_jail_time_and_memory_limits(tmp_path):
    t0 = time.perf_counter()
    result = run_jailed(["sh", "-c", "sleep 60"], cwd=tmp_path, limits=Limits(), timeout=2, view=View())
    assert result.timed_out and time.perf_counter() - t0 < 15
    log = tmp_path / "log"
    result = run_jailed([sys.executable, "-c", "import numpy; numpy.ones(2**33)"], cwd=tmp_path,
                        limits=Limits(memory_mb=1024), timeout=60, view=View(), log=log)
    assert result.returncode != 0 and "MemoryError" in log.read_text()


@pytest.mark.skipif(not namespaces_available(), reason="no user namespaces on this machine")
def test_jail_hides_and_protects_folders(tmp_path):
    secret, ro, rw = tmp_path / "secret", tmp_path / "ro", tmp_path / "ro" / "rw"
    secret.mkdir(), rw.mkdir(parents=True)
    (secret / "answer.txt").write_text("42")
    log = tmp_path / "log"
    script = f"cat {secret}/answer.txt; touch {ro}/x && echo RO-WRITTEN; touch {rw}/y && echo RW-OK"
    run_jailed(["sh", "-c", script], cwd=tmp_path, limits=Limits(), timeout=30,
               view=View(hidden=[str(secret)], readonly=[str(ro)], writable=[str(rw)]), log=log)
    text = log.read_text()
    assert "42" not in text and "RO-WRITTEN" not in text and "RW-OK" in text
    assert (secret / "answer.txt").read_text() == "42" and (rw / "y").exists()


@pytest.mark.skipif(not namespaces_available(), reason="no user namespaces on this machine")
def test_jail_read_only_folder_below_a_hidden_one(tmp_path):
    """A course cloned below a hidden folder (say /tmp) stays visible, read-only, and what is
    hidden inside it stays hidden; the Python installation is never writable."""
    outer = tmp_path / "outer"
    course, other = outer / "course", outer / "other-submission"
    secret, rw = course / "source", course / "autograded"
    for d in (secret, rw, other):
        d.mkdir(parents=True)
    (course / "README").write_text("visible")
    (secret / "answer.txt").write_text("42")
    (other / "notebook.txt").write_text("theirs")
    log = tmp_path / "log"
    script = (f"cat {course}/README; cat {secret}/answer.txt; cat {other}/notebook.txt; "
              f"touch {course}/x && echo COURSE-WRITTEN; touch {rw}/y && echo RW-OK; "
              f"touch {sys.prefix}/dlcourse-x && echo PREFIX-WRITTEN; touch /dev/shm/dlcourse-x && echo SHM-OK")
    run_jailed(["sh", "-c", script], cwd=tmp_path, limits=Limits(), timeout=30,
               view=View(hidden=[str(outer), str(secret)], readonly=[str(course)], writable=[str(rw)]), log=log)
    text = log.read_text()
    assert "visible" in text and "RW-OK" in text, text
    assert "42" not in text and "theirs" not in text, text
    assert "COURSE-WRITTEN" not in text and "PREFIX-WRITTEN" not in text, text
    assert (rw / "y").exists() and not (course / "x").exists()
    assert not Path(sys.prefix, "dlcourse-x").exists() and not Path("/dev/shm/dlcourse-x").exists()


def test_sandbox_takes_locked_cells_from_the_source(root):
    source = nbs.read(root / "source" / "w01_numpy_basics" / "w01_numpy_basics.ipynb")
    student = nbs.read(root / "source" / "w01_numpy_basics" / "w01_numpy_basics.ipynb")
    nbs.find_cell(student, "setup").source = "import numpy as np\nnp.isclose = lambda *a, **k: True"
    nbs.find_cell(student, "normalize_rows").source = "def normalize_rows(x):\n    return 'mine'"
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
    nbs.find_cell(student, "L1").source = "def L1(yhat, y):\n    return loop_dot(abs(yhat - y), np.ones(len(y)))"
    ids = [c["id"] for c in sandbox_cells(source, student) if not c["student"]]
    assert ids[0] == "setup" and ids[-1] == "demo_timing", ids
    # locals and parameters of the student's functions do not pull in cells that bind the same names
    nbs.find_cell(student, "L1").source = "def L1(yhat, y):\n    sizes = abs(yhat - y)\n    return sizes.sum()"
    assert [c["id"] for c in sandbox_cells(source, student) if not c["student"]] == ["setup"]

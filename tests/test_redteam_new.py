"""Red team, new surfaces: warm kernels, editions (``<week>.ja.ipynb``) and ``given.py``.

One small class of week 8 (stable; it ships ``given.py`` and a Japanese edition) is graded in
one run with ONE worker slot, so that every kernel of the class is forked by the same warm
zygote (or, cold, started by the same nbgrader process) one after another. It is graded twice:
with warm kernels (``TestWarmKernels``) and without (``TestColdKernels``); ``--dist loadscope``
gives each its own xdist worker. Students, in grading order:

* ``a-honest`` (English) and ``b-ja-honest`` (the Japanese edition, same code): full marks;
* ``c-persist``: in its kernel, leaves files everywhere it can write, starts detached
  processes, tries a nested user namespace (capabilities back), /proc, ptrace, the network,
  fills every writable folder, and looks for classmates' files and the class's host path;
* ``e-both``: ``<week>.ipynb`` (a wrong concept answer), ``<week>.ja.ipynb`` (all correct),
  ``<week>.xx.ipynb`` (all correct) and a ``given/`` package that disables the hidden tests;
* ``f-links``: ``<week>.ja.ipynb`` a link to the source notebook (the full solution),
  ``given.py`` a link to the reference, ``<week>.xx.ipynb`` the full solution: nothing to grade;
* ``g-ja-tampered``: a Japanese submission whose locked first cell (``edition_language``)
  disables the hidden tests, whose metadata says English, with a cheating ``given.py``;
* ``h-hang``: its kernel ignores SIGINT/SIGTERM and spins (the slot must go on);
* ``i-honest-after``: honest, last in the slot, with one extra cell that looks for whatever
  the earlier kernels left behind.

Every cheat has the same wrong concept answer (``concept_split``, 1 point, which nothing else
depends on): a cheat that worked would keep that point. Attack code prints its report in the
kernel (``@@K-<tag>@@<json>@@END``, read back from the feedback page).
"""
from __future__ import annotations

import html as html_lib
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from autograder import notebooks as nbs
from autograder.editions import LANGUAGE_CELL
from autograder.sandbox.bwrap import availability

pytestmark = [pytest.mark.slow, pytest.mark.skipif(bool(availability()), reason=availability() or "bwrap")]

W = "w08_batchnorm_tuning"
WRONG = "concept_split"                   # the one exercise every cheat gets wrong
WRONG_SOURCE = "answer_split_choices = {2, 4}\n"
LIMITS = dict(timeout=240, cell_timeout=30, recheck_timeout=120, memory_mb=3072, max_output_mb=32)
MARK = uuid.uuid4().hex[:12]              # in the submitted notebooks only, never in attack code
LEFT = f"left-{uuid.uuid4().hex[:8]}"     # the name of what c-persist leaves behind

# What every cheat runs, in the kernel and in the re-check: the hidden tests' verify made a no-op.
CHEAT = '''
import os as _os
import autograder.engine as _engine
_engine.verify = lambda *a, **k: None
if _os.environ.get("DLCOURSE_HIDDEN_CASES"):
    print("@@K-" + "cheat-%s@@1@@END")
'''

GIVEN_PACKAGE = '''"""A given package in place of given.py (a package wins over a module of the same name)."""
import importlib.util as _u, os as _o
_spec = _u.spec_from_file_location("_given_file", _o.path.join(_o.getcwd(), "given.py"))
_m = _u.module_from_spec(_spec)
_spec.loader.exec_module(_m)
Adam, SGD, MultiLayerNetExtend, numerical_gradient = _m.Adam, _m.SGD, _m.MultiLayerNetExtend, _m.numerical_gradient
''' + CHEAT % "given-package"

# a given.py of the student's own: were it used, the set-up cell would get None and much would fail
GIVEN_FILE = CHEAT % "given-file" + "Adam = SGD = MultiLayerNetExtend = numerical_gradient = None\n"

PERSIST = r'''
import ctypes, json, os, socket, subprocess, sys, time
_rep = {"wrote": [], "spawned": [], "found": [], "host_path": [], "fill": {}}
if os.environ.get("DLCOURSE_HIDDEN_CASES"):          # nbgrader's kernel only
    import ipykernel.connect
    _cf = ipykernel.connect.get_connection_file()
    _rep["cwd"], _rep["connection_file"] = os.getcwd(), _cf
    _places = [os.path.expanduser("~"), "/tmp", "/dev/shm", "/mnt", "/proc", "/grading", "/grading/hidden",
               os.getcwd(), "/", os.path.dirname(_cf), os.path.dirname(os.path.dirname(_cf))]
    for _d in _places:
        try:
            with open(os.path.join(_d, $LEFT), "w") as _f:
                _f.write("left by an earlier submission")
            _rep["wrote"].append(_d)
        except BaseException:
            pass
    for _cmd in (["sleep", "9171"], ["sh", "-c", "(setsid sleep 9172 &); exit 0"],
                 ["sh", "-c", "nohup sleep 9173 >/dev/null 2>&1 &"]):
        try:
            subprocess.Popen(_cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _rep["spawned"].append(_cmd[-1])
        except BaseException as _e:
            _rep["spawned"].append(repr(_e)[:80])
    # capabilities back through a nested user namespace (then mount whatever)
    _nested = ("import ctypes; l = ctypes.CDLL(None, use_errno=True); "
               "r = l.unshare(0x10000000 | 0x00020000); "
               "print('UNSHARED' if r == 0 else 'refused', ctypes.get_errno()); "
               "r == 0 and print('MOUNTED' if l.mount(b'tmpfs', b'/mnt', b'tmpfs', 0, None) == 0 else 'no mount')")
    _r = subprocess.run([sys.executable, "-c", _nested], capture_output=True, text=True, timeout=20)
    _rep["nested userns"] = (_r.stdout + _r.stderr)[-200:]
    _r = subprocess.run(["unshare", "-r", "-m", "sh", "-c", "mount -t tmpfs tmpfs /mnt && echo MOUNTED"],
                        capture_output=True, text=True, timeout=20)
    _rep["unshare -r"] = (_r.stdout + _r.stderr)[-200:]
    _libc = ctypes.CDLL(None, use_errno=True)
    _rep["mount proc"] = _libc.mount(b"proc", b"/proc", b"proc", 0, None)
    _pp = os.getppid()
    _rep["ppid"] = _pp
    try:   # what the parent holds, if it can be seen at all
        _rep["parent caps"] = [l for l in open("/proc/%d/status" % _pp) if l.startswith(("CapEff", "CapPrm"))]
    except BaseException as _e:
        _rep["parent caps"] = type(_e).__name__
    _rep["ptrace parent"] = _libc.ptrace(16, _pp, 0, 0)   # PTRACE_ATTACH
    if _rep["ptrace parent"] == 0:
        try:
            os.waitpid(_pp, 0)
        except BaseException:
            pass
        _libc.ptrace(17, _pp, 0, 0)   # PTRACE_DETACH
    try:
        socket.create_connection(("127.0.0.1", $PORT), timeout=2).sendall(b"PWN")
        _rep["found"].append("connected to the grader's port")
    except BaseException as _e:
        _rep["network"] = type(_e).__name__
    # what of the class can be seen: classmates' notebooks, the inbox, the host path of the class
    _t0 = time.time()
    for _top in ("/tmp", "/home", "/mnt", "/grading", "/dev/shm", "/run", "/var", "/work", "/root", "/srv", "/opt"):
        for _d, _dirs, _files in os.walk(_top):
            if time.time() - _t0 > 4:
                break
            _dirs[:] = [x for x in _dirs if not os.path.join(_d, x).startswith(tuple($PREFIXES))]
            for _n in _files + _dirs:
                _p = os.path.join(_d, _n)
                if ".kernels-" in _p or "dlcourse-kernels" in _p or "dlcourse-inbox" in _p:
                    _rep["found"].append("an inbox: " + _p)
                if _n.endswith(".ipynb") and not _p.startswith(os.getcwd() + "/"):
                    _rep["found"].append("a notebook not its own: " + _p)
    _texts = {"cwd": os.getcwd(), "env": json.dumps(dict(os.environ)), "argv": " ".join(sys.argv),
              "sys.path": " ".join(sys.path), "connection file": open(_cf).read()}
    for _p in ("/proc/self/mountinfo", "/proc/self/environ", "/proc/1/cmdline", "/proc/self/cmdline"):
        try:
            _texts[_p] = open(_p, errors="replace").read()
        except BaseException:
            pass
    for _k, _v in _texts.items():
        if $BASE in _v or $OUT in _v:
            _rep["host_path"].append(_k)
    # every writable folder is capped (tmpfs pages are not counted by the memory limit)
    _chunk = b"\1" * (4 << 20)
    for _label, _d in (("home", os.getcwd()), ("tmp", "/tmp"), ("shm", "/dev/shm"),
                       ("sockets", os.path.dirname(_cf))):
        _n, _made = 0, []
        try:
            for _i in range(80):                   # 320 MB at most
                _made.append(os.path.join(_d, "fill-%d" % _i))
                with open(_made[-1], "wb") as _f:
                    for _ in range(2):
                        _n += _f.write(_chunk[: 2 << 20])
        except OSError as _e:
            _rep["fill stopped " + _label] = type(_e).__name__
        _rep["fill"][_label] = _n
        for _p in _made:
            try:
                os.remove(_p)
            except OSError:
                pass
    print("@@K-" + "persist@@" + json.dumps(_rep) + "@@END")
'''

PROBE = r'''
import json, os
if os.environ.get("DLCOURSE_HIDDEN_CASES"):
    import ipykernel.connect
    _cf = ipykernel.connect.get_connection_file()
    _seen = []
    for _d in (os.path.expanduser("~"), "/tmp", "/dev/shm", "/mnt", "/proc", "/grading", "/grading/hidden",
               os.getcwd(), "/", os.path.dirname(_cf), os.path.dirname(os.path.dirname(_cf))):
        if os.path.lexists(os.path.join(_d, $LEFT)):
            _seen.append(_d)
    _procs = []
    for _p in os.listdir("/proc") if os.path.isdir("/proc") else []:
        try:
            _procs.append(open("/proc/%s/cmdline" % _p).read().replace("\0", " "))
        except BaseException:
            pass
    _seen += ["process " + c for c in _procs if "917" in c]
    print("@@K-" + "probe@@" + json.dumps(_seen) + "@@END")
'''

HANG = r'''
import os, signal
if os.environ.get("DLCOURSE_HIDDEN_CASES"):
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    while True:
        pass
'''


def bake(source: str, **values) -> str:
    return re.sub(r"\$([A-Z_]+)", lambda m: repr(values[m.group(1)]), source)


def kernel_report(page, tag):
    if page is None:
        return None
    m = re.search(r"@@K-%s@@(.*?)@@END" % re.escape(tag), html_lib.unescape(page), re.S)
    return json.loads(m.group(1)) if m else None


def zeroed(g) -> set:
    return {k.removeprefix("test_") for k, v in g.scores.items() if v < g.max_scores[k]}


def _marked(nb, student: str):
    """``nb`` with a harmless, unique comment in a solution cell (a leak of it is recognisable;
    a locked cell would not do: nbgrader restores those from the source)."""
    nb = nbformat.from_dict(nb)
    cell = nbs.find_cell(nb, "train_dev_test_split")
    cell.source = f"# HONEST-MARK-{MARK}-{student}\n" + cell.source
    return nb


def _with_cell(nb, after: str, source: str):
    nb = nbformat.from_dict(nb)
    i = next(i for i, c in enumerate(nb.cells) if nbs.grade_id(c) == after)
    nb.cells.insert(i + 1, nbformat.v4.new_code_cell(source))
    return nb


def _leftover_inboxes() -> dict:
    """Warm-kernel inboxes in /tmp that hold a file of this module's class: ``{inbox: files}``."""
    found = {}
    for inbox in [*Path("/tmp").glob("dlcourse-kernels-*"), *Path("/tmp").glob("*.kernels-*")]:
        for path in inbox.rglob("*.ipynb"):
            try:
                if MARK in path.read_text(errors="replace"):
                    found.setdefault(str(inbox), []).append(str(path.relative_to(inbox)))
            except OSError:
                continue
    return found


def grade_class(tmp: Path, root: Path, warm: bool) -> SimpleNamespace:
    from autograder.editions import edition_notebook
    from autograder.grader.policy import GradingOptions, Limits
    from autograder.grader.run import grade_submissions
    base = tmp / "Fall 2026"
    submitted, out = base / "submitted", base / "out"
    source_path = root / "source" / W / f"{W}.ipynb"
    source = nbs.read(source_path)
    ja = edition_notebook(W, "ja", root)
    reference = str(Path(importlib.util.find_spec(f"dlcourse_solutions.{W}").origin).resolve())
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    prefixes = sorted({str(Path(sys.prefix).resolve()), str(Path(sys.base_prefix).resolve()), "/usr"})

    def folder(student):
        f = submitted / student / W
        f.mkdir(parents=True, exist_ok=True)
        return f

    def put(student, nb, name=f"{W}.ipynb"):
        nbs.write(_marked(nb, student), folder(student) / name)

    wrong = nbs.replace_solution(source, WRONG, WRONG_SOURCE)
    put("a-honest", source)
    put("b-ja-honest", ja, f"{W}.ja.ipynb")
    put("c-persist", _with_cell(source, "setup", bake(PERSIST, LEFT=LEFT, PORT=listener.getsockname()[1],
                                                      BASE=str(base), OUT=str(out), PREFIXES=prefixes)))
    # both editions, a third "edition", and a given package
    put("e-both", _with_cell(wrong, "setup", "print('@@K-' + 'edition@@\"en\"@@END')"))
    put("e-both", _with_cell(ja, LANGUAGE_CELL, "print('@@K-' + 'edition@@\"ja\"@@END')"), f"{W}.ja.ipynb")
    put("e-both", source, f"{W}.xx.ipynb")
    (folder("e-both") / "given").mkdir()
    (folder("e-both") / "given" / "__init__.py").write_text(GIVEN_PACKAGE)
    # links: the Japanese notebook to the full solution, given.py to the reference; an unknown edition
    os.symlink(source_path, folder("f-links") / f"{W}.ja.ipynb")
    os.symlink(reference, folder("f-links") / "given.py")
    put("f-links", source, f"{W}.xx.ipynb")
    # the locked first cell of the Japanese edition and its metadata changed; a given.py of its own
    tampered = nbs.replace_solution(ja, WRONG, WRONG_SOURCE)
    nbs.find_cell(tampered, LANGUAGE_CELL).source = CHEAT % "language-cell" + "import course.i18n\n"
    tampered.metadata["dlcourse"]["edition"] = "en"
    put("g-ja-tampered", tampered, f"{W}.ja.ipynb")
    (folder("g-ja-tampered") / "given.py").write_text(GIVEN_FILE)
    put("h-hang", _with_cell(source, "setup", HANG))
    put("i-honest-after", _with_cell(source, "setup", bake(PROBE, LEFT=LEFT)))

    trait = GradingOptions.class_traits()["warm_kernels"]
    saved = trait.default_value
    trait.default_value = warm
    t0 = time.perf_counter()
    try:
        grades = grade_submissions(submitted, out, [W], root, workers=1, limits=Limits(**LIMITS),
                                   secret_file=tmp / "secret")
    finally:
        trait.default_value = saved
        seconds = time.perf_counter() - t0
    hits = 0
    try:
        while True:
            listener.accept()[0].close()
            hits += 1
    except BlockingIOError:
        pass
    listener.close()
    grades = {g.student: g for g in grades}
    page = {}
    for s in grades:
        f = out / "feedback" / s / W / f"{W}.html"
        page[s] = f.read_text(errors="replace") if f.is_file() else None
    sleeping = subprocess.run(["pgrep", "-f", "sleep 917[123]"], capture_output=True, text=True).stdout.split()
    print(f"\n[redteam-new] warm={warm}: graded {len(grades)} submissions in {seconds:.0f} s")
    for g in grades.values():
        print(f"[redteam-new]   {g.student:16s} {g.total:5g}/{g.max_total:g} {g.seconds:6.1f} s "
              f"edition={g.edition} flags={g.flags} notes={g.notes}")
    return SimpleNamespace(grades=grades, page=page, seconds=seconds, hits=hits, sleeping=sleeping,
                           inboxes=_leftover_inboxes(), base=base, warm=warm)


class _Attacks:
    """Every attack, against one class graded with (or without) warm kernels."""
    WARM: bool

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, tmp_path_factory, root):
        return grade_class(tmp_path_factory.mktemp("redteam-new"), root, cls.WARM)

    # ------------------------------------------------------------------ honest students, the slot
    @pytest.mark.parametrize("student", ["a-honest", "i-honest-after"])
    def test_honest_students_keep_every_point(self, run, student):
        g = run.grades[student]
        assert g.total == g.max_total and not g.flags, (g.scores, g.flags, g.recheck, g.notes)

    @pytest.mark.parametrize("student", ["a-honest", "b-ja-honest", "i-honest-after"])
    def test_honest_notebooks_run_without_an_error_in_the_kernel(self, run, student):
        """The set-up cell imports given.py from the notebook's folder: importable in a warm
        kernel as in a cold one (a warm kernel's ``python -I`` had no such path entry, and the
        set-up cell of every week with given.py failed in nbgrader's kernel)."""
        page = html_lib.unescape(run.page[student] or "")
        errors = re.findall(r"ModuleNotFoundError|ImportError|NameError|Traceback \(most recent", page)
        assert page and not errors, errors

    def test_no_row_is_an_internal_error(self, run):
        assert set(run.grades) == {"a-honest", "b-ja-honest", "c-persist", "e-both", "f-links", "g-ja-tampered",
                                   "h-hang", "i-honest-after"}
        assert not [f for g in run.grades.values() for f in g.flags if "internal error" in f]

    def test_a_hanging_kernel_costs_only_its_own_row(self, run):
        """h-hang's kernel ignores interrupts and SIGTERM and spins: the slot's next kernel
        (i-honest-after, same worker, same zygote when warm) is graded as if nothing happened."""
        assert run.grades["i-honest-after"].total == run.grades["i-honest-after"].max_total
        assert run.grades["h-hang"].seconds < LIMITS["timeout"], run.grades["h-hang"].seconds

    # ------------------------------------------------------------------ warm kernels (and cold)
    def test_a_kernel_leaves_nothing_for_the_next_one(self, run):
        wrote = kernel_report(run.page["c-persist"], "persist")
        assert wrote is not None, "the attack ran in the kernel"
        seen = kernel_report(run.page["i-honest-after"], "probe")
        assert seen == [], f"c-persist wrote into {wrote['wrote']}; the slot's next kernel saw it in {seen}"

    def test_detached_processes_die_with_the_kernel(self, run):
        spawned = kernel_report(run.page["c-persist"], "persist")["spawned"]
        assert len(spawned) == 3 and not [s for s in spawned if "Error" in s], spawned
        assert not run.sleeping, f"processes started by c-persist's kernel survived grading: {run.sleeping}"

    def test_no_capability_comes_back(self, run):
        rep = kernel_report(run.page["c-persist"], "persist")
        assert "MOUNTED" not in rep["nested userns"] and "UNSHARED" not in rep["nested userns"], rep["nested userns"]
        assert "MOUNTED" not in rep["unshare -r"], rep["unshare -r"]
        assert rep["mount proc"] == -1, rep
        if run.warm:   # the parent is its namespace's PID 1, a reaper forked with no capability
            # (the zygote, outside the namespace, cannot be seen): tracing it gains nothing
            assert rep["ppid"] == 1, rep
        else:          # a cold kernel can trace its parent, bubblewrap's PID 1, which holds no more than it
            caps = rep["parent caps"]
            assert isinstance(caps, list) and caps and all(set(l.split()[1]) == {"0"} for l in caps), caps

    def test_no_classmate_inbox_or_network(self, run):
        rep = kernel_report(run.page["c-persist"], "persist")
        assert rep["found"] == [] and run.hits == 0, (rep["found"], run.hits)

    def test_every_writable_folder_is_capped(self, run):
        fill = kernel_report(run.page["c-persist"], "persist")["fill"]
        assert set(fill) == {"home", "tmp", "shm", "sockets"}, fill
        assert fill["home"] <= 256 * 2**20 and fill["tmp"] <= 256 * 2**20 and fill["shm"] <= 64 * 2**20, fill
        assert fill["sockets"] <= 4 * 2**20, fill

    def test_the_host_path_of_the_class(self, run):
        rep = kernel_report(run.page["c-persist"], "persist")
        print("the kernel's cwd:", rep["cwd"], "; the class's host path seen in:", rep["host_path"])
        if run.warm:  # a cold kernel runs in the class's own folder (the same path inside and out)
            assert rep["cwd"] == f"/home/student/{W}" and rep["host_path"] == [], rep

    def test_no_inbox_is_left_on_the_graders_disk(self, run):
        """A warm kernel's files and hidden cases (with their answers) go through an inbox on
        the grader's /tmp: when grading ends, no inbox of the class is left there."""
        assert not run.inboxes, f"left in /tmp after grading: {run.inboxes}"

    # ------------------------------------------------------------------ editions
    def test_japanese_edition_scores_as_english(self, run):
        en, ja = run.grades["a-honest"], run.grades["b-ja-honest"]
        assert ja.edition == "ja" and en.edition == "en"
        assert ja.scores == en.scores and ja.total == ja.max_total and not ja.flags, (ja.scores, ja.flags, ja.recheck)

    def test_both_editions_grade_the_english_one(self, run):
        g = run.grades["e-both"]
        assert g.edition == "en" and any("both editions" in n for n in g.notes), g.notes
        assert kernel_report(run.page["e-both"], "edition") == "en"
        assert zeroed(g) == {WRONG}, (g.scores, g.recheck)   # neither the .ja nor the .xx notebook's answers

    def test_a_japanese_notebook_that_is_a_link_is_not_graded(self, run):
        g = run.grades["f-links"]
        assert g.total == 0 and any(f"no {W}.ipynb" in f for f in g.flags), (g.flags, g.notes)
        notes = " ".join(g.notes)
        assert f"{W}.ja.ipynb (a symbolic link)" in notes and "given.py (a symbolic link)" in notes, g.notes

    def test_tampered_language_cell_and_metadata_buy_nothing(self, run):
        g = run.grades["g-ja-tampered"]
        assert g.edition == "ja"
        assert zeroed(g) == {WRONG}, (g.scores, g.recheck)
        assert kernel_report(run.page["g-ja-tampered"], "cheat-language-cell") is None, \
            "nbgrader restores the locked cell in the kernel"

    # ------------------------------------------------------------------ given.py
    def test_a_given_package_buys_nothing(self, run):
        g = run.grades["e-both"]
        # a package beats a module of the same name: it is what the kernel imports, and it
        # fools nbgrader's hidden tests there; the re-check (which imports it too) does not care
        assert kernel_report(run.page["e-both"], "cheat-given-package") == 1, "the package ran in the kernel"
        assert zeroed(g) == {WRONG} and g.nbgrader_scores[f"test_{WRONG}"] > 0, (g.scores, g.nbgrader_scores)
        assert any(f.startswith(f"{WRONG}: passed nbgrader") for f in g.flags), g.flags

    def test_a_submitted_given_py_is_replaced_by_the_courses(self, run):
        g = run.grades["g-ja-tampered"]
        assert kernel_report(run.page["g-ja-tampered"], "cheat-given-file") is None, "nbgrader restored given.py"
        assert zeroed(g) == {WRONG} and g.nbgrader_scores.get(f"test_{WRONG}", 0) == 0, (g.scores, g.flags)


class TestWarmKernels(_Attacks):
    WARM = True


class TestColdKernels(_Attacks):
    WARM = False


# ============================================================================ the zygote itself
@pytest.fixture
def zygote(tmp_path):
    from autograder.grader.policy import Limits
    from autograder.sandbox.warm_kernel import KernelZygote
    import tempfile
    runtime = Path(tempfile.mkdtemp(prefix="dlwt-", dir="/tmp"))
    z = KernelZygote(runtime, Limits().rlimits())
    yield z, runtime
    z.close()
    shutil.rmtree(runtime, ignore_errors=True)


def test_a_dead_zygote_takes_its_kernel_and_is_replaced_for_the_next(zygote, tmp_path):
    """Forked kernels of one zygote draw their own random streams (as cold kernels do); when
    the zygote dies (out of memory, say), its running kernel dies with it, the grader sees a
    dead kernel, and the slot's next submission gets a fresh zygote."""
    from test_warm_kernels import _kernel_report
    z, runtime = zygote
    code = ("import json, random, numpy as np\n"
            "print('REPORT' + json.dumps({'np': float(np.random.random()), 'py': random.random()}))")
    first_pid, first = _kernel_report(z, runtime, tmp_path, [], code=code)
    z.kill(first_pid)
    second_pid, second = _kernel_report(z, runtime, tmp_path, [], code=code)
    assert first["np"] != second["np"] and first["py"] != second["py"], (first, second)
    old = z.served.proc
    os.killpg(old.pid, 9)          # the zygote (its bubblewrap) dies while the second kernel runs
    old.wait()
    time.sleep(0.5)
    # every process of the zygote's sandbox, its forked kernels among them, names the inbox
    left = subprocess.run(["pgrep", "-f", str(z.inbox)], capture_output=True, text=True).stdout.split()
    assert not left and z.poll(second_pid) is not None, f"processes outlived their zygote: {left}"
    _, third = _kernel_report(z, runtime, tmp_path, [], code=code)
    assert z.served.proc is not old and set(third) == {"np", "py"}

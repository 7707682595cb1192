"""Runs INSIDE the sandbox: a submission's code, then the graded exercises on the grader's inputs.

Started by :mod:`autograder.grader.recheck` — forked from a warm sandbox (``--serve``), or as
``python -I -m autograder.sandbox.runner JOB_DIR`` — in the bubblewrap sandbox (:mod:`.bwrap`). Nothing here is trusted: the submission's code runs
in this process. The runner only *produces* plain answers; the trusted grader compares them
with the reference in its own process. So the worst a submission can do here is spoil its
own answers.

Before any submission code runs, an audit hook (``sys.addaudithook``: it cannot be removed)
blocks importing the reference package, opening files in hidden folders or writing outside
the sandbox, starting processes, signalling other processes, sockets, ctypes and the gc
introspection that could reach the hook itself.

Progress is appended to ``progress.jsonl`` before and after every step, so that when the
process dies (``os._exit``, a signal, a time or memory limit) the grader knows which cell or
exercise killed it, skips it, and runs the rest again.
"""
from __future__ import annotations

import builtins
import json
import os
import re
import signal
import sys
import traceback
from pathlib import Path


class StepTimeout(BaseException):
    """Raised by the alarm when one cell or one exercise takes too long."""


def _on_alarm(signum, frame):
    raise StepTimeout("time limit reached")


def install_guard(hidden: list[str], writable: list[str]) -> None:
    """The irremovable audit hook that keeps submission code away from secrets and the grader."""
    hidden_t = tuple(os.path.realpath(p) for p in hidden)
    writable_t = tuple(os.path.realpath(p) for p in writable)
    own_pid = str(os.getpid())
    blocked = frozenset({
        "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
        "os.forkpty", "pty.spawn", "os.kill", "os.killpg", "signal.pthread_kill",
        "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
        "ctypes.dlopen", "ctypes.dlsym", "ctypes.cdata", "ctypes.call_function",
        "gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys.setprofile", "sys.settrace",
        "os.chdir", "os.chroot", "os.setuid", "webbrowser.open",
    })
    path_events = frozenset({"os.remove", "os.rename", "os.rmdir", "os.truncate", "os.chmod",
                             "os.chown", "os.symlink", "os.link", "os.mkdir", "shutil.rmtree",
                             "shutil.move", "shutil.copyfile", "os.utime"})
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    # The functions the hook calls are bound now: a submission that replaces os.path.realpath
    # (or os.fsdecode) later cannot make every path look like its own. (The hook is a second
    # line; the bubblewrap sandbox around this process is the boundary.)
    realpath, fsdecode, sep = os.path.realpath, os.fsdecode, os.sep

    def inside(path: str, roots: tuple) -> bool:
        return any(path == r or path.startswith(r + sep) for r in roots)

    def check_path(raw, writing: bool) -> None:
        if isinstance(raw, int):
            return
        path = realpath(fsdecode(raw))
        if inside(path, writable_t):
            return  # the sandbox's own folders, even when a parent folder is hidden
        if inside(path, hidden_t):
            raise PermissionError(f"reading {raw!r} is not allowed while grading")
        if path.startswith("/proc/"):
            part = path.split("/")[2]
            if part.isdigit() and part != own_pid:
                raise PermissionError("other processes are not visible while grading")
        if writing and not inside(path, writable_t):
            raise PermissionError(f"writing {raw!r} is not allowed while grading "
                                  "(only inside the submission's own folder)")

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            path, mode, flags = args
            writing = bool(mode and any(c in str(mode) for c in "wax+")) or bool((flags or 0) & write_flags)
            check_path(path, writing)
        elif event == "import":
            if str(args[0]).split(".")[0] == "dlcourse_solutions":
                raise ImportError("the reference solutions cannot be imported while grading")
        elif event in blocked:
            raise RuntimeError(f"{event} is not allowed while grading")
        elif event in path_events and args:
            check_path(args[0], True)
            if event in ("os.rename", "os.symlink", "os.link", "shutil.move", "shutil.copyfile") and len(args) > 1:
                check_path(args[1], True)
        elif event == "object.__setattr__" and args and args[0] is hook:
            raise RuntimeError("the grader's guard cannot be changed")

    sys.addaudithook(hook)


def _ipython_stub():
    class _Shell:
        def run_line_magic(self, *args, **kwargs):
            return None

        run_cell_magic = run_line_magic
        system = run_line_magic

        def __getattr__(self, name):
            return lambda *a, **k: None
    shell = _Shell()
    return lambda: shell


def _import_runtime() -> None:
    """What the runner needs, imported before any submission code (and once, in the zygote)."""
    os.environ["MPLBACKEND"] = "Agg"
    import numpy  # noqa: F401
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import IPython.core.inputtransformer2  # noqa: F401
    import autograder.sandbox.transport  # noqa: F401
    import autograder.probes  # noqa: F401


# The submission may replace os._exit (or anything else in os): the runner keeps its own.
_exit = os._exit


def main(job_dir: Path) -> None:
    job = json.loads((job_dir / "job.json").read_text())
    progress = open(job_dir / "progress.jsonl", "a", buffering=1)

    def note(**entry):
        progress.write(json.dumps(entry) + "\n")
        progress.flush()

    # Everything the grader needs is imported before the guard and the submission.
    _import_runtime()
    import matplotlib.pyplot as plt
    from IPython.core.inputtransformer2 import TransformerManager
    from autograder import engine
    from autograder.sandbox import transport
    from autograder.probes import load_probes
    probes = load_probes(job["week"])
    from course.i18n import set_language  # messages in the submission's language (one job per process)
    set_language(job.get("language", "en"), fonts=False)
    transformer = TransformerManager()
    inputs = {name: transport.load(job_dir / "inputs" / name) for name in job["exercises"]}
    (job_dir / "results").mkdir(exist_ok=True)

    if job.get("workdir"):
        os.chdir(job_dir / job["workdir"])  # before the guard, which forbids chdir
        # as in a Jupyter kernel, the notebook's folder is importable (its given.py)
        sys.path.insert(0, os.getcwd())
    install_guard(job["hidden"], [str(job_dir)])
    signal.signal(signal.SIGALRM, _on_alarm)

    ns = {"__name__": "__main__", "__builtins__": builtins, "get_ipython": _ipython_stub()}
    for i, cell in enumerate(job["cells"]):
        if i in job["skip_cells"]:
            continue
        note(step="cell", index=i, state="start")
        try:
            source = transformer.transform_cell(cell["source"])
            signal.setitimer(signal.ITIMER_REAL, job["cell_timeout"])
            exec(compile(source, f"<cell {cell['id']}>", "exec"), ns)
            error = ""
        except BaseException as exc:  # noqa: BLE001 — a failing cell must not stop the others
            error = f"{type(exc).__name__}: {exc}"[:300]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        plt.close("all")
        note(step="cell", index=i, state="done", error=error)

    for name in job["exercises"]:
        if name in job["skip_exercises"]:
            continue
        note(step="exercise", name=name, state="start")
        probe = probes[name]
        answers = []
        for case in inputs[name]:
            try:
                signal.setitimer(signal.ITIMER_REAL, job["exercise_timeout"])
                answers.append({"ok": True, "out": engine.run_case(probe, ns, case)})
            except BaseException as exc:  # noqa: BLE001
                answers.append({"ok": False, "error": f"{type(exc).__name__}: {exc}"[:500]})
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        try:
            transport.dump({"origin": engine.exercise_origin(probe, ns)[1],
                            "defined": name in ns or probe.call is not None, "answers": answers},
                           job_dir / "results" / name)
            note(step="exercise", name=name, state="done")
        except BaseException as exc:  # noqa: BLE001
            note(step="exercise", name=name, state="done", error=f"cannot send the answers: {exc}"[:300])
    note(step="end")
    progress.close()
    _exit(0)  # no atexit hooks from the submission's code


# ----------------------------------------------------------------------------- the zygote
# Python and the imports above cost about a second of CPU per submission. When grading a
# class, one warm process per slot (started in the bubblewrap sandbox by
# ``recheck.SandboxZygote``, seeing only what every re-check may see) imports them once and
# forks a fresh child per job. The child shuts itself in further before any submission code
# runs: it closes every descriptor it inherited (the zygote's job and reply pipes among them),
# enters new mount, PID and network namespaces (so it cannot see, signal or talk to other
# jobs), hides every other job's box, sets its own resource limits and drops every
# capability, for good; its own child, PID 1 of the new namespace, runs :func:`main`, so when
# it ends everything it started ends with it.
_CLONE_NEWNS, _CLONE_NEWPID, _CLONE_NEWNET = 0x00020000, 0x20000000, 0x40000000
_MS_BIND, _MS_REC, _MS_PRIVATE = 4096, 16384, 1 << 18
_PR_CAPBSET_DROP, _PR_SET_NO_NEW_PRIVS, _LINUX_CAPABILITY_VERSION_3 = 24, 38, 0x20080522


def _drop_capabilities(libc) -> None:  # noqa: D401
    """No capability left, and none to regain by exec: the bounding set emptied, effective,
    permitted and inheritable sets cleared, and no_new_privs set."""
    import ctypes

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    for cap in range(64):
        libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)  # EINVAL past the last capability: fine
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "no_new_privs")
    if libc.capset(ctypes.byref(Header(_LINUX_CAPABILITY_VERSION_3, 0)), (Data * 2)()) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def _enter_own_box(box: str, boxes: str, inbox: str, rlimits: list) -> None:
    """Private namespaces and a view where ``box`` is the only box (runs in the forked child).

    The caller forks again: the grandchild, PID 1 of the new PID namespace, drops every
    capability (:func:`_become_pid_one`) before any submission code runs."""
    import resource
    libc, mount = _libc()
    os.setsid()
    for which, value in rlimits:
        resource.setrlimit(which, (value, value))
    _check(libc, libc.unshare(_CLONE_NEWNS | _CLONE_NEWPID | _CLONE_NEWNET), "unshare")
    mount(None, "/", None, _MS_REC | _MS_PRIVATE)
    stage = "/mnt/own-box"
    mount("tmpfs", "/mnt", "tmpfs", 0, "size=16k")
    os.mkdir(stage)
    mount(box, stage, None, _MS_BIND)
    # its own /tmp, home and /dev/shm (the zygote's are shared by every job it runs); every
    # other job's box hidden; the grader's inbox hidden
    _private_tmp(mount, hide=(boxes, inbox))
    for private in (os.environ.get("HOME", ""), "/dev/shm"):
        if private and os.path.isdir(private):
            mount("tmpfs", private, "tmpfs", 0, "size=64m")
    for hide in (boxes, inbox):
        if os.path.isdir(hide):
            mount("tmpfs", hide, "tmpfs", 0, "size=16k")
    # no /proc at all: the sandbox's /proc shows the zygote and the other jobs (a fresh one
    # cannot be mounted below bubblewrap's), and the runner needs none
    mount("tmpfs", "/proc", "tmpfs", 0, "size=16k")
    os.makedirs(box)
    mount(stage, box, None, _MS_BIND)


def _mount_points(under: str) -> list[str]:
    """The mount points below ``under`` (from /proc/self/mountinfo, octal escapes decoded)."""
    points = []
    with open("/proc/self/mountinfo") as info:
        for line in info:
            raw = line.split(" ")[4]
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), raw)
            if point.startswith(under + "/"):
                points.append(point)
    return points


def _private_tmp(mount, hide: tuple) -> None:
    """A fresh /tmp for this job, keeping what the sandbox bound below it (the Python
    installation and the course's packages when the course was cloned below /tmp), but not
    ``hide`` (the other jobs' boxes, the grader's inbox)."""
    def hidden(p):
        return any(p == h or p.startswith(h + "/") for h in hide)
    keep = [p for p in _mount_points("/tmp") if not hidden(p)]
    top = sorted({p for p in keep if not any(p.startswith(q + "/") for q in keep if q != p)})
    old = "/mnt/old-tmp"
    os.mkdir(old)
    mount("/tmp", old, None, _MS_BIND | _MS_REC)
    mount("tmpfs", "/tmp", "tmpfs", 0, "size=256m")
    for point in top:
        source = old + point[len("/tmp"):]
        if os.path.isdir(source):
            os.makedirs(point, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(point), exist_ok=True)
            open(point, "a").close()
        mount(source, point, None, _MS_BIND | _MS_REC)
    libc, _ = _libc()
    _check(libc, libc.umount2(old.encode(), 2), "umount old /tmp")  # MNT_DETACH: the old /tmp is gone
    os.rmdir(old)


def _become_pid_one() -> None:
    libc, _ = _libc()
    _drop_capabilities(libc)


def _libc():
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)

    def mount(source, target, fstype, flags, data=None):
        _check(libc, libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(), flags,
                                data and data.encode()), f"mount {target}")
    return libc, mount


def _check(libc, result: int, what: str) -> None:
    import ctypes
    if result != 0:
        raise OSError(ctypes.get_errno(), f"{what}: {os.strerror(ctypes.get_errno())}")


MAX_REPLY_FILE = 64 * 2**20      # one file a job sends back
MAX_REPLY_BYTES = 160 * 2**20    # everything a job sends back


def _collect(box: str) -> dict:
    """What a finished job sends back to the grader: its progress, log and answers, as base64,
    never through a link, with sizes capped (a job may have filled its box)."""
    import base64
    import stat as stat_
    files, total = {}, 0
    names = ["progress.jsonl", "runner.log"]
    results = os.path.join(box, "results")
    if os.path.isdir(results) and not os.path.islink(results):
        names += [os.path.join("results", n) for n in sorted(os.listdir(results))[:1000]]
    for name in names:
        path = os.path.join(box, name)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        with os.fdopen(fd, "rb") as f:
            if not stat_.S_ISREG(os.fstat(f.fileno()).st_mode):
                continue
            data = f.read(MAX_REPLY_FILE + 1)
        if name == "runner.log":
            data = data[-20000:]
        if len(data) > MAX_REPLY_FILE or total + len(data) > MAX_REPLY_BYTES:
            continue  # too large: the grader sees no answer for it
        total += len(data)
        files[name] = base64.b64encode(data).decode()
    return files


def serve(jobs_fd: int, replies_fd: int, inbox: str, boxes: str) -> None:
    """The zygote's loop: one JSON job per line in (``{"box", "rlimits"}``), one reply out.

    ``box`` is a folder the grader prepared in ``inbox`` (read-only here); the job runs in a
    copy of it on the zygote's private, size-capped ``boxes`` tmpfs, and what it produced is
    sent back in the reply, so that no job ever writes on the grader's disk."""
    import pkgutil
    import shutil
    _import_runtime()
    import autograder.probes
    for module in pkgutil.iter_modules(autograder.probes.__path__):
        if module.name.startswith("w"):
            autograder.probes.load_probes(module.name)
    libc, _ = _libc()
    libc.prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: no job may open this process's descriptors
    replies = os.fdopen(replies_fd, "w", buffering=1)
    replies.write(json.dumps({"ready": True}) + "\n")
    for line in os.fdopen(jobs_fd, "r"):
        job = json.loads(line)
        box = os.path.join(boxes, os.path.basename(job["box"]))
        shutil.rmtree(box, ignore_errors=True)
        try:
            shutil.copytree(job["box"], box, symlinks=True)
        except OSError as exc:
            replies.write(json.dumps({"returncode": 71, "files": {}, "error": str(exc)[:300]}) + "\n")
            continue
        pid = os.fork()
        if pid == 0:
            try:
                # the job's box is all this child may touch: not the zygote's pipes, not its log
                os.closerange(3, os.sysconf("SC_OPEN_MAX"))
                log = os.open(os.path.join(box, "runner.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
                os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
                for fd in (1, 2):
                    os.dup2(log, fd)
                _enter_own_box(box, boxes, inbox, job["rlimits"])
                inner = os.fork()  # PID 1 of the new PID namespace
                if inner == 0:
                    try:
                        _become_pid_one()
                        main(Path(box))
                    except BaseException:  # noqa: BLE001
                        traceback.print_exc()
                    finally:
                        _exit(3)
                _, status = os.waitpid(inner, 0)
                _exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
            except BaseException:  # noqa: BLE001
                traceback.print_exc()
                _exit(70)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        files = _collect(box)
        shutil.rmtree(box, ignore_errors=True)
        replies.write(json.dumps({"returncode": code, "files": files}) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "--serve":
        serve(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5])
    else:
        try:
            main(Path(sys.argv[1]))
        except BaseException:  # noqa: BLE001
            traceback.print_exc()
            _exit(3)

"""Warm kernels: each grading slot forks its notebook kernels from one sandboxed process that
has already imported IPython, ipykernel, NumPy, matplotlib and the course's packages.

A fresh ``ipykernel`` costs about half a second of CPU before it runs a student's first cell
(the interpreter, IPython and the imports of the set-up cell); stock ``nbgrader autograde``
pays it for every submission. Here each slot's nbgrader worker keeps one **kernel zygote**:
a process in the bubblewrap sandbox (:mod:`.bwrap`: the allowlisted Python installation and
student packages only) that imports all of that once and forks one kernel per submission.

jupyter_client's kernel provisioners are the hook nbgrader's executor already goes through:
the slot's kernelspec names :class:`WarmKernelProvisioner`, which asks the zygote for a kernel
instead of starting a process. Each forked kernel shuts itself in before it runs anything of
the submission, as the re-check's children do (:mod:`.runner`): it closes every descriptor it
inherited, enters new mount, PID and network namespaces, gets a private ``/tmp``, home and
``/dev/shm``, copies this submission's files (into its home) and its hidden-test cases from
the grader's inbox into size-capped tmpfs folders, hides the inbox and ``/proc``, and drops every
capability for good; its own child, PID 1 of the new PID namespace, is the kernel. The kernel
talks to nbgrader over the slot's Unix sockets (ZeroMQ ``ipc``), as before.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
import uuid
from pathlib import Path

PROVISIONER_NAME = "dlcourse-warm"
WARM_ENV = "DLCOURSE_WARM_JOB"     # in the nbgrader worker: this job's files and cases (JSON)
GRADING = "/grading"               # inside the sandbox: /grading/hidden holds the cases
INBOX_SUFFIX = ".kernels-"         # a slot's inbox: <its socket folder>.kernels-XXXX (see inboxes)
HOME_BYTES = 256 * 2**20           # the kernel's private home, which holds its working folder
PRELOAD = ("numpy", "matplotlib", "matplotlib.pyplot", "IPython", "ipykernel.kernelapp", "ipykernel.debugger",
           "ipykernel.ipkernel", "course", "course.checks", "course.plots", "course.i18n",
           "course.data", "autograder.engine", "autograder.probes")


# ----------------------------------------------------------------------------- inside the sandbox
def _kernel_child(job: dict, inbox: str) -> None:
    """The forked child: shut in, then become the parent of PID 1 (the kernel). Never returns."""
    from .runner import _become_pid_one, _check, _libc, _private_tmp
    import resource
    debug = bool(job.get("debug"))  # keep the zygote's log as stderr
    try:
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1) if debug else (0, 1, 2):
            os.dup2(null, fd)
        libc, mount = _libc()
        os.setsid()
        for which, value in job["rlimits"]:
            resource.setrlimit(which, (value, value))
        _check(libc, libc.unshare(0x00020000 | 0x20000000 | 0x40000000), "unshare")  # NEWNS|NEWPID|NEWNET
        mount(None, "/", None, 16384 | (1 << 18))  # MS_REC | MS_PRIVATE
        mount("tmpfs", "/mnt", "tmpfs", 0, "size=16k")
        # first what this kernel may have: its own files and cases, copied out of the inbox
        home = os.environ["HOME"]
        mount("tmpfs", home, "tmpfs", 0, f"size={HOME_BYTES}")
        source = os.path.join(inbox, job["id"])
        cwd = os.path.join(home, job["week"])  # the submission's files, in its private home
        _copy_tree(os.path.join(source, "files"), cwd)
        mount("tmpfs", GRADING, "tmpfs", 0, "size=64m")
        _copy_tree(os.path.join(source, "hidden"), os.path.join(GRADING, "hidden"))
        mount(None, GRADING, None, 32 | 1)  # MS_REMOUNT | MS_RDONLY: the cases are read-only
        _copy_tree(os.path.join(inbox, ".matplotlib"), os.path.join(home, "matplotlib"))
        os.makedirs(os.path.join(home, "ipython"), exist_ok=True)
        # then everything else gone: a fresh /tmp without the inbox, the zygote's /dev/shm
        _private_tmp(mount, hide=(inbox,))
        mount("tmpfs", "/dev/shm", "tmpfs", 0, "size=64m")
        if os.path.isdir(inbox):  # an inbox outside /tmp
            mount("tmpfs", inbox, "tmpfs", 0, "size=16k")
        mount("tmpfs", "/proc", "tmpfs", 0, "size=16k")  # so are the zygote and its other jobs
        inner = os.fork()  # PID 1 of the new PID namespace: when it ends, all it started ends
        if inner == 0:
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: killing this child kills the namespace
            _become_pid_one()
            # PID 1 only reaps, as bubblewrap's init does for a cold kernel: the kernel itself is an
            # ordinary process (a signal it sends itself, SIGKILL included, kills it)
            kernel = os.fork()
            if kernel == 0:
                _run_kernel(job, cwd)
            while True:
                pid, status = os.wait()
                if pid == kernel:
                    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
        _, status = os.waitpid(inner, 0)
        os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
    except BaseException:  # noqa: BLE001
        if debug:
            import traceback
            traceback.print_exc()
        os._exit(70)


def _run_kernel(job: dict, cwd: str) -> None:
    """The kernel (the shut-in child's own child). Never returns."""
    try:
        os.chdir(cwd)
        # as in a cold kernel (``python -m ipykernel_launcher`` in that folder), the notebook's
        # folder is importable: its given.py (the zygote runs ``python -I``, without it)
        sys.path.insert(0, cwd)
        os.environ.update(job["env"])
        from ipykernel.kernelapp import IPKernelApp
        app = IPKernelApp.instance()
        app.initialize(["-f", job["connection_file"]])
        app.start()
    finally:
        os._exit(0)


def _copy_tree(src: str, dst: str) -> None:
    """Regular files and folders only (never a link), from the grader's inbox."""
    os.makedirs(dst, exist_ok=True)
    if not os.path.isdir(src) or os.path.islink(src):
        return
    for entry in os.scandir(src):
        target = os.path.join(dst, entry.name)
        if entry.is_dir(follow_symlinks=False):
            _copy_tree(entry.path, target)
        elif entry.is_file(follow_symlinks=False):
            shutil.copyfile(entry.path, target, follow_symlinks=False)


def serve(jobs_fd: int, replies_fd: int, inbox: str) -> None:
    """The zygote's loop: ``{"op": "launch" | "poll" | "kill", ...}`` in, one reply out each."""
    import importlib
    for name in PRELOAD:
        importlib.import_module(name)
    from .runner import _libc
    libc, _ = _libc()
    libc.prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: no kernel may open this process's descriptors
    replies = os.fdopen(replies_fd, "w", buffering=1)
    replies.write(json.dumps({"ready": True}) + "\n")
    children: dict[int, int | None] = {}

    def reap(pid: int) -> int | None:
        if children.get(pid) is None:
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done, status = pid, 0
            if done:
                children[pid] = os.waitstatus_to_exitcode(status)
        return children.get(pid)

    for line in os.fdopen(jobs_fd, "r"):
        job = json.loads(line)
        if job["op"] == "launch":
            pid = os.fork()
            if pid == 0:
                _kernel_child(job, inbox)
            children[pid] = None
            reply = {"pid": pid}
        elif job["op"] == "poll":
            reply = {"status": reap(int(job["pid"]))}
        elif job["op"] == "kill":
            pid = int(job["pid"])
            if reap(pid) is None:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                children[pid] = -signal.SIGKILL
            children.pop(pid, None)
            reply = {"status": -signal.SIGKILL}
        else:
            reply = {"error": "unknown op"}
        replies.write(json.dumps(reply) + "\n")


# ----------------------------------------------------------------------------- the grader's side
def kernel_env() -> dict:
    """What a warm kernel's environment adds to the sandbox's (as a cold kernel's sandbox does)."""
    from ..engine import CASES_ENV
    from .bwrap import HOME
    return {"IPYTHONDIR": f"{HOME}/ipython", "MPLCONFIGDIR": f"{HOME}/matplotlib",
            CASES_ENV: f"{GRADING}/hidden", "HOME": HOME}


def inboxes(runtime: Path) -> list[Path]:
    """The inboxes of the warm kernels of the slot whose socket folder is ``runtime`` (each holds
    a submission's files and its hidden cases with their answers, until the worker removes it)."""
    return sorted(Path(runtime).parent.glob(f"{Path(runtime).name}{INBOX_SUFFIX}*"))


class KernelZygote:
    """The slot's warm kernel process (lives in the nbgrader worker process; one job at a time)."""

    def __init__(self, runtime: Path, rlimits: list):
        from .processes import ServedProcess
        self.runtime, self.limit_pairs = Path(runtime), [tuple(r) for r in rlimits]
        # beside the slot's socket folder, whose worker removes it when it closes (the zygote
        # dies with its worker, by SIGKILL: nothing of it can clean up after the last job)
        self.inbox = Path(tempfile.mkdtemp(prefix=f"{self.runtime.name}{INBOX_SUFFIX}", dir=self.runtime.parent))
        self.served = ServedProcess()
        self.served._start = self._start

    def rlimits(self) -> list:
        """The zygote runs under the submission's limits too (ServedProcess applies them)."""
        return self.limit_pairs

    def _start(self) -> None:
        from .bwrap import Sandbox, copy_font_cache
        mpl = copy_font_cache(self.inbox / ".matplotlib")
        # /grading: an empty folder each kernel mounts its own tmpfs on
        box = Sandbox(env={"MPLCONFIGDIR": "/tmp/matplotlib"}, caps=["CAP_SYS_ADMIN", "CAP_SETPCAP"],
                      chdir="/tmp", tmpfs_dirs=[[GRADING, 16384]])
        for cache in mpl.glob("fontlist-*.json"):  # matplotlib's font cache: not rebuilt
            box.bind(cache, f"/tmp/matplotlib/{cache.name}")
        box.bind(self.runtime, writable=True)  # the slot's socket folders (a tmpfs of the worker's)
        box.bind(self.inbox)
        self.served.start(lambda jobs_fd, replies_fd: box.command(
            [sys.executable, "-I", "-m", "autograder.sandbox.warm_kernel", str(jobs_fd), str(replies_fd),
             str(self.inbox)]), env={"PATH": "/usr/bin:/bin"}, cwd=self.inbox,
            log=self.inbox / "zygote.log", limits=self)

    def launch(self, connection_file: str, week: str, files_from: Path, files: list[str],
               cases: Path | None) -> int:
        """A fresh kernel for one submission: its files and cases copied into the inbox first."""
        from ..grader.submission import copy_submission
        self.served.ensure_running()
        for old in self.inbox.iterdir():  # the last job's files (its kernel is gone)
            if old.name != ".matplotlib" and old.is_dir() and not old.is_symlink():
                shutil.rmtree(old, ignore_errors=True)
        job_id = uuid.uuid4().hex[:16]
        box = self.inbox / job_id
        # nbgrader may not have copied every file (one it ignores): those are left out
        copy_submission([(rel, files_from / rel) for rel in files], box / "files", missing_ok=True)
        if cases is not None and cases.is_dir():
            shutil.copytree(cases, box / "hidden", symlinks=True)
        reply = self.served.request({"op": "launch", "id": job_id, "week": week, "connection_file": connection_file,
                                     "env": kernel_env(), "rlimits": [list(r) for r in self.limit_pairs],
                                     "debug": os.environ.get("DLCOURSE_WARM_DEBUG") == "1"},
                                    60)
        if not reply or "pid" not in reply:
            self.served.kill()
            raise RuntimeError("the warm kernel process did not start a kernel")
        return int(reply["pid"])

    def poll(self, pid: int) -> int | None:
        reply = self.served.request({"op": "poll", "pid": pid}, 30)
        return None if reply is None and self.served.alive() else (reply or {"status": -9}).get("status")

    def kill(self, pid: int) -> None:
        if self.served.alive():
            if self.served.request({"op": "kill", "pid": pid}, 30) is None:
                self.served.kill()

    def close(self) -> None:
        self.served.kill()
        shutil.rmtree(self.inbox, ignore_errors=True)


_zygote: KernelZygote | None = None


def slot_zygote(runtime: Path, rlimits: list) -> KernelZygote:
    """This worker process's kernel zygote (started on first use, restarted if it died)."""
    global _zygote
    if _zygote is None or _zygote.runtime != Path(runtime) or _zygote.limit_pairs != [tuple(r) for r in rlimits]:
        if _zygote is not None:
            _zygote.close()
        _zygote = KernelZygote(runtime, rlimits)
    return _zygote


class _WarmProcess:
    """Stands for the forked kernel where jupyter_client expects a ``Popen``."""
    stdin = stdout = stderr = None

    def __init__(self, zygote: KernelZygote, pid: int):
        self.zygote, self.pid, self.returncode = zygote, pid, None

    def poll(self):
        if self.returncode is None:
            self.returncode = self.zygote.poll(self.pid)
        return self.returncode

    def wait(self, timeout=None):
        import time
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError
            time.sleep(0.05)
        return self.returncode

    def send_signal(self, signum):
        if signum in (signal.SIGKILL, signal.SIGTERM):
            self.kill()
        # interrupts go as messages (the kernelspec's interrupt_mode)

    def kill(self):
        self.zygote.kill(self.pid)
        self.returncode = -signal.SIGKILL

    terminate = kill


def _provisioner_class():
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    class WarmKernelProvisioner(LocalProvisioner):
        """A kernel forked by the slot's :class:`KernelZygote` instead of a new process."""

        async def launch_kernel(self, cmd, **kwargs):
            job = json.loads(os.environ[WARM_ENV])  # no job description: no kernel (fail closed)
            zygote = slot_zygote(Path(job["runtime_root"]), job["rlimits"])
            pid = zygote.launch(self.parent.connection_file, job["week"], Path(kwargs.get("cwd") or job["cwd"]),
                                job["files"], Path(job["cases"]) if job.get("cases") else None)
            self.process = _WarmProcess(zygote, pid)
            self.pid, self.pgid = pid, None
            return self.connection_info

    return WarmKernelProvisioner


WarmKernelProvisioner = _provisioner_class()


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])

"""A long-lived nbgrader process per grading slot, with every notebook kernel jailed.

Starting ``nbgrader`` costs about 2 s of imports before it grades anything; paying that (twice,
with feedback) for every submission made a parallel ``dlcourse grade`` slower than plain serial
``nbgrader autograde``, which pays it once. So each worker slot keeps one trusted nbgrader
process (:class:`NbgraderWorker`) that grades submission after submission through nbgrader's
own API (``NbGraderAPI.autograde`` / ``generate_feedback``), while the untrusted part — the
kernel that runs the student's code — starts through a kernelspec that wraps it in the jail
(:mod:`autograder.sandbox`, bubblewrap): a file system built up from nothing but the Python
installation, the student package, this submission's own folder and its hidden-test cases;
a cleared environment; its own PID and network namespaces; the worker's resource limits.

The kernel talks to nbgrader over Unix sockets (ZeroMQ ``ipc`` transport) in a short private
folder bound into the sandbox, so it needs no network at all. A worker that dies or
overruns its time limit (a kernel flooding it with output, a file over the size limit) is
killed with everything its job started and replaced for the next submission; only that
submission loses what it broke.

Run as ``python -m autograder.grader.worker JOBS_FD REPLIES_FD``: one JSON job per line in,
one JSON reply per line out.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..sandbox.processes import ServedProcess, sweep
from .policy import Limits
from ..pipeline import tool_env
from ..sandbox.bwrap import SPEC_ENV, Sandbox, copy_font_cache
from ..sandbox.kernel import kernel_argv

KERNEL_NAME = "dlcourse-jailed"
READY_CLIENT = "autograder.grader.kernel_client.ReadyKernelClient"  # no fixed waits at a kernel's start
RUNTIME_BYTES = 4 * 2**20  # the tmpfs that holds a slot's kernel sockets and connection file
STARTUP_TIMEOUT = 300.0  # a loaded machine can take long to import nbgrader


WARM_MARK = "DLCOURSE_WARM_KERNELS"  # in the workers' environment: the kernelspec forks warm kernels


def default_warm_kernels() -> bool:
    from .policy import GradingOptions
    return bool(GradingOptions.class_traits()["warm_kernels"].default_value)


def write_kernelspec(data_dir: Path, sandboxed: bool = True, warm: bool = False) -> Path:
    """A kernelspec whose kernel starts inside the sandbox; returns the ``JUPYTER_PATH`` entry.

    The sandbox of each job comes from the file named in ``$DLCOURSE_SANDBOX_SPEC`` (see
    :meth:`NbgraderWorker.grade`); bubblewrap's ``--die-with-parent`` kills the kernel — and
    so its whole PID namespace — if the worker that started it dies. Without a sandbox
    (``--no-sandbox``) the kernel is a plain ``ipykernel``."""
    argv = kernel_argv() if sandboxed else [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec = data_dir / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    kernel = {"argv": argv, "display_name": "Python 3 (dlcourse grading sandbox)", "language": "python",
              "interrupt_mode": "message"}
    if sandboxed and warm:  # forked by the slot's warm kernel process (sandbox/warm_kernel.py)
        from ..sandbox.warm_kernel import PROVISIONER_NAME
        kernel["metadata"] = {"kernel_provisioner": {"provisioner_name": PROVISIONER_NAME}}
    (spec / "kernel.json").write_text(json.dumps(kernel, indent=1))
    return data_dir


def worker_env(work: Path, sandboxed: bool = True, warm: bool | None = None) -> dict:
    """The environment of the worker processes: the tool environment plus the sandboxed
    kernelspec (warm kernels unless ``warm`` is False: :class:`.policy.GradingOptions`)."""
    warm = default_warm_kernels() if warm is None else warm
    data_dir = write_kernelspec(work / "jupyter", sandboxed, warm)
    return dict(tool_env(), JUPYTER_PATH=os.pathsep.join(filter(None, [str(data_dir), os.environ.get("JUPYTER_PATH")])),
                **{WARM_MARK: "1" if sandboxed and warm else "0"})


def kernel_home(work: Path) -> Path:
    """A template of the per-submission folders for IPython, matplotlib (with its font cache)
    and temporary files, made once per run and copied for every submission (the kernel may
    write there)."""
    home = work / "kernel-home"
    if not (home / "matplotlib").is_dir():
        staging = work / f".kernel-home-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        for sub in ("ipython", "tmp"):
            (staging / sub).mkdir(parents=True)
        copy_font_cache(staging / "matplotlib")
        try:
            os.replace(staging, home)
        except OSError:  # another thread made it first
            shutil.rmtree(staging, ignore_errors=True)
    return home


@dataclass
class JobResult:
    """What a worker reports for one submission."""
    autograded: bool = False     # nbgrader's autograde finished
    problem: str = ""            # why nbgrader could not finish (empty when it did)
    log: str = ""                # the tail of nbgrader's log for this submission
    swept: int = 0               # processes left behind by the job and killed


class NbgraderWorker(ServedProcess):
    """The parent's handle on one worker process (one job at a time)."""

    def __init__(self, work: Path, limits: Limits, base_env: dict, slot: int):
        self.work, self.limits, self.base_env, self.slot = work, limits, base_env, slot
        self.log = work / "logs" / f"worker-{slot}.log"
        # ZeroMQ's Unix socket paths must stay under ~100 characters: a short private folder.
        self.runtime = Path(tempfile.mkdtemp(prefix=f"dlj{slot}-", dir="/tmp" if Path("/tmp").is_dir() else None))

    def _start(self) -> None:
        # The kernel's sockets live in a folder it can write: the worker mounts a tiny private
        # tmpfs there (in a mount namespace of its own), so no kernel can fill the grader's disk.
        own_mounts = ["unshare", "--mount", "--propagation", "private"] if os.geteuid() == 0 else [
            "unshare", "--user", "--map-root-user", "--mount", "--propagation", "private"]
        mount = ["sh", "-c", f'mount -t tmpfs -o size={RUNTIME_BYTES},mode=0700 tmpfs "$0" && exec "$@"',
                 str(self.runtime)]
        self.start(lambda jobs_fd, replies_fd: [*own_mounts, *mount, sys.executable, "-m", "autograder.grader.worker",
                                                 str(jobs_fd), str(replies_fd)],
                   env=self.base_env, cwd=self.work, log=self.log, limits=self.limits, timeout=STARTUP_TIMEOUT)

    def close(self) -> None:
        from ..sandbox.warm_kernel import inboxes
        self.kill()
        for inbox in inboxes(self.runtime):  # its warm kernels' (the zygote died with the worker)
            shutil.rmtree(inbox, ignore_errors=True)
        shutil.rmtree(self.runtime, ignore_errors=True)

    # -- one submission
    def grade(self, course: Path, week: str, student: str, sandbox: Sandbox | None, kernel_env: dict,
              feedback: bool, warm: dict | None = None) -> JobResult:
        """nbgrader ``autograde`` (+ ``generate_feedback``) of one submission in ``course``.

        ``sandbox`` is the kernel's sandbox (None with ``--no-sandbox``); ``kernel_env`` is
        added to the environment of an unsandboxed kernel. ``warm`` (the submission's files
        and cases) has the kernel forked by the slot's warm kernel process instead."""
        self.ensure_running()
        token = uuid.uuid4().hex
        runtime = self.runtime / f"j{token[:12]}"  # the kernel's sockets, this job only (made by the worker)
        env = dict(self.base_env, DLCOURSE_JAIL_TOKEN=token)
        if warm is not None and sandbox is not None and self.base_env.get(WARM_MARK) == "1":
            from ..sandbox.warm_kernel import WARM_ENV
            env[WARM_ENV] = json.dumps(dict(warm, runtime_root=str(self.runtime), week=week,
                                            rlimits=[list(r) for r in self.limits.rlimits()]))
        elif sandbox is not None:
            # its sockets' folder (made by the worker on its own tmpfs) is the only extra bind
            env[SPEC_ENV] = str(sandbox.bind(runtime, writable=True).write_options(course / ".sandbox-options"))
        else:
            env.update(kernel_env)
        job = {"course": str(course), "week": week, "student": student, "feedback": feedback,
               "cell_timeout": self.limits.cell_timeout, "runtime": str(runtime), "env": env}
        self.log.write_bytes(b"")  # the log holds the current job only
        reply = self.request(job, self.limits.timeout)
        result = JobResult()
        if reply is None:
            status = self.proc.poll() if self.proc else -signal.SIGKILL
            if status is None:
                result.problem = f"nbgrader did not finish within {self.limits.timeout:.0f} s"
            elif status < 0:
                result.problem = f"nbgrader stopped (signal {-status}" + (
                    ", output file too large)" if -status == signal.SIGXFSZ else ")")
            else:
                result.problem = f"nbgrader stopped (exit {status})"
            self.kill()
            result.log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
        else:
            result.autograded = bool(reply["autograde"].get("success"))
            result.log = (reply["autograde"].get("error") or "") + (reply["autograde"].get("log") or "")[-3000:]
            if not result.autograded:
                result.problem = "nbgrader could not grade the notebook" + (
                    " (the kernel died)" if "DeadKernel" in result.log or "kernel died" in result.log.lower() else "")
        result.swept = sweep(token)
        return result


# ----------------------------------------------------------------------------- the worker process
def job_config(course: str, runtime: str, cell_timeout: float):
    """nbgrader's configuration for one job: the course's ``nbgrader_config.py`` and ours."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader
    from .feedback_safety import FEEDBACK_CONFIG
    config = PyFileConfigLoader("nbgrader_config.py", path=course).load_config()
    config.merge(Config({
        "CourseDirectory": {"root": course, "db_url": f"sqlite:///{course}/gradebook.db"},
        # the kernel is killed once its last cell has run: a graceful shutdown only waits
        "Execute": {"timeout": cell_timeout, "startup_timeout": 300, "kernel_name": KERNEL_NAME,
                    "shutdown_kernel": "immediate"},
        "AsyncKernelManager": {"client_class": READY_CLIENT},
        "KernelManager": {"transport": "ipc", "ip": f"{runtime}/k", "connection_file": f"{runtime}/k.json"},
    }))
    config.merge(Config(FEEDBACK_CONFIG))  # feedback pages safe to open (no student script runs)
    return config


def _run_job(job: dict) -> dict:
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    course, runtime = job["course"], job["runtime"]
    # the slot's socket folder is this worker's own tmpfs: clear what the last job left, then
    # make this job's folder there
    for leftover in Path(runtime).parent.iterdir():
        shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() and not leftover.is_symlink() \
            else leftover.unlink(missing_ok=True)
    os.mkdir(runtime, 0o700)
    os.environ.clear()
    os.environ.update(job["env"])  # what the kernel inherits: the jail's view, token and folders
    os.chdir(course)
    config = job_config(course, runtime, job["cell_timeout"])
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    reply = {"autograde": api.autograde(job["week"], job["student"], force=True, create=True)}
    if job["feedback"] and reply["autograde"].get("success"):
        reply["feedback"] = api.generate_feedback(job["week"], job["student"], force=True)
    for part in reply.values():
        part["log"] = (part.get("log") or "")[-3000:]
        part["error"] = (part.get("error") or "")[-3000:]
    return reply


def _die_with_parent() -> None:
    """Linux: the worker is killed when the grading process dies (no orphan keeps grading)."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _check_each_schema_once() -> None:
    """nbgrader checks every cell's metadata with ``jsonschema.validate``, which first validates
    the schema itself against its meta-schema on every call: most of nbgrader's own CPU time per
    notebook. A long-lived worker checks each schema once and keeps its validator; every cell is
    still validated exactly as before."""
    import jsonschema
    original = jsonschema.validate
    validators: dict = {}

    def validate(instance, schema, cls=None, *args, **kwargs):
        if cls is not None or args or kwargs:
            return original(instance, schema, cls, *args, **kwargs)
        key = json.dumps(schema, sort_keys=True)
        validator = validators.get(key)
        if validator is None:
            kind = jsonschema.validators.validator_for(schema)
            kind.check_schema(schema)
            validator = validators[key] = kind(schema)
        error = jsonschema.exceptions.best_match(validator.iter_errors(instance))
        if error is not None:
            raise error

    jsonschema.validate = validate


def main(jobs_fd: int, replies_fd: int) -> None:
    _die_with_parent()
    _check_each_schema_once()
    import autograder  # noqa: F401  (skips a slow optional import of nbgrader's dependencies)
    import nbgrader.apps.api  # noqa: F401  (paid once per worker, not once per submission)
    replies = os.fdopen(replies_fd, "w", buffering=1)
    replies.write(json.dumps({"ready": True}) + "\n")
    for line in os.fdopen(jobs_fd, "r"):
        try:
            reply = _run_job(json.loads(line))
        except Exception as exc:  # the job failed, not the worker
            reply = {"autograde": {"success": False, "error": f"{type(exc).__name__}: {exc}"[-3000:]}}
        replies.write(json.dumps(reply) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))

"""Limits and process control for everything that runs a submission's code.

* **resource limits** (``setrlimit``): address space (memory), size of any file written
  (output), no core dumps; plus a wall-clock limit enforced from outside;
* **its own process tree**: a new session whose process group is killed when the job ends,
  and every process carrying the job's token swept (the bubblewrap sandbox of
  :mod:`autograder.sandbox` adds a PID namespace, so nothing survives it anyway);
* :class:`ServedProcess`: the long-lived helper processes (nbgrader workers, warm re-check
  sandboxes) that take one JSON job per line.

What a process can *see* is the sandbox's business (:mod:`autograder.sandbox`).
"""
from __future__ import annotations

import json
import os
import resource
import select
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the limits come from the grader's policy; anything with rlimits() will do
    from ..grader.policy import Limits
from typing import Sequence


def _preexec(limits: Limits):
    def apply():
        os.setsid()
        for which, value in limits.rlimits():
            try:
                resource.setrlimit(which, (value, value))
            except (ValueError, OSError):
                pass
    return apply


def sweep(token: str) -> int:
    """Kill every process whose environment carries the jail token; return how many."""
    killed = 0
    needle = f"DLCOURSE_JAIL_TOKEN={token}".encode()
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                os.kill(int(entry.name), signal.SIGKILL)
                killed += 1
        except (OSError, ValueError):
            continue
    return killed


@dataclass
class JailResult:
    returncode: int | None
    timed_out: bool
    seconds: float
    signal: int | None = None
    swept: int = 0


def run_jailed(cmd: Sequence[str], cwd: Path, limits: Limits, timeout: float,
               env: dict | None = None, log: Path | None = None) -> JailResult:
    """Run ``cmd`` (already wrapped in its sandbox, if any) under ``limits``; kill everything it
    started when it ends or times out."""
    token = uuid.uuid4().hex
    wrapped = list(cmd)
    full_env = dict(env or os.environ, DLCOURSE_JAIL_TOKEN=token)
    t0 = time.perf_counter()
    out = open(log, "wb") if log else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(wrapped, cwd=cwd, env=full_env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, preexec_fn=_preexec(limits))
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
    finally:
        if log:
            out.close()
    swept = sweep(token)
    rc = proc.returncode
    return JailResult(rc, timed_out, time.perf_counter() - t0, -rc if rc is not None and rc < 0 else None, swept)


class ServedProcess:
    """A long-lived helper process that takes one JSON job per line and answers with one JSON
    line, over two pipes (the grading workers and the warm re-check sandboxes).

    ``command(jobs_fd, replies_fd)`` builds its command line from the two descriptor numbers;
    the process first answers ``{"ready": true}``. It runs in its own session under ``limits``,
    and :meth:`kill` ends its whole process group."""

    proc: subprocess.Popen | None = None
    jobs = replies = None

    def start(self, command, env: dict, cwd: Path, log: Path, limits: Limits, timeout: float = 300) -> None:
        jobs_r, jobs_w = os.pipe()
        replies_r, replies_w = os.pipe()
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "ab") as out:
            self.proc = subprocess.Popen(command(jobs_r, replies_w), pass_fds=(jobs_r, replies_w),
                                         stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                         env=env, cwd=cwd, preexec_fn=_preexec(limits))
        os.close(jobs_r)
        os.close(replies_w)
        self.jobs = os.fdopen(jobs_w, "w", buffering=1)
        self.replies = os.fdopen(replies_r, "r")
        if not (self._read(timeout) or {}).get("ready"):
            self.kill()
            raise RuntimeError(f"{type(self).__name__} did not start; see {log}")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def ensure_running(self) -> None:
        """Start the process (again, after it died or was killed); subclasses define ``_start``."""
        if not self.alive():
            self.kill()
            self._start()

    def request(self, job: dict, timeout: float) -> dict | None:
        """Send one job; its reply, or None when the process died or did not answer in time."""
        try:
            self.jobs.write(json.dumps(job) + "\n")
        except (OSError, ValueError, AttributeError):
            return None
        return self._read(timeout)

    def _read(self, timeout: float) -> dict | None:
        if not select.select([self.replies], [], [], timeout)[0]:
            return None
        try:
            return json.loads(self.replies.readline() or "null")
        except ValueError:  # died while writing
            return None

    def kill(self) -> None:
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
        for stream in (self.jobs, self.replies):
            if stream:
                try:
                    stream.close()
                except OSError:
                    pass
        self.proc = self.jobs = self.replies = None

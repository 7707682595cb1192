"""Run untrusted work in a jail: resource limits, its own process tree, a restricted view of files.

Every submission is graded by processes started through :func:`run_jailed`:

* **resource limits** (``setrlimit``): address space (memory), size of any file written
  (output), no core dumps; plus a wall-clock limit enforced from outside;
* **its own process tree**: a new session, and — where Linux user namespaces are available
  (``unshare``, util-linux) — a new PID namespace, so that when the jail's first process
  ends, every process it left behind is killed by the kernel; without namespaces, the
  process group is killed and every process carrying the jail's token is swept;
* **a restricted view of files** (with namespaces): some directories are hidden behind an
  empty tmpfs (the reference solutions, other submissions), some made read-only (the course
  repository, the grading output), and only the submission's own folder stays writable.

Without user namespaces (macOS, some containers) the limits and process cleanup still hold,
and the sandboxed re-check relies on its audit hook alone (see ``_sandbox_runner``); the
grader records which isolation it had in every result.
"""
from __future__ import annotations

import functools
import json
import os
import resource
import select
import shlex
import shutil
import signal
import site
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence


@dataclass
class Limits:
    """Per-submission limits (all configurable from ``dlcourse grade``)."""
    timeout: float = 600.0        # wall-clock seconds for nbgrader's run of one submission
    cell_timeout: int = 60        # seconds for one cell inside nbgrader
    recheck_timeout: float = 120.0  # wall-clock seconds for the out-of-kernel re-check
    memory_mb: int = 4096         # address space of each process
    max_output_mb: int = 64       # largest file a submission's processes may write

    def rlimits(self) -> list[tuple[int, int]]:
        mem = self.memory_mb * 2**20
        out = self.max_output_mb * 2**20
        return [(resource.RLIMIT_AS, mem), (resource.RLIMIT_FSIZE, out), (resource.RLIMIT_CORE, 0)]


@dataclass
class View:
    """What the jailed processes may see: hidden, read-only and writable paths."""
    hidden: list = field(default_factory=list)
    readonly: list = field(default_factory=list)
    writable: list = field(default_factory=list)


@functools.lru_cache(maxsize=None)
def namespaces_available() -> bool:
    """True when unprivileged user + mount + PID + network namespaces work here."""
    if os.environ.get("DLCOURSE_NO_NAMESPACES"):
        return False
    try:
        proc = subprocess.run(
            ["unshare", "--user", "--map-root-user", "--mount", "--pid", "--fork", "--mount-proc",
             "--net", "sh", "-c", "mount -t tmpfs tmpfs /mnt && echo ok"],
            capture_output=True, text=True, timeout=20)
        return proc.returncode == 0 and proc.stdout.strip() == "ok"
    except (OSError, subprocess.TimeoutExpired):
        return False


_MOUNT_SCRIPT = r"""
set -e
# A new network namespace has only a loopback device, and it starts down.
[ -n "$DLJ_LOOPBACK" ] && ip link set lo up
hide() {
  if [ -d "$1" ]; then mount -t tmpfs -o size=64k tmpfs "$1"; elif [ -e "$1" ]; then mount --bind /dev/null "$1"; fi
}
# Read-only and writable folders are parked on a private tmpfs first, so that hiding a parent
# folder (say /tmp, with the course cloned below it) cannot hide them. The stage sits on /mnt
# when it exists, as /tmp may be hidden.
if [ -d /mnt ]; then stage=/mnt; else stage=$(mktemp -d /tmp/.dlcourse-jail.XXXXXX); fi
mount -t tmpfs -o size=64k tmpfs "$stage"
i=0
for d in $DLJ_READONLY $DLJ_WRITABLE; do
  i=$((i+1)); mkdir -p "$stage/$i"; [ -e "$d" ] && mount --rbind "$d" "$stage/$i"
done
for d in $DLJ_HIDDEN; do hide "$d"; done
# Read-only folders: still visible ones are bound onto themselves (which keeps what is hidden
# inside them hidden); those below a hidden folder come back from the stage, and what must
# stay hidden inside them is hidden again.
i=0
for d in $DLJ_READONLY; do
  i=$((i+1))
  if [ -e "$d" ]; then
    mount --rbind "$d" "$d"
  elif [ -e "$stage/$i" ] && mkdir -p "$d" 2>/dev/null; then
    mount --rbind "$stage/$i" "$d"
    for h in $DLJ_HIDDEN; do case "$h" in "$d"/*) hide "$h";; esac; done
  else
    continue
  fi
  mount -o remount,bind,ro "$d"
done
# writable folders last, so that one inside a read-only folder stays writable
for d in $DLJ_WRITABLE; do
  i=$((i+1)); [ -e "$d" ] || mkdir -p "$d" 2>/dev/null || true; mount --bind "$stage/$i" "$d"
done
# and the rest of the file system read-only too (the Python installation, /usr, /etc, ...)
mount -o remount,bind,ro /
exec "$@"
"""


def jail_command(cmd: Sequence[str], view: View, network: bool) -> tuple[list[str], dict]:
    """The command wrapped in namespaces (when available) and the env variables it needs.

    ``network=False`` gives the jail a network of its own with only a loopback device (no
    way out); without the ``ip`` tool to bring that device up, the network is shared.
    """
    if not namespaces_available():
        return list(cmd), {}
    prefix = ["unshare", "--user", "--map-root-user", "--mount", "--pid", "--fork", "--mount-proc",
              "--kill-child"]
    loopback = ""
    if not network and shutil.which("ip"):
        prefix.append("--net")
        loopback = "1"
    # The interpreter and its packages are always visible (the course may be cloned below a
    # hidden folder) and never writable; /dev/shm, shared between processes, is private.
    readonly = [*view.readonly, *sorted({sys.prefix, sys.base_prefix, *site.getsitepackages()})]
    view = View([*view.hidden, "/dev/shm"], readonly, view.writable)
    env = {
        "DLJ_LOOPBACK": loopback,
        "DLJ_HIDDEN": " ".join(shlex.quote(str(p)) for p in view.hidden if " " not in str(p)),
        "DLJ_READONLY": " ".join(str(p) for p in view.readonly if " " not in str(p)),
        "DLJ_WRITABLE": " ".join(str(p) for p in view.writable if " " not in str(p)),
    }
    return [*prefix, "sh", "-c", _MOUNT_SCRIPT, "dlcourse-jail", *cmd], env


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


def run_jailed(cmd: Sequence[str], cwd: Path, limits: Limits, timeout: float, view: View,
               env: dict | None = None, network: bool = False, log: Path | None = None) -> JailResult:
    """Run ``cmd`` in a jail; kill everything it started when it ends or times out."""
    token = uuid.uuid4().hex
    wrapped, jail_env = jail_command(cmd, view, network)
    full_env = dict(env or os.environ, DLCOURSE_JAIL_TOKEN=token, **jail_env)
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

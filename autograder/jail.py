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
import os
import resource
import shlex
import shutil
import signal
import subprocess
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
# A new network namespace has only a loopback device, and it starts down (kernels talk to
# nbgrader over 127.0.0.1).
[ -n "$DLJ_LOOPBACK" ] && ip link set lo up
# Writable folders are parked on a private tmpfs first, so that hiding a parent folder
# cannot hide them; they are mounted back in place after the hiding.
# the stage sits on /mnt when it exists, as /tmp itself may be hidden below
if [ -d /mnt ]; then stage=/mnt; else stage=$(mktemp -d /tmp/.dlcourse-jail.XXXXXX); fi
mount -t tmpfs -o size=64k tmpfs "$stage"
i=0
for d in $DLJ_WRITABLE; do
  i=$((i+1)); mkdir -p "$stage/$i"; [ -e "$d" ] && mount --bind "$d" "$stage/$i"
done
for d in $DLJ_HIDDEN; do
  if [ -d "$d" ]; then mount -t tmpfs -o size=64k tmpfs "$d"; elif [ -e "$d" ]; then mount --bind /dev/null "$d"; fi
done
i=0
for d in $DLJ_WRITABLE; do
  i=$((i+1)); mkdir -p "$d" 2>/dev/null || true; mount --bind "$stage/$i" "$d"
done
for d in $DLJ_READONLY; do
  # --rbind keeps the writable mounts made above; remount makes only the top read-only
  if [ -e "$d" ]; then mount --rbind "$d" "$d"; mount -o remount,bind,ro "$d"; fi
done
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

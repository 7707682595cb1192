"""The sandbox every process that runs a submission's code starts in: bubblewrap, by allowlist.

A sandbox's file system is built up from nothing (``bwrap``, the sandbox under Flatpak): it
holds only

* **the Python installation**, read-only: the interpreter and its standard library, the
  system libraries it links against, and — in every ``site-packages`` folder — only the
  distributions that the student's code and the grading runtime need (:data:`RUNTIME_DISTRIBUTIONS`
  and everything they require), plus the student-facing packages of ``dlcourse`` itself
  (``course`` and the public probes in ``autograder``). The reference solutions and any other
  package installed beside them are simply not there, whether installed editable or by a
  normal ``pip install``;
* what the job binds in: the copy of this one submission, read-write, and its hidden-test
  inputs, read-only;
* a private ``/tmp``, ``/dev`` and ``/proc``, and a private home.

No course repository, no ``source/``, no class folder, no grading work tree, no other
student, no home of the instructor. The environment is cleared to :data:`BASE_ENV` plus what
the job sets; the network namespace holds nothing but a down loopback device (kernels talk to
nbgrader over Unix sockets); the PID namespace is private, so everything a submission starts
dies with it (``--die-with-parent``); every capability is dropped.

Where bubblewrap cannot build a sandbox, :func:`availability` says why and ``dlcourse grade``
refuses to grade (fail closed) unless the instructor passes ``--no-sandbox``.
"""
from __future__ import annotations

import functools
import glob
import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

# What a submission's code may import: the course's runtime, the kernel, and what they require.
RUNTIME_DISTRIBUTIONS = ("numpy", "matplotlib", "matplotlib-fontja", "scikit-learn", "ipykernel", "ipython")
# The packages of the dlcourse distribution that a student installs anyway (no answers).
STUDENT_PACKAGES = ("course", "autograder")
# The only environment a sandboxed process starts with (the job adds its own folders).
BASE_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "MPLBACKEND": "Agg",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONNOUSERSITE": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "DLCOURSE_SANDBOXED": "1",   # the hidden tests never fall back to the reference here
}
# Where the job's own folders appear inside the sandbox.
HOME = "/home/student"
TMP_BYTES = 256 * 2**20   # each of /tmp, the home (and a kernel's working folder) is a private tmpfs of at most this size
SHM_BYTES = 64 * 2**20    # /dev/shm
SPEC_ENV = "DLCOURSE_SANDBOX_SPEC"   # the kernel's sandbox: bwrap's options file (see kernel.py)


CLEAN_EXEC_ENV = {"PATH": "/usr/bin:/bin"}  # what bwrap itself is started with


class SandboxUnavailable(RuntimeError):
    """bubblewrap cannot build a sandbox here; the message says what to install or enable."""


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _installed() -> dict:
    """``{normalised name: distribution}`` as the interpreter finds them in its site folders
    (not in the current folder, which ``python -I`` never looks in)."""
    paths = [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]
    found: dict = {}
    for dist in importlib.metadata.distributions(path=paths):
        found.setdefault(_normal(dist.metadata["Name"] or ""), dist)
    return found


@functools.lru_cache(maxsize=None)
def runtime_distributions() -> tuple:
    """The installed distributions a sandbox holds: :data:`RUNTIME_DISTRIBUTIONS` and their
    requirements (markers evaluated, no extras), plus dlcourse's own files (its packages,
    metadata, editable finder) without its instructor-side requirements. Never
    ``dlcourse-solutions``."""
    from packaging.requirements import Requirement
    installed = _installed()
    seen: dict = {}
    todo = list(RUNTIME_DISTRIBUTIONS)
    while todo:
        name = _normal(todo.pop())
        if name in seen or name not in installed:
            continue
        seen[name] = dist = installed[name]
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    if "dlcourse" in installed:
        seen.setdefault("dlcourse", installed["dlcourse"])
    seen.pop("dlcourse-solutions", None)
    return tuple(seen.values())


def _site_dirs() -> list[Path]:
    """Every folder that may hold installed distributions, on this interpreter's path or not."""
    import site
    found = {Path(p) for p in sys.path if p.endswith(("site-packages", "dist-packages"))}
    found |= {Path(p) for p in site.getsitepackages()}
    for prefix in {sys.prefix, sys.base_prefix, "/usr", "/usr/local"}:
        for pattern in ("lib/python3*/site-packages", "lib/python3*/dist-packages", "lib/python3/dist-packages"):
            found |= {Path(p) for p in glob.glob(os.path.join(prefix, pattern))}
    return sorted(p.resolve() for p in found if p.is_dir())


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]).resolve()


@functools.lru_cache(maxsize=None)
def python_view() -> tuple[tuple[str, str], ...]:
    """The read-only part of every sandbox, as bubblewrap operations ``(op, path)``.

    ``("ro", p)`` binds ``p`` read-only at the same path; ``("tmpfs", p)`` puts an empty folder
    there (a site folder, which then gets only its allowed entries bound back in)."""
    ops: list[tuple[str, str]] = []
    for system in ("/usr/lib", "/usr/lib64", "/usr/lib32", "/usr/libx32", "/usr/bin", "/usr/share"):
        if os.path.isdir(system) and not os.path.islink(system):
            ops.append(("ro", system))
    for link in ("/lib", "/lib64", "/lib32", "/libx32", "/bin"):
        if os.path.islink(link):
            ops.append(("symlink:" + os.readlink(link), link))
        elif os.path.isdir(link):
            ops.append(("ro", link))
    ops += [("ro", name) for name in ("/etc/ld.so.cache", "/etc/localtime", "/etc/fonts") if os.path.exists(name)]
    prefixes = sorted({str(Path(p).resolve()) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)})
    # the interpreter itself may be a link out of its prefix (a venv's bin/python)
    interpreter = str(Path(sys.executable).resolve())
    ops += [("ro", p) for p in prefixes]
    if not any(interpreter.startswith(p + os.sep) for p in prefixes):
        ops.append(("ro", interpreter))
    allowed: dict[Path, set] = {}
    owned: dict[Path, set] = {}
    for dist in _installed().values():
        base = Path(dist.locate_file("")).resolve()
        owned.setdefault(base, set()).update(f.parts[0] for f in dist.files or [] if f.parts)
    for dist in runtime_distributions():
        base = Path(dist.locate_file("")).resolve()
        for f in dist.files or []:
            if f.parts and f.parts[0] not in ("..", "__pycache__"):
                allowed.setdefault(base, set()).add(f.parts[0])
    on_path = {Path(p).resolve() for p in sys.path if p}
    for site_dir in _site_dirs():
        if site_dir not in on_path and not any(str(site_dir).startswith(root + os.sep) for op, root in ops if op == "ro"):
            continue  # neither importable nor visible in the sandbox
        ops.append(("tmpfs", str(site_dir)))
        # .pth files no distribution owns (a path added by hand) only extend sys.path; what
        # they point at is visible only if it is bound too
        entries = set(allowed.get(site_dir, ())) | {p.name for p in site_dir.glob("*.pth")
                                                    if p.name not in owned.get(site_dir, ())}
        for entry in sorted(entries):
            if (site_dir / entry).exists() and not (site_dir / entry).is_symlink():
                ops.append(("ro", str(site_dir / entry)))
    # The student-facing packages, wherever they live (site-packages, or the repository for an
    # editable install: then only these two folders of the repository are visible).
    for name in STUDENT_PACKAGES:
        where = _package_dir(name)
        if where is not None:
            ops.append(("ro", str(where)))
    return tuple(ops)


@dataclass
class Sandbox:
    """One sandboxed process: what it sees besides :func:`python_view` and how it starts.

    ``binds`` are ``(source, target, writable)``; ``env`` is added to :data:`BASE_ENV`."""
    binds: list = field(default_factory=list)
    env: dict = field(default_factory=dict)
    chdir: str = "/tmp"
    home: str = HOME
    view: list = field(default_factory=list)      # python_view(), computed once by the grader
    caps: list = field(default_factory=list)      # capabilities kept (the re-check zygote's, to shut in its children)
    tmpfs_dirs: list = field(default_factory=list)  # private, size-capped folders (before the binds)

    def bind(self, source: str | Path, target: str | Path | None = None, writable: bool = False,
             if_exists: bool = False) -> "Sandbox":
        """Bind ``source`` at ``target`` (default: the same path); ``if_exists``: skip it when
        it does not exist when the sandbox starts."""
        self.binds.append((str(source), str(target or source), "try" if if_exists else writable))
        return self

    def command(self, argv: Sequence[str]) -> list[str]:
        """``bwrap … argv``: the whole sandbox as one command line (no shell involved)."""
        bwrap = bwrap_path()
        if bwrap is None:
            raise SandboxUnavailable(availability())
        return [bwrap, *self.options(), "--", *argv]

    def write_options(self, path: Path) -> Path:
        """The options as bubblewrap's ``--args`` file (NUL-separated), for the kernel launcher."""
        Path(path).write_bytes(b"".join(arg.encode() + b"\0" for arg in self.options()))
        return Path(path)

    def options(self) -> list[str]:
        """Every bubblewrap option of this sandbox (everything before the command)."""
        keep = [arg for cap in self.caps for arg in ("--cap-add", cap)] or ["--cap-drop", "ALL"]
        cmd = ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
               "--new-session", *keep, "--clearenv", "--tmpfs", "/", "--dev", "/dev", "--proc", "/proc",
               "--size", str(SHM_BYTES), "--tmpfs", "/dev/shm",
               "--size", str(TMP_BYTES), "--tmpfs", "/tmp", "--size", str(TMP_BYTES), "--tmpfs", self.home,
               "--dir", "/mnt"]
        for op, path in self.view or python_view():
            if op == "ro":
                cmd += ["--ro-bind", path, path]
            elif op == "tmpfs":
                cmd += ["--tmpfs", path]
            elif op.startswith("symlink:"):
                cmd += ["--symlink", op.split(":", 1)[1], path]
        for entry in self.tmpfs_dirs:  # a path, or [path, size in bytes]
            path, size = (entry, TMP_BYTES) if isinstance(entry, str) else entry
            cmd += ["--size", str(size), "--tmpfs", path]
        for source, target, writable in self.binds:
            cmd += ["--ro-bind-try" if writable == "try" else "--bind" if writable else "--ro-bind", source, target]
        # Read-only too: the site folders (tmpfs holding the allowed entries), /dev (device
        # nodes still work; /dev/shm is its own capped tmpfs) and the root itself. Only the
        # capped tmpfs folders and the writable binds take writes.
        for op, path in self.view or python_view():
            if op == "tmpfs":
                cmd += ["--remount-ro", path]
        cmd += ["--remount-ro", "/dev", "--remount-ro", "/"]
        env = dict(BASE_ENV, HOME=self.home, TMPDIR="/tmp", **self.env)
        for key, value in env.items():
            cmd += ["--setenv", key, str(value)]
        return cmd + ["--chdir", self.chdir]


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


@functools.lru_cache(maxsize=None)
def availability() -> str:
    """Empty when a sandbox can be built here; otherwise what is missing, in words."""
    if bwrap_path() is None:
        return ("bubblewrap is not installed: install it (Debian/Ubuntu: `sudo apt-get install "
                "bubblewrap`; Fedora: `sudo dnf install bubblewrap`), or pass --no-sandbox to grade "
                "without isolation (every row then records it)")
    try:
        probe = Sandbox().command([sys.executable, "-c", "import numpy, course; print('ok')"])
        proc = subprocess.run(probe, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired, SandboxUnavailable) as exc:
        return f"bubblewrap could not start ({exc}); pass --no-sandbox to grade without isolation"
    if proc.returncode != 0 or proc.stdout.strip() != "ok":
        why = (proc.stderr.strip().splitlines() or ["no output"])[-1][:300]
        hint = (" — enable unprivileged user namespaces (`sudo sysctl -w kernel.unprivileged_userns_clone=1`, "
                "or on Ubuntu 24.04+ allow bwrap in AppArmor)" if "namespace" in why.lower()
                or "permission" in why.lower() else "")
        return f"bubblewrap cannot build a sandbox here: {why}{hint}; pass --no-sandbox to grade without isolation"
    return ""


def require() -> None:
    """Raise :class:`SandboxUnavailable` unless sandboxes can be built (fail closed)."""
    why = availability()
    if why:
        raise SandboxUnavailable(why)


def copy_font_cache(dest: Path) -> Path:
    """``dest`` as a matplotlib config folder holding matplotlib's font cache (bound into a
    sandbox read-only: a matplotlib starting without it rebuilds it, about 0.4 s of CPU)."""
    from matplotlib import font_manager, get_cachedir
    font_manager.fontManager  # noqa: B018  (builds the cache when there is none yet)
    dest.mkdir(parents=True, exist_ok=True)
    for cache in Path(get_cachedir()).glob("fontlist-*.json"):
        shutil.copy2(cache, dest / cache.name)
    return dest

"""The kernel launcher: nbgrader's kernelspec starts ``ipykernel`` inside the job's sandbox.

The kernelspec's ``argv`` is ``python -I -m autograder.sandbox.kernel {connection_file}``; this
trusted launcher reads the sandbox the grading job described (a JSON file named in
``$DLCOURSE_SANDBOX_SPEC``) and replaces itself with ``bwrap … python -m ipykernel_launcher``.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .bwrap import CLEAN_EXEC_ENV, SPEC_ENV, Sandbox


def kernel_argv() -> list[str]:
    """The kernelspec's ``argv``: this launcher, which reads its job from ``$DLCOURSE_SANDBOX_SPEC``."""
    return [sys.executable, "-I", "-m", "autograder.sandbox.kernel", "{connection_file}"]


def kernel_main(connection_file: str) -> None:
    """Start ``ipykernel`` inside the sandbox the grading job described (trusted launcher).

    The job's JSON names the binds; the connection file's folder (the kernel's Unix sockets)
    is bound writable. Without a job the launcher refuses: a kernel never starts unsandboxed
    by accident."""
    spec_path = os.environ.get(SPEC_ENV)
    if not spec_path:
        sys.exit("autograder.sandbox: no sandbox job ($DLCOURSE_SANDBOX_SPEC); refusing to start a kernel")
    box = Sandbox.from_json(Path(spec_path).read_text())
    conn = Path(connection_file).resolve()
    box.bind(conn.parent, writable=True)
    if box.seed_files_from:
        # The kernel's working folder is a private tmpfs holding read-only copies (binds) of
        # the files nbgrader put there: nothing the kernel writes or links there can redirect
        # what nbgrader itself later writes into the real folder, and its size is capped.
        seed = Path(box.seed_files_from)
        for dirpath, _, filenames in os.walk(seed, followlinks=False):
            for name in filenames:
                path = Path(dirpath) / name
                if path.is_file() and not path.is_symlink():
                    box.bind(path)
    argv = box.command([sys.executable, "-m", "ipykernel_launcher", "-f", str(conn)])
    # bubblewrap's own process (PID 1 in the sandbox, whose /proc/1/environ the kernel can
    # read) gets no environment either
    os.execve(argv[0], argv, CLEAN_EXEC_ENV)


if __name__ == "__main__":
    kernel_main(sys.argv[1])

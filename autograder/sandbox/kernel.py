"""The kernel launcher: nbgrader's kernelspec starts ``ipykernel`` inside the job's sandbox.

The kernelspec's ``argv`` is a one-line shell command: ``env -i bwrap --args 3 -- python -m
ipykernel_launcher -f {connection_file}``, with descriptor 3 open on the bubblewrap options
the grading job wrote (the file named in ``$DLCOURSE_SANDBOX_SPEC``: its binds, its working
folder, the folder of the kernel's sockets). ``env -i``: bubblewrap's own process (PID 1 in
the sandbox, whose ``/proc/1/environ`` the kernel can read) starts with no environment, and
the sandboxed process gets only what the options set. Without a job the shell stops: a kernel
never starts unsandboxed by accident.
"""
from __future__ import annotations

import sys

from .bwrap import SPEC_ENV, bwrap_path

_LAUNCH = (f'[ -n "${SPEC_ENV}" ] || {{ echo "no sandbox job (${SPEC_ENV}); refusing to start a kernel" >&2; exit 2; }}; '
           f'exec env -i "$0" --args 3 -- "$@" 3<"${SPEC_ENV}"')


def kernel_argv() -> list[str]:
    """The kernelspec's ``argv`` (one shell, then bubblewrap: no Python start-up of its own)."""
    return ["/bin/sh", "-c", _LAUNCH, bwrap_path() or "bwrap",
            sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]

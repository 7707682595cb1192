"""Warm kernels (autograder/sandbox/warm_kernel.py): each grading slot forks its notebook
kernels from one sandboxed process. A forked kernel must be as shut in as a kernel started
cold in its own bubblewrap sandbox: its own files and cases only, no inbox, no /proc, no
capability, no network, the sandbox's environment, PID 1 of its own namespace — and dead
when it is killed."""
from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import pytest

from autograder.grader.policy import Limits
from autograder.sandbox.bwrap import availability

pytestmark = pytest.mark.skipif(bool(availability()), reason=availability() or "bubblewrap available")

PROBE = r'''
import ctypes, json, os, socket
libc = ctypes.CDLL(None, use_errno=True)
def try_(f):
    try:
        return f()
    except Exception as exc:
        return type(exc).__name__
report = {
    "pid": os.getpid(), "cwd": os.getcwd(), "files": sorted(os.listdir(".")),
    "hidden": sorted(os.listdir("/grading/hidden")) if os.path.isdir("/grading/hidden") else None,
    "hidden_writable": try_(lambda: open("/grading/hidden/x", "w") and "yes"),
    "proc": sorted(os.listdir("/proc")),
    "tmp": sorted(os.listdir("/tmp")),
    "env": sorted(os.environ),
    "mount": libc.mount(b"tmpfs", b"/mnt", b"tmpfs", 0, None),  # -1: no capability left
    "net": try_(lambda: socket.create_connection(("1.1.1.1", 53), timeout=2) and "connected"),
    "earlier_note": os.path.exists(os.path.expanduser("~/note.txt")),
    "home_note": try_(lambda: open(os.path.expanduser("~/note.txt"), "w").write("kept?")),
}
print("REPORT" + json.dumps(report))
'''


@pytest.fixture
def zygote(tmp_path):
    from autograder.sandbox.warm_kernel import KernelZygote
    runtime = Path(tempfile.mkdtemp(prefix="dlwt-", dir="/tmp"))
    z = KernelZygote(runtime, Limits().rlimits())
    yield z, runtime
    z.close()


def _kernel_report(z, runtime, files_dir, files, cases=None, code=PROBE):
    from jupyter_client import BlockingKernelClient
    from jupyter_client.connect import write_connection_file
    job = runtime / f"j{time.monotonic_ns()}"
    job.mkdir()
    cf, _ = write_connection_file(str(job / "k.json"), transport="ipc", ip=str(job / "k"))
    pid = z.launch(cf, "w01_numpy_basics", files_dir, files, cases)
    kc = BlockingKernelClient()
    kc.load_connection_file(cf)
    kc.start_channels()
    out = []
    try:
        kc.wait_for_ready(timeout=60)
        kc.execute_interactive(code, timeout=60, output_hook=lambda m: out.append(m["content"].get("text", "")))
    finally:
        kc.stop_channels()
    return pid, json.loads("".join(out).split("REPORT", 1)[1])


def test_a_warm_kernel_is_shut_in(zygote, tmp_path, monkeypatch):
    z, runtime = zygote
    monkeypatch.setenv("INSTRUCTOR_SECRET", "s3cr3t")  # the grader's environment
    files = tmp_path / "submission"
    files.mkdir()
    (files / "w01_numpy_basics.ipynb").write_text("{}")
    (files / "data.csv").write_text("1,2")
    (files / "link").symlink_to("/etc/passwd")
    cases = tmp_path / "hidden"
    (cases / "w01_numpy_basics").mkdir(parents=True)
    (cases / "w01_numpy_basics" / "sigmoid").write_text("cases")
    pid, first = _kernel_report(z, runtime, files, ["w01_numpy_basics.ipynb", "data.csv", "link"], cases)
    assert first["pid"] == 2  # PID 1 of its namespace is the reaper, as bubblewrap's init is
    assert first["cwd"] == "/home/student/w01_numpy_basics"
    assert first["files"] == ["data.csv", "w01_numpy_basics.ipynb"]  # never the link
    assert first["hidden"] == ["w01_numpy_basics"]
    assert first["hidden_writable"] != "yes"
    assert first["proc"] == []
    assert not any(name.startswith("dlcourse-kernels") for name in first["tmp"])  # no inbox
    assert "INSTRUCTOR_SECRET" not in first["env"] and "DLCOURSE_SANDBOXED" in first["env"]
    assert first["mount"] == -1
    assert first["net"] != "connected"
    # the next kernel sees nothing of this one: not its files, not what it wrote at home
    z.kill(pid)
    assert z.poll(pid) is not None
    other = tmp_path / "other"
    other.mkdir()
    (other / "w01_numpy_basics.ipynb").write_text("{}")
    _, second = _kernel_report(z, runtime, other, ["w01_numpy_basics.ipynb"])
    assert second["files"] == ["w01_numpy_basics.ipynb"]
    assert second["earlier_note"] is False
    assert second["hidden"] == []


def test_killing_a_warm_kernel_ends_everything_it_started(zygote, tmp_path):
    z, runtime = zygote
    files = tmp_path / "s"
    files.mkdir()
    code = ("import os, json\nif os.fork() == 0:\n    import time\n    time.sleep(600)\n"
            "print('REPORT' + json.dumps({'ok': 1}))")
    pid, report = _kernel_report(z, runtime, files, [], code=code)
    assert report == {"ok": 1}
    assert z.poll(pid) is None  # still running
    z.kill(pid)
    assert z.poll(pid) is not None

"""The grader's kernel client (autograder.grader.kernel_client): ready with no fixed waits, and
still correct — a kernel that binds its sockets late is waited for, one that dies is reported.
Real kernels (ipykernel) started by jupyter_client's own kernel manager, as nbclient starts them."""
from __future__ import annotations

import asyncio
import json
import sys
import time

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from traitlets.config import Config

from autograder.grader.kernel_client import ReadyKernelClient
from autograder.grader.worker import READY_CLIENT, job_config

LATE_KERNEL = ("import sys, time; time.sleep({delay}); "
               "from ipykernel.kernelapp import launch_new_instance; launch_new_instance()")

# A kernel that answers on the shell channel at once but binds IOPub only after a second: a
# client that calls it ready on the shell reply alone would lose the first cell's output.
IOPUB_LATE_KERNEL = """
import json, sys, time, zmq
from jupyter_client.session import Session
info = json.load(open(sys.argv[sys.argv.index("-f") + 1]))
url = lambda port: f"tcp://{info['ip']}:{info[port]}"
session = Session(key=info["key"].encode(), signature_scheme=info["signature_scheme"])
context = zmq.Context()
shell = context.socket(zmq.ROUTER)
shell.bind(url("shell_port"))
iopub, start = None, time.monotonic()
while time.monotonic() - start < 30:
    if iopub is None and time.monotonic() - start > 1.0:
        iopub = context.socket(zmq.PUB)
        iopub.bind(url("iopub_port"))
    if shell.poll(20):
        idents, parts = session.feed_identities(shell.recv_multipart())
        msg = session.deserialize(parts)
        if msg["msg_type"] == "kernel_info_request":
            session.send(shell, "kernel_info_reply", {"status": "ok", "protocol_version": "5.3"},
                         parent=msg, ident=idents)
            if iopub is not None:
                session.send(iopub, "status", {"execution_state": "idle"}, parent=msg)
"""


def kernel_manager(tmp_path, code: str) -> AsyncKernelManager:
    """A kernel manager for a kernelspec that runs ``code`` (``-f {connection_file}`` after it)."""
    spec = tmp_path / "kernels" / "probe"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", code, "-f", "{connection_file}"], "display_name": "probe",
        "language": "python"}))
    config = Config({"AsyncKernelManager": {"client_class": READY_CLIENT}})
    return AsyncKernelManager(kernel_name="probe", config=config,
                              kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")]))


def test_the_worker_configures_the_ready_client_and_an_immediate_shutdown(tmp_path):
    from nbgrader.preprocessors import Execute
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    config = job_config(str(tmp_path), str(tmp_path / "run"), 30)
    assert AsyncKernelManager(config=config).client_factory is ReadyKernelClient
    assert Execute(config=config).shutdown_kernel == "immediate"


@pytest.mark.parametrize("transport", ["ipc", "tcp"])
def test_a_kernel_that_binds_late_is_waited_for_and_no_output_is_lost(tmp_path, transport):
    async def run():
        km = kernel_manager(tmp_path, LATE_KERNEL.format(delay=0.6))
        if transport == "ipc":
            km.transport, km.ip = "ipc", str(tmp_path / "k")
        await km.start_kernel()
        kc = km.client()
        assert isinstance(kc, ReadyKernelClient)
        try:
            kc.start_channels()
            t0 = time.monotonic()
            await kc.wait_for_ready(timeout=60)
            waited = time.monotonic() - t0
            seen = []
            reply = await kc.execute_interactive("print('first cell')", output_hook=seen.append, timeout=30)
            return waited, reply, seen
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)
    waited, reply, seen = asyncio.run(run())
    assert waited >= 0.5, "ready before the kernel could have bound its sockets"
    assert reply["content"]["status"] == "ok"
    assert any(m["msg_type"] == "stream" and "first cell" in m["content"]["text"] for m in seen), seen


def test_a_kernel_that_dies_before_answering_is_reported_at_once(tmp_path):
    async def run():
        km = kernel_manager(tmp_path, "import sys; sys.exit(3)")
        await km.start_kernel()
        kc = km.client()
        kc.start_channels()
        t0 = time.monotonic()
        try:
            with pytest.raises(RuntimeError, match="died"):
                await kc.wait_for_ready(timeout=60)
        finally:
            kc.stop_channels()
            await km.cleanup_resources()
        return time.monotonic() - t0
    assert asyncio.run(run()) < 10  # not the 60 s timeout


def test_a_kernel_that_never_answers_times_out(tmp_path):
    async def run():
        km = kernel_manager(tmp_path, "import time; time.sleep(60)")
        await km.start_kernel()
        kc = km.client()
        kc.start_channels()
        t0 = time.monotonic()
        try:
            with pytest.raises(RuntimeError, match="respond in 2 seconds"):
                await kc.wait_for_ready(timeout=2)
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)
        return time.monotonic() - t0
    assert 1.9 < asyncio.run(run()) < 10


def test_ready_waits_for_iopub_as_well_as_the_shell_reply(tmp_path):
    async def run():
        km = kernel_manager(tmp_path, IOPUB_LATE_KERNEL)
        await km.start_kernel()
        kc = km.client()
        kc.start_channels()
        t0 = time.monotonic()
        try:
            await kc.wait_for_ready(timeout=30)
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)
        return time.monotonic() - t0
    assert asyncio.run(run()) >= 1.0

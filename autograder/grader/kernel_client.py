"""nbgrader's side of a kernel's start: ready as soon as the kernel has answered, no fixed waits.

jupyter_client's ``wait_for_ready`` ends with a fixed wait: after the kernel's first reply it
reads IOPub until 0.2 s pass with no message, so that the start's status messages do not mix
with the first cell's. That is 0.2 s of every submission, longer than forking a warm kernel.
Its sockets also retry a connection every 0.1 s, and a kernel forked a moment ago has often not
bound them yet.

:class:`ReadyKernelClient` is ready when the kernel has answered a ``kernel_info_request`` on
the shell channel *and* IOPub has delivered the ``idle`` status of that same request. That
proves both channels are connected, and nothing of the start is left to flush: nbclient only
reads IOPub messages whose parent is the cell it runs. It connects its sockets every 10 ms
until the kernel has bound them. The worker's config makes it the client of nbclient's kernel
manager (``AsyncKernelManager.client_class``).
"""
from __future__ import annotations

import asyncio
import time
from queue import Empty

import zmq
import zmq.asyncio
from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.manager import KernelManager
from traitlets import default

RECONNECT_MS = 10     # how often a socket tries again to reach a kernel not yet listening
RETRY_SECONDS = 0.1   # no idle on IOPub this long after the reply: the status was published
                      # before IOPub was connected, so ask again
REPLY_SECONDS = 1.0   # wait for a reply on the shell channel before asking again (as jupyter_client)


class ReadyKernelClient(AsyncKernelClient):
    """An ``AsyncKernelClient`` whose :meth:`wait_for_ready` has no fixed waits."""

    @default("context")
    def _context_default(self) -> zmq.asyncio.Context:
        context = super()._context_default()
        context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)  # for each socket made after this
        return context

    async def _message_for(self, channel, msg_id: str, wanted, seconds: float):
        """The first message on ``channel`` with parent ``msg_id`` for which ``wanted(msg)``
        is true, within ``seconds``; None if there is none by then. Others are dropped."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                msg = await channel.get_msg(timeout=left)
            except Empty:
                return None
            if msg.get("parent_header", {}).get("msg_id") == msg_id and wanted(msg):
                return msg
        return None

    async def wait_for_ready(self, timeout: float | None = None) -> None:  # type: ignore[override]
        """Until the kernel has answered on shell and IOPub; RuntimeError if it dies or times out."""
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        if not isinstance(self.parent, KernelManager):
            # no process to ask whether it lives: wait for heartbeats first (as jupyter_client)
            while not await self._async_is_alive():
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond to heartbeats in {timeout:.0f} seconds")
                await asyncio.sleep(RETRY_SECONDS)
        while True:
            msg_id = self.kernel_info()
            reply = await self._message_for(self.shell_channel, msg_id,
                                            lambda m: m["msg_type"] == "kernel_info_reply",
                                            min(REPLY_SECONDS, max(deadline - time.monotonic(), 0.01)))
            if reply is not None and await self._message_for(
                    self.iopub_channel, msg_id,
                    lambda m: m["msg_type"] == "status" and m["content"].get("execution_state") == "idle",
                    RETRY_SECONDS):
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

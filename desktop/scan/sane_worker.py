"""The SANE worker process: runs the in-process `SaneBackend` on requests from the application's process.

Started by `desktop.scan.sane_process` (multiprocessing, `spawn` context); libsane, python-sane and their
reader threads live only here. Requests arrive on a `multiprocessing` connection as tuples; each gets one
answer, except `next` (read the job's next page), which first sends `("progress", done)` messages and then
one of `("page", mode, size, dpi)` followed by the raw pixels as one `send_bytes`, `("end",)`,
`("error", kind, device, detail, pages_done)` or `("interrupted", message)`. While a page is read, a
`("cancel",)` from the parent makes the scan's progress callback raise `Interrupted` (the in-process backend
then cancels the device as it always did); a `cancel` arriving after its page is ignored.

The process ends when the parent's end of the connection closes or on `("quit",)`, with `os._exit`: the C
libraries' exit-time destructors are skipped, so a locale lock left held by libsane's asynchronous cancel
(desktop/process_exit.py) cannot hang it.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from desktop.core.errors import Interrupted
from desktop.scan.devices import ScannerError, ScannerErrorKind


class _Channel:
    """The connection, shared by the main thread and the scan's progress watcher thread."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.lock = threading.Lock()
        self.cancelled = False

    def send(self, *message: Any, data: bytes | None = None) -> None:
        with self.lock:
            self.conn.send(message)
            if data is not None:
                self.conn.send_bytes(data)

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        """The scan's progress callback: reports to the parent and raises once it asked to cancel."""
        with self.lock:
            self.conn.send(("progress", done))
            while not self.cancelled and self.conn.poll():
                if self.conn.recv()[0] == "cancel":  # only cancels are sent while a page is read
                    self.cancelled = True
        if self.cancelled:
            raise Interrupted("Đã hủy quét.")


def _error(exc: BaseException) -> tuple[Any, ...]:
    if isinstance(exc, ScannerError):
        return ("error", exc.kind.value, exc.device, exc.detail, exc.pages_done)
    if isinstance(exc, Interrupted):
        return ("interrupted", str(exc))
    return ("error", ScannerErrorKind.OTHER.value, "", str(exc), 0)


def serve(conn: Connection) -> None:
    """The worker's main loop (the `multiprocessing.Process` target)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a terminal is the application's to handle
    from desktop.scan.sane_backend import SaneBackend, SaneJob

    backend = SaneBackend()
    channel = _Channel(conn)
    jobs: dict[int, SaneJob] = {}
    readers: dict[int, Iterator[Any]] = {}
    next_id = 0
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            break  # the application has gone
        op, args = request[0], request[1:]
        if op == "quit":
            break
        if op == "cancel":
            continue  # its page had already been sent
        try:
            if op == "next":
                job_id = args[0]
                if job_id not in readers:
                    channel.cancelled = False
                    readers[job_id] = jobs[job_id].pages(channel.progress)
                try:
                    image = next(readers[job_id])
                except StopIteration:
                    del readers[job_id]
                    channel.send("end")
                    continue
                except BaseException:
                    del readers[job_id]
                    raise
                channel.send("page", image.mode, image.size, image.info.get("dpi"), data=image.tobytes())
                continue
            result: Any = None
            if op == "devices":
                result = backend.devices()
            elif op == "capabilities":
                result = backend.capabilities(args[0])
            elif op == "open":
                next_id += 1
                jobs[next_id] = backend.open_job(*args)
                result = next_id
            elif op == "set_option":
                jobs[args[0]].set_option(args[1], args[2])
            elif op in ("stop", "close"):
                reader = readers.pop(args[0], None)
                if reader is not None and hasattr(reader, "close"):
                    reader.close()  # the in-process job's `finally` ends the device's operation
                job = jobs.pop(args[0], None) if op == "close" else None
                if job is not None:
                    job.close()
            channel.send("ok", result)
        except Exception as exc:
            channel.send(*_error(exc))
    for job in jobs.values():
        job.close()
    os._exit(0)

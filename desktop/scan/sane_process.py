"""SANE scanners through a worker process: libsane never runs in the application's process.

Why: libsane stops its backends' reader threads with an asynchronous `pthread_cancel`; a cancel landing while
the reader holds the allocator's lock deadlocks the process in malloc, and one landing inside `strerror()`
leaves glibc's locale lock held, so the process later hangs at exit or on its first print
(desktop/scan/sane_backend.py, desktop/process_exit.py; issue 21 item 7). Here the in-process backend runs in
`desktop.scan.sane_worker` and only that process can be hurt: it is killed and a fresh one started.

How: `multiprocessing` with the `spawn` context and one duplex `Pipe`, rather than a hand-made
`python -m desktop.scan.sane_worker` child: it already pickles requests and results (settings, device lists),
frames raw page bytes (`send_bytes`, one copy), gives the child's pid and `kill()`, ends daemonic children at
exit, and works in the PyInstaller bundle through `freeze_support()` (installer/entry.py), where
`sys.executable` is the application itself. `spawn` (not `fork`): the child inherits no Qt, SQLite or
thread state. The worker starts lazily (the first request, usually the device listing) and is reused; it
ends with the application (daemonic, and it leaves when its pipe closes).

Pages are read in lock step (`next`: one page per request), so a job behaves as the in-process one does:
options may be changed between pages (tests inject faults that way), and a caller that stops iterating
stops the device. Pages cross as (mode, size, raw bytes). `ScannerError`s cross as their kind, device,
detail and pages done, and are raised again here as the same errors. A cancel (the progress callback raising
`Interrupted`) is passed to the worker; when it does not answer within `CANCEL_GRACE` seconds the worker is
killed, the scan reported cancelled, and the next use starts a fresh worker (a job reopens its device there
with its settings and options). A worker that dies mid-scan gives a `ScannerError` that keeps the pages
already received.
"""

from __future__ import annotations

import atexit
import importlib.util
import multiprocessing
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

from PIL import Image

from desktop.core.errors import Interrupted
from desktop.scan import sane_worker
from desktop.scan.devices import (
    Capabilities,
    DeviceInfo,
    ProgressFn,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
)

WATCH_INTERVAL = 0.2  # seconds between progress reports while the worker reads a page
CANCEL_GRACE = 2.0  # seconds the worker has to answer a cancel before it is killed
REQUEST_TIMEOUT = 120.0  # seconds a listing, an open or an option may take before the worker is killed
PROCESS_NAME = "motcua-sane"
DIED = "tiến trình điều khiển máy quét đã dừng đột ngột"
HUNG = "tiến trình điều khiển máy quét không trả lời"


def available() -> bool:
    """python-sane is installed (it is not imported here: that would load libsane into this process)."""
    return sys.platform.startswith("linux") and importlib.util.find_spec("sane") is not None


class _WorkerGone(Exception):
    """The worker died, or was killed for not answering."""


class _Worker:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=sane_worker.serve, args=(child,), name=PROCESS_NAME, daemon=True
        )
        self.process.start()
        child.close()  # only the child holds its end: its death reads as EOF here
        self.lock = threading.Lock()  # one request (or one page) at a time
        self.alive = True

    def send(self, *message: Any) -> None:
        try:
            self.conn.send(message)
        except (OSError, ValueError) as exc:
            self.kill()
            raise _WorkerGone from exc

    def receive(self, timeout: float) -> tuple[Any, ...] | None:
        """The next message, or None after `timeout` seconds without one."""
        try:
            if not self.conn.poll(timeout):
                return None
            message: tuple[Any, ...] = self.conn.recv()
            return message
        except (EOFError, OSError, ValueError) as exc:
            self.kill()
            raise _WorkerGone from exc

    def receive_bytes(self) -> bytes:
        try:
            return self.conn.recv_bytes()
        except (EOFError, OSError, ValueError) as exc:
            self.kill()
            raise _WorkerGone from exc

    def request(self, *message: Any) -> Any:
        """Send a request and return its result; a `ScannerError` the worker raised is raised here."""
        with self.lock:
            self.send(*message)
            answer = self.receive(REQUEST_TIMEOUT)
            if answer is None:
                self.kill()
                raise _WorkerGone
        if answer[0] == "ok":
            return answer[1]
        raise _raised(answer)

    def kill(self) -> None:
        self.alive = False
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        """Ask the worker to leave; kill it if it does not within a second."""
        if self.alive:
            self.alive = False
            try:
                self.conn.send(("quit",))
            except (OSError, ValueError):
                pass
            self.process.join(1)
        self.kill()


_lock = threading.Lock()
_current: dict[str, _Worker] = {}


def worker() -> _Worker:
    """The running worker, started on first use and again after it died or was killed."""
    with _lock:
        running = _current.get("worker")
        if running is None or not running.alive or not running.process.is_alive():
            if running is not None:
                running.kill()
            running = _current["worker"] = _Worker()
        return running


def worker_pid() -> int | None:
    """The running worker's pid (None when none runs): tests kill it."""
    running = _current.get("worker")
    return running.process.pid if running is not None and running.alive else None


@atexit.register
def shutdown() -> None:
    """End the worker (at exit; tests call it to start from a fresh one)."""
    with _lock:
        running = _current.pop("worker", None)
    if running is not None:
        running.stop()


def _raised(answer: tuple[Any, ...]) -> Exception:
    if answer[0] == "interrupted":
        return Interrupted(answer[1])
    if answer[0] == "error":
        kind, device, detail, pages_done = answer[1:]
        return ScannerError(ScannerErrorKind(kind), device, detail, pages_done)
    return ScannerError(ScannerErrorKind.OTHER, "", f"unexpected answer {answer[0]!r}")


class SaneProcessJob:
    """A device opened in the worker; `pages()` yields pages until the feeder is empty."""

    def __init__(self, device_id: str, settings: ScanSettings) -> None:
        self.device_id = device_id
        self.settings = settings
        self._name = device_id.removeprefix("sane:")
        self._options: dict[str, str | int | float] = {}
        self._worker: _Worker | None = None
        self._id = 0
        self._open()

    def _open(self) -> _Worker:
        """The job's worker, reopening the device in a fresh one when its worker has gone."""
        if self._worker is not None and self._worker.alive:
            return self._worker
        current = worker()
        try:
            job_id = current.request("open", self.device_id, self.settings)
            for key, value in self._options.items():
                current.request("set_option", job_id, key, value)
        except _WorkerGone as exc:
            raise ScannerError(ScannerErrorKind.OTHER, self._name, DIED) from exc
        self._worker, self._id = current, job_id
        return current

    def set_option(self, key: str, value: str | int | float) -> None:
        """Change a raw SANE option between pages (diagnostics; tests inject faults this way)."""
        current = self._open()
        try:
            current.request("set_option", self._id, key, value)
        except _WorkerGone as exc:
            raise ScannerError(ScannerErrorKind.OTHER, self._name, DIED) from exc
        self._options[key] = value

    def pages(self, progress: ProgressFn | None = None) -> Iterator[Image.Image]:
        current = self._open()
        done = 0
        finished = False
        try:
            while True:
                try:
                    with current.lock:
                        image = self._next(current, progress, done)
                except _WorkerGone as exc:
                    finished = True
                    raise ScannerError(ScannerErrorKind.OTHER, self._name, DIED, done) from exc
                except BaseException:
                    finished = True
                    raise
                if image is None:
                    finished = True
                    return
                done += 1
                yield image
        finally:
            if not finished and current.alive:  # the caller stopped iterating: stop the device
                try:
                    current.request("stop", self._id)
                except (_WorkerGone, ScannerError, Interrupted):
                    pass

    def _next(self, current: _Worker, progress: ProgressFn | None, done: int) -> Image.Image | None:
        """Read one page in the worker (None: the batch is complete), reporting progress meanwhile."""
        current.send("next", self._id)
        deadline: float | None = None  # set once a cancel was asked for
        try:
            while True:
                wait = WATCH_INTERVAL if deadline is None else max(0.0, deadline - time.monotonic())
                message = current.receive(wait)
                if message is None or message[0] == "progress":
                    if deadline is None:
                        deadline = self._report(current, progress, message[1] if message else done)
                    elif message is None:  # the worker does not answer the cancel: kill it
                        current.kill()
                        raise Interrupted("Đã hủy quét.")
                    continue
                if message[0] == "page":
                    mode, size, dpi = message[1:]
                    data = current.receive_bytes()
                    if deadline is not None:  # the page was finished before the cancel arrived
                        break
                    image = Image.frombytes(mode, size, data)
                    if dpi is not None:
                        image.info["dpi"] = tuple(dpi)
                    return image
                if message[0] == "end" and deadline is None:
                    return None
                if deadline is None or message[0] == "interrupted":
                    raise _raised(message)
                break  # the page ended otherwise than cancelled after the cancel was asked for
        except (ScannerError, Interrupted, _WorkerGone):
            raise
        except BaseException:
            current.kill()  # left in the middle of a page: the worker's state is unknown
            raise
        current.send("stop", self._id)  # end the batch there (its generator, if the page was sent)
        if current.receive(CANCEL_GRACE) is None:
            current.kill()
        raise Interrupted("Đã hủy quét.")

    def _report(self, current: _Worker, progress: ProgressFn | None, done: int) -> float | None:
        """Call the caller's progress; when it raises `Interrupted`, ask the worker to cancel and return
        the time by which it must answer."""
        if progress is None:
            return None
        try:
            progress(done, 0, "")
        except Interrupted:
            current.send("cancel")
            return time.monotonic() + CANCEL_GRACE
        except Exception:  # a broken progress sink must not break the scan
            pass
        return None

    def close(self) -> None:
        if self._worker is not None and self._worker.alive:
            try:
                self._worker.request("close", self._id)
            except (_WorkerGone, ScannerError, Interrupted):
                pass
        self._worker = None


class SaneProcessBackend:
    name = "sane"

    def devices(self) -> list[DeviceInfo]:
        found: list[DeviceInfo] = self._request("devices")
        return found

    def capabilities(self, device_id: str) -> Capabilities:
        caps: Capabilities = self._request("capabilities", device_id)
        return caps

    def open_job(self, device_id: str, settings: ScanSettings) -> SaneProcessJob:
        return SaneProcessJob(device_id, settings)

    @staticmethod
    def _request(*message: Any) -> Any:
        try:
            return worker().request(*message)
        except _WorkerGone as exc:
            raise ScannerError(ScannerErrorKind.OTHER, "", DIED) from exc

"""The one sanctioned way to run work off the GUI thread (style §7-10, design §5).

Three entry points, all called from the GUI thread, all returning a `concurrent.futures.Future`, each with
its own workers (a lane), so that one kind of work never waits behind another:

- `run_query(fn, on_success, on_failure)`: work that does not write the store: reads, PDFs, scanning,
  one-off network calls (an enrolment, a settings check); on a small pool.
- `run_write(fn, on_success, on_failure)`: anything that writes the store. Writes are serialised on ONE
  worker thread, in submission order, so two writes never race for SQLite's write lock.
- `run_network(fn, on_success, on_failure)`: the sync's recurring network work (the connectivity probe
  every few seconds, passes that may wait minutes on a bad link), on its own two threads, so a slow probe
  or pass never holds up the list's queries and a probe still runs beside a long pass.

`fn` takes no arguments and runs on a worker thread; it must return plain data (dataclasses, tuples,
ints), never ORM objects bound to the worker's session, and must not touch widgets. `on_success(result)`
and `on_failure(exc)` are then called on the GUI thread (delivered through a queued Qt signal). Without
`on_failure`, the exception goes to `desktop.ui.errors.show_error` (Interrupted is silent). Pass
`owner=widget` to drop the callbacks when that widget has been deleted meanwhile.

Progress and cancellation: create a `Progress` in the GUI thread, connect its `changed(done, total, text)`
signal to a progress bar, and hand the object itself to the Qt-free core as its plain progress callback
(`seed_demo(store, dossiers=n, progress=progress)`). Calling it from the worker is thread-safe; after
`progress.cancel()` the next call raises `Interrupted`, which the core lets propagate.

Tests call `set_synchronous(True)` (the `tests/ui` conftest does) so that `fn` and the callbacks run inline
and deterministically, before `run_*` returns.

Hand-written on `concurrent.futures` (rather than QThreadPool/QRunnable) because the executors are plain
Python, give typed futures and a simple orderly `shutdown()`; Qt is only used to hop back to the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from desktop.core.errors import AppError, Interrupted

T = TypeVar("T")
SuccessFn = Callable[[T], None]
FailureFn = Callable[[BaseException], None]

log = logging.getLogger(__name__)

_QUERY_WORKERS = 3
_NETWORK_WORKERS = 2  # a pass and a probe


class _Relay(QObject):
    """Lives in the GUI thread; a callable emitted from any thread runs there (queued connection)."""

    deliver = Signal(object)

    def __init__(self) -> None:
        from PySide6.QtCore import Qt  # creating the Qt namespace takes 80 ms: not before the first screen

        super().__init__()
        self.deliver.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        fn()


class _Runner:
    """The executors and the relay; created lazily on first use, in the GUI thread."""

    def __init__(self) -> None:
        self.synchronous = False
        self._writer: ThreadPoolExecutor | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._network: ThreadPoolExecutor | None = None
        self._relay: _Relay | None = None
        self._lock = threading.Lock()

    def relay(self) -> _Relay:
        if self._relay is None or not shiboken6.isValid(self._relay):
            relay = _Relay()
            app = QCoreApplication.instance()
            if app is not None:
                relay.moveToThread(app.thread())
            self._relay = relay
        return self._relay

    def executor(self, lane: str) -> ThreadPoolExecutor:
        with self._lock:
            if lane == "write":
                if self._writer is None:
                    self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="motcua-write")
                return self._writer
            if lane == "network":
                if self._network is None:
                    self._network = ThreadPoolExecutor(
                        max_workers=_NETWORK_WORKERS, thread_name_prefix="motcua-net"
                    )
                return self._network
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=_QUERY_WORKERS, thread_name_prefix="motcua-task")
            return self._pool

    def shutdown(self, wait: bool) -> None:
        with self._lock:
            writer, pool, network = self._writer, self._pool, self._network
            self._writer = self._pool = self._network = None
        # Pending writes are never dropped: the writer always drains its queue.
        if writer is not None:
            writer.shutdown(wait=wait)
        for executor in (pool, network):
            if executor is not None:
                executor.shutdown(wait=wait, cancel_futures=True)


_runner = _Runner()


def set_synchronous(enabled: bool) -> None:
    """Run tasks inline on the calling thread (tests only): deterministic, no event loop needed."""
    _runner.synchronous = enabled


def is_synchronous() -> bool:
    return _runner.synchronous


def shutdown(wait: bool = True) -> None:
    """Stop the workers at application exit; queued writes still finish when `wait` is true."""
    _runner.shutdown(wait)


def _alive(owner: QObject | None) -> bool:
    return owner is None or shiboken6.isValid(owner)


def _finish(
    future: Future[T],
    on_success: SuccessFn[T] | None,
    on_failure: FailureFn | None,
    owner: QObject | None,
) -> None:
    """Runs on the GUI thread once `future` is done; a future cancelled by `shutdown()` reports nothing."""
    if future.cancelled():
        return
    exc = future.exception()
    if exc is None:
        if on_success is not None and _alive(owner):
            on_success(future.result())
        return
    if not _alive(owner):
        return
    if on_failure is not None:
        on_failure(exc)
    elif not isinstance(exc, Interrupted):
        from desktop.ui.errors import show_error

        show_error(exc)


def _submit(
    fn: Callable[[], T],
    on_success: SuccessFn[T] | None,
    on_failure: FailureFn | None,
    owner: QObject | None,
    lane: str,
) -> Future[T]:
    def work() -> T:
        try:
            return fn()
        except AppError:
            raise
        except BaseException:
            log.exception("background task failed")
            raise

    if _runner.synchronous:
        future: Future[T] = Future()
        try:
            future.set_result(work())
        except Exception as exc:
            future.set_exception(exc)
        _finish(future, on_success, on_failure, owner)
        return future

    future = _runner.executor(lane).submit(work)
    relay = _runner.relay()  # after: the first one makes the Qt namespace (80 ms), beside the work started

    def done(fut: Future[T]) -> None:
        if shiboken6.isValid(relay):
            relay.deliver.emit(lambda: _finish(fut, on_success, on_failure, owner))

    future.add_done_callback(done)
    return future


def run_query(
    fn: Callable[[], T],
    on_success: SuccessFn[T] | None = None,
    on_failure: FailureFn | None = None,
    *,
    owner: QObject | None = None,
) -> Future[T]:
    """Run `fn`, which does not write the store, on the pool; deliver its result or error on the GUI thread."""
    return _submit(fn, on_success, on_failure, owner, "pool")


def run_write(
    fn: Callable[[], T],
    on_success: SuccessFn[T] | None = None,
    on_failure: FailureFn | None = None,
    *,
    owner: QObject | None = None,
) -> Future[T]:
    """Run `fn`, which writes the store, on the single writer thread (submission order is kept)."""
    return _submit(fn, on_success, on_failure, owner, "write")


def run_network(
    fn: Callable[[], T],
    on_success: SuccessFn[T] | None = None,
    on_failure: FailureFn | None = None,
    *,
    owner: QObject | None = None,
) -> Future[T]:
    """Run the sync's network work (probe, pass) on its own lane, never waiting behind queries or PDFs."""
    return _submit(fn, on_success, on_failure, owner, "network")


class Progress(QObject):
    """A thread-safe progress callback for the Qt-free core, surfaced as the `changed` Qt signal.

    Call it as `progress(done, total, text="")` from the worker; `changed(done, total, text)` is emitted and
    delivered in the GUI thread. After `cancel()`, the next call raises `Interrupted`.
    """

    changed = Signal(int, int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancelled = threading.Event()

    def __call__(self, done: int, total: int, text: str = "", *_: Any) -> None:
        if self._cancelled.is_set():
            raise Interrupted("Đã hủy.")
        if shiboken6.isValid(self):
            self.changed.emit(int(done), int(total), str(text))

    def cancel(self) -> None:
        """Ask the running work to stop at its next progress report."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

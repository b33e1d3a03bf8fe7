"""The background-task helper: results and errors come back on the GUI thread, writes are serialised."""

from __future__ import annotations

import threading
import time

import pytest

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QMessageBox

from desktop.core.errors import Interrupted, StorageError
from desktop.ui import tasks
from tests.ui.helpers import visible_top_levels


def test_query_result_arrives_on_gui_thread(qtbot, threaded_tasks):
    seen: list[tuple[int, bool]] = []
    worker_threads: list[str] = []

    def work() -> int:
        worker_threads.append(threading.current_thread().name)
        return 42

    tasks.run_query(work, lambda v: seen.append((v, QThread.currentThread() is qtbot_app_thread())))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, True)]
    assert worker_threads[0].startswith("motcua-task")


def test_a_hanging_network_lane_never_delays_a_query(qtbot, threaded_tasks):
    release = threading.Event()
    hanging = [tasks.run_network(lambda: release.wait(10)) for _ in range(3)]  # more than its threads
    got: list[int] = []
    try:
        tasks.run_query(lambda: 7, got.append)
        qtbot.waitUntil(lambda: bool(got), timeout=2000)
        assert got == [7]
        assert not any(future.done() for future in hanging)
    finally:
        release.set()


def qtbot_app_thread() -> QThread:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_writes_run_one_at_a_time_in_order(qtbot, threaded_tasks):
    active = 0
    overlap = False
    order: list[int] = []
    lock = threading.Lock()

    def write(i: int) -> int:
        nonlocal active, overlap
        with lock:
            active += 1
            overlap = overlap or active > 1
        time.sleep(0.01)
        with lock:
            active -= 1
        return i

    for i in range(6):
        tasks.run_write(lambda i=i: write(i), order.append)
    qtbot.waitUntil(lambda: len(order) == 6)
    assert order == list(range(6))
    assert not overlap


def test_failure_goes_to_callback_and_interrupted_is_silent(qtbot):
    failures: list[BaseException] = []
    tasks.run_write(lambda: (_ for _ in ()).throw(StorageError("Ổ đĩa đầy.")), on_failure=failures.append)
    assert isinstance(failures[0], StorageError)

    def cancelled() -> None:
        raise Interrupted("hủy")

    tasks.run_query(cancelled)  # no callback: must not open any dialog
    assert not visible_top_levels(QMessageBox)


def test_unhandled_environment_error_shows_its_message(qtbot):
    def fail() -> None:
        raise StorageError("Cơ sở dữ liệu đang bị khóa.")

    tasks.run_write(fail)
    boxes = visible_top_levels(QMessageBox)
    assert [b.text() for b in boxes] == ["Cơ sở dữ liệu đang bị khóa."]
    for b in boxes:
        b.close()


def test_callbacks_dropped_when_owner_deleted(qtbot, threaded_tasks):
    owner = QObject()
    gate = threading.Event()
    got: list[int] = []
    future = tasks.run_query(lambda: gate.wait(5) and 1, got.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _valid(owner))
    gate.set()
    future.result(timeout=5)
    qtbot.wait(50)
    assert got == []


def _valid(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_progress_reports_and_cancels(qtbot, threaded_tasks):
    progress = tasks.Progress()
    reports: list[tuple[int, int, str]] = []
    progress.changed.connect(lambda d, t, s: reports.append((d, t, s)))
    errors: list[BaseException] = []
    started = threading.Event()

    def long_work() -> None:
        progress(1, 3, "một")
        started.set()
        while True:
            progress(2, 3, "hai")
            time.sleep(0.005)

    tasks.run_query(long_work, on_failure=errors.append)
    assert started.wait(5)
    progress.cancel()
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], Interrupted)
    assert reports[0] == (1, 3, "một")


@pytest.mark.parametrize("runner", [tasks.run_query, tasks.run_write, tasks.run_network])
def test_synchronous_mode_runs_inline(qtbot, runner):
    got: list[str] = []
    runner(lambda: threading.current_thread().name, got.append)
    assert got == [threading.current_thread().name]


def test_work_cancelled_by_shutdown_reports_nothing(qtbot, threaded_tasks):
    """At exit (or a test's end) `shutdown()` cancels queued queries: their callbacks are not called and
    nothing is raised in the event loop (it once raised CancelledError there, failing a later teardown)."""
    release = threading.Event()
    busy = [tasks.run_query(lambda: release.wait(5)) for _ in range(3)]  # every query thread
    got: list[object] = []
    queued = tasks.run_query(lambda: 1, got.append, got.append)
    stopping = threading.Thread(target=tasks.shutdown)
    stopping.start()
    qtbot.waitUntil(queued.cancelled, timeout=5000)
    release.set()
    stopping.join(5)
    qtbot.wait(50)  # the relayed callbacks are delivered
    assert got == [] and all(future.done() for future in busy)

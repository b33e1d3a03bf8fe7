"""The connectivity and sync controller of the main window (design §3, issue 7 item 4).

While this workstation is enrolled, the controller probes the provincial server's `/health` on the network
lane (`tasks.run_network`, never the GUI thread): every 5–6 s while it answers, with short backoff and jitter
while it does not (`ProbeSchedule`: a dead server shows offline within 10 s, a server back shows online within
30 s; "online" means the server answered, never the OS network flag). Probing goes on during a pass, so a
server that dies while a pass is retrying shows offline all the same. When it answers and changes are
waiting, it runs a pass; a change recorded while online is pushed `push_delay` seconds later; at the daily
end-of-day time (setting) the pass is a full end-of-day pass with the reconciliation. One pass at a time
(the engine is single-flight across processes, too). A pass's first contact is one quick probe (no
retries), so F9 on a dead link answers within 3 s. It drives the status bar's `SyncStatusWidget`.

`pause()` stops the automatic passes (probing goes on, so the status bar stays true) and stops a running
pass at its next step: what a batch already settled is committed, the rest waits (nothing is lost, nothing
is sent twice). `resume()` lets them run again at once. The officer's own passes (F9, the sync screen's
buttons) still run while paused. Each pass reports `pass_progress(done, total, text)` and the bytes put on
the wire so far (`pass_bytes`).
"""

from __future__ import annotations

import logging
import random
import threading
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.errors import ValidationError
from desktop.core.timeutil import now_local
from desktop.services.sync_control import (
    ProbeSchedule,
    SyncOverview,
    end_of_day_due,
    parse_end_of_day,
    read_overview,
    seconds_until,
)
from desktop.store.engine import Store
from desktop.ui import errors, tasks
from desktop.ui.sync_status import SyncStatusWidget

if TYPE_CHECKING:  # the engine (requests, pydantic) is imported on first use, off the GUI thread
    from sync.client.retry import RetryPolicy
    from sync.engine import PassResult, SyncEngine

log = logging.getLogger(__name__)

# module defaults, so tests can make the timings short before a window is built
SCHEDULE = ProbeSchedule()
RETRY: RetryPolicy | None = None  # None: the engine's default policy


class PassProgress(tasks.Progress):
    """The engine's progress callback (`done, total, text, bytes_sent`) as two signals."""

    sent = Signal(object)  # bytes put on the wire so far in this pass (object: beyond 2 GiB too)

    def __call__(self, done: int, total: int, text: str = "", sent: int = 0, *_: object) -> None:
        super().__call__(done, total, text)
        if shiboken6.isValid(self):
            self.sent.emit(int(sent))


class SyncController(QObject):
    """Probes, schedules and runs sync passes for one store; the GUI's single entry to the engine."""

    overview_changed = Signal(object)  # SyncOverview
    pass_started = Signal(str)  # trigger
    pass_progress = Signal(int, int, str)
    pass_bytes = Signal(object)  # bytes sent so far in the running pass
    paused_changed = Signal(bool)
    pass_finished = Signal(object)  # PassResult
    auth_required = Signal(str)  # the server refused the device token: a new login is needed

    def __init__(self, store: Store, status: SyncStatusWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.status = status
        self.schedule = SCHEDULE
        self._engine: SyncEngine | None = None
        self._engine_lock = threading.Lock()
        self.rng = random.Random()
        self.overview: SyncOverview | None = None
        self.online: bool | None = None
        self.failures = 0
        self.running = False
        self.probing = False
        self.stopped = False
        self.paused = False  # the officer paused the automatic passes (sync screen)
        self._progress: tasks.Progress | None = None
        self._probe_soon = False
        self.needs_login = False  # the server refused the token: no automatic pass until a new enrolment
        self._probe_timer = self._timer(self.probe)
        self._push_timer = self._timer(self._push_if_pending)
        self._eod_timer = self._timer(self._end_of_day)
        self._stop_pass = threading.Event()
        self._cancel_timer = QTimer(self)
        self._cancel_timer.setInterval(100)
        self._cancel_timer.timeout.connect(self._cancel_engine)

    @property
    def engine(self) -> SyncEngine:
        """The sync engine, made on first use: the first probe makes it on a worker thread, so importing the
        HTTP client does not delay the main window (tests/unit/test_startup_imports.py)."""
        with self._engine_lock:
            if self._engine is None:
                from desktop.services.attachments import blob_store
                from sync.engine import SyncEngine

                store = self.store
                self._engine = SyncEngine(store, policy=RETRY, blobs=lambda: blob_store(store))
            return self._engine

    def _cancel_engine(self) -> None:
        if self._engine is not None:
            self._engine.cancel()

    def _timer(self, slot: object) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    # ---- state -------------------------------------------------------------------------------------------

    @property
    def enrolled(self) -> bool:
        return self.overview is not None and self.overview.enrolled

    @property
    def pending(self) -> int:
        return self.overview.pending if self.overview is not None else 0

    def refresh(self) -> None:
        """Re-read the settings, the last sync and the pending count (after a change or an enrolment)."""
        if self.stopped:
            return
        store = self.store
        tasks.run_query(lambda: read_overview(store), self._apply, owner=self)

    def enrolment_changed(self) -> None:
        """A (new) enrolment succeeded: re-read everything and probe at once."""
        self._probe_soon = True
        self.needs_login = False
        self.refresh()

    def _apply(self, overview: SyncOverview) -> None:
        was_enrolled = self.enrolled
        # only new changes are pushed soon: events the server left pending wait for the next probe, so a
        # pass that cannot settle them is not repeated every few seconds
        grew = overview.pending > self.pending
        self.overview = overview
        if not overview.enrolled:
            self.online = None
            self._probe_timer.stop()
            self._eod_timer.stop()
        else:
            self._arm_end_of_day()
            if not was_enrolled or self._probe_soon:
                self._probe_soon = False
                self.failures = 0
                self._probe_timer.start(0)
            elif (
                self.online
                and grew
                and not self.running
                and not self.paused
                and not self._push_timer.isActive()
            ):
                self._push_timer.start(int(self.schedule.push_delay * 1000))
        self._show()
        self.overview_changed.emit(overview)

    def _show(self) -> None:
        overview = self.overview
        if overview is None:
            return
        self.status.set_state(self.online, overview.last_success, overview.pending)

    def _set_online(self, online: bool) -> None:
        self.online = online
        self.failures = 0 if online else self.failures + 1
        self._show()

    # ---- probing -----------------------------------------------------------------------------------------

    def probe(self) -> None:
        """Ask `/health` now (off the GUI thread); schedules the next probe when the answer comes."""
        if self.stopped or not self.enrolled or self.probing:
            return
        self.probing = True
        tasks.run_network(self._probe_on_worker, self._probed, self._probe_failed, owner=self)

    def _probe_on_worker(self) -> bool:
        return self.engine.probe()  # the first call makes the engine here, off the GUI thread

    def _probed(self, answered: bool) -> None:
        self.probing = False
        if self.stopped:
            return
        self._set_online(answered)
        if (
            answered
            and not self.running
            and not self.paused
            and not self.needs_login
            and (self.pending or self._end_of_day_due())
        ):
            self.run_pass(self._auto_trigger())
        self._schedule_probe()  # during a pass too

    def _probe_failed(self, exc: BaseException) -> None:
        log.warning("sync probe failed: %s", exc)
        self._probed(False)

    def _schedule_probe(self) -> None:
        if self.stopped or not self.enrolled:
            return
        delay = self.schedule.next_probe(self.failures, self.rng)
        self._probe_timer.start(int(delay * 1000))

    def _push_if_pending(self) -> None:
        if self.online and self.pending and not self.running and not self.paused and not self.needs_login:
            self.run_pass(self._auto_trigger())

    # ---- end of day --------------------------------------------------------------------------------------

    def _end_of_day_due(self) -> bool:
        overview = self.overview
        if overview is None:
            return False
        try:
            at = parse_end_of_day(overview.settings.end_of_day)
        except ValidationError:
            return False
        return end_of_day_due(now_local(), at, overview.last_end_of_day)

    def _auto_trigger(self) -> str:
        return "end_of_day" if self._end_of_day_due() else "auto"

    def _arm_end_of_day(self) -> None:
        overview = self.overview
        try:
            at = parse_end_of_day(overview.settings.end_of_day) if overview is not None else None
        except ValidationError:
            at = None
        if at is None:
            self._eod_timer.stop()
            return
        self._eod_timer.start(int(seconds_until(now_local(), at) * 1000) + 1000)

    def _end_of_day(self) -> None:
        if self.enrolled and not self.running and not self.paused and not self.needs_login:
            self.run_pass("end_of_day")
        self._arm_end_of_day()

    # ---- passes ------------------------------------------------------------------------------------------

    def sync_now(self) -> bool:
        """The officer's "sync now" (F9); False when a pass is already running or not enrolled."""
        return self.run_pass("end_of_day" if self._end_of_day_due() else "manual")

    def run_pass(self, trigger: str) -> bool:
        if self.stopped or self.running or not self.enrolled:
            return False
        self.running = True
        self._push_timer.stop()  # probes go on: they notice a server that dies during the pass
        progress = PassProgress(self)
        progress.changed.connect(self.pass_progress)
        progress.sent.connect(self.pass_bytes)
        self._progress = progress
        stop, pending = threading.Event(), self.pending
        self._stop_pass = stop

        def work() -> PassResult:
            from sync.engine import PassResult

            if stop.is_set():  # stopped before the worker got to it
                return PassResult("cancelled", pending=pending, finished_at=now_local())
            return self.engine.run_pass(trigger, progress, quick_start=True)

        self.pass_started.emit(trigger)
        tasks.run_network(work, self._finished, self._failed, owner=self)
        return True

    def _finished(self, result: PassResult) -> None:
        self.running = False
        self._cancel_timer.stop()
        if self._progress is not None:
            self._progress.deleteLater()
            self._progress = None
        if result.outcome == "offline":
            self._set_online(False)
        elif result.outcome in ("ok", "auth", "demo", "error", "cancelled"):
            self._set_online(True)
        self.pass_finished.emit(result)
        if result.outcome == "auth":
            self.needs_login = True
            self.auth_required.emit(result.message)
        self.refresh()
        self._schedule_probe()

    def _failed(self, exc: BaseException) -> None:
        log.error("sync pass failed: %s", exc)
        from sync.engine import PassResult

        message = errors.user_message(exc)  # never a bug's English text
        self._finished(PassResult("error", message=message, pending=self.pending, finished_at=now_local()))

    def cancel(self) -> None:
        """Stop the running pass at its next step; what was not sent stays queued."""
        if not self.running:
            return
        self._stop_pass.set()
        self._cancel_engine()
        if self._progress is not None:
            self._progress.cancel()
        # The engine clears its cancel flag when a pass begins: a request that arrives while the pass is
        # queued but not yet started would be lost, so it is repeated until the pass has ended.
        self._cancel_timer.start()

    def pause(self) -> None:
        """No automatic pass until `resume()`; a running pass stops at its next step, losing nothing."""
        if self.paused:
            return
        self.paused = True
        self._push_timer.stop()
        self.cancel()
        self.status.set_paused(True)
        self.paused_changed.emit(True)

    def resume(self) -> None:
        """Automatic passes again; whatever is waiting goes at the next probe, asked for at once."""
        if not self.paused:
            return
        self.paused = False
        self.status.set_paused(False)
        self.paused_changed.emit(False)
        if self.enrolled and not self.stopped and not self.probing:
            self._probe_timer.start(0)

    def stop(self) -> None:
        """No more probes or passes (the window is closing); a running pass is asked to stop."""
        self.stopped = True
        for timer in (self._probe_timer, self._push_timer, self._eod_timer):
            timer.stop()
        self.cancel()

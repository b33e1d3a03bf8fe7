"""Watching a "scan to folder" share for the scan panel: polling off the GUI thread, with backoff.

    watch = FolderWatch(ready=lambda: panel.isVisible() and not busy, parent=panel)
    watch.files_ready.connect(panel.import_files)   # list[Path]: stable files, each offered once
    watch.status_changed.connect(label.setText)     # "Watching: …", the share is unreachable, it is back
    watch.watch(folder)                              # None stops

A share that goes offline after watching started is reported once in the status (no message box: the
officer is serving a citizen) and polled again quietly, the wait doubling from 2 s up to one minute;
when it answers again the status says so and polling is back to every 2 s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.scan.inbox import ScanInbox
from desktop.ui import tasks

POLL_MS = 2000
MAX_POLL_MS = 60_000


class FolderWatch(QObject):
    files_ready = Signal(list)
    status_changed = Signal(str)

    def __init__(self, ready: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ready = ready  # whether a timer tick may take files now (the panel is shown and idle)
        self.inbox: ScanInbox | None = None
        self.offline = False
        self._polling = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._tick)

    def watch(self, folder: Path | None) -> None:
        """Take what arrives in `folder` from now on (files already there are left alone); None stops."""
        self.timer.stop()
        self.timer.setInterval(POLL_MS)
        self.offline = False
        self._polling = False
        self.inbox = ScanInbox(folder) if folder is not None else None
        self.status_changed.emit(self._watching_text() if folder is not None else "")
        inbox = self.inbox
        if inbox is not None:
            tasks.run_query(
                inbox.skip_existing,
                lambda _n: self._started(inbox),
                lambda exc: self._start_failed(inbox, exc),
                owner=self,
            )

    def poll(self) -> None:
        """Look at the folder now (also what the timer does while `ready()`)."""
        inbox = self.inbox
        if inbox is None or self._polling:
            return
        self._polling = True
        tasks.run_query(
            inbox.poll,
            lambda found: self._polled(inbox, found),
            lambda exc: self._poll_failed(inbox, exc),
            owner=self,
        )

    def _tick(self) -> None:
        if self._ready():
            self.poll()

    def _watching_text(self) -> str:
        folder = self.inbox.folder if self.inbox is not None else ""
        return self.tr("Watching: %1").replace("%1", str(folder))

    def _started(self, inbox: ScanInbox) -> None:
        if inbox is self.inbox:
            self.timer.start()

    def _start_failed(self, inbox: ScanInbox, exc: BaseException) -> None:
        if inbox is self.inbox:
            self.inbox = None
            self.status_changed.emit(str(exc))  # an unreachable share must not interrupt the officer

    def _polled(self, inbox: ScanInbox, found: list[Any]) -> None:
        if inbox is not self.inbox:
            return
        self._polling = False
        if self.offline:
            self.offline = False
            self.timer.setInterval(POLL_MS)
            self.status_changed.emit(
                self.tr("Watching: %1 (the folder can be reached again)").replace("%1", str(inbox.folder))
            )
        if found:
            self.files_ready.emit([f.path for f in found])

    def _poll_failed(self, inbox: ScanInbox, exc: BaseException) -> None:
        if inbox is not self.inbox:
            return
        self._polling = False
        if not self.offline:  # say it once; then keep trying quietly, less and less often
            self.offline = True
            self.status_changed.emit(
                self.tr("%1 Trying again; scans wait in the copier's folder.").replace("%1", str(exc))
            )
        self.timer.setInterval(min(self.timer.interval() * 2, MAX_POLL_MS))

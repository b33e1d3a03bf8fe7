"""The sync/connectivity area of the status bar, driven by the sync engine through `set_state`."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from desktop.core.timeutil import as_local, now_local

_COLOURS = {True: "#1e7b34", False: "#b3261e", None: "#8a8a8a"}


def separator(parent: QWidget) -> QFrame:
    """A thin vertical line between status-bar items."""
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class SyncStatusWidget(QWidget):
    """A coloured dot, the connection state, the last successful sync and the events waiting to be sent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.dot = QLabel("●", self)
        self.state = QLabel(self)
        self.state.setObjectName("syncState")
        self.last = QLabel(self)
        self.last.setObjectName("syncLast")
        self.pending = QLabel(self)
        self.pending.setObjectName("syncPending")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(6)
        self._pending_line = separator(self)
        for widget in (self.dot, self.state, separator(self), self.last, self._pending_line, self.pending):
            layout.addWidget(widget)
        self.online: bool | None = None
        self.last_sync: datetime | None = None
        self.pending_events = 0
        self.paused = False  # the officer paused the automatic passes (the sync screen)
        self.set_state(None, None, 0)

    def set_state(self, online: bool | None, last_sync: datetime | None, pending: int) -> None:
        """Show the link (True online, False offline, None not configured/unknown), last sync, pending."""
        self.online, self.last_sync, self.pending_events = online, last_sync, pending
        self.dot.setStyleSheet(f"color: {_COLOURS[online]};")
        if online is None:
            self.state.setText(self.tr("Not connected to the province"))
        elif online:
            self.state.setText(self.tr("Online"))
        else:
            self.state.setText(self.tr("Offline"))
        if self.paused and online is not None:
            self.state.setText(self.state.text() + " · " + self.tr("sync paused"))
        if last_sync is None:
            self.last.setText(self.tr("never synchronised"))
        else:
            when = as_local(last_sync)
            fmt = "%H:%M" if when.date() == now_local().date() else "%d/%m/%Y %H:%M"
            self.last.setText(self.tr("last sync {when}").format(when=when.strftime(fmt)))
        self.pending.setText(self.tr("{n} change(s) waiting to be sent").format(n=pending))
        self.pending.setVisible(pending > 0)
        self._pending_line.setVisible(pending > 0)

    def set_paused(self, paused: bool) -> None:
        """Say in the status bar that automatic passes are paused (the link state stays)."""
        self.paused = paused
        self.set_state(self.online, self.last_sync, self.pending_events)

    def set_pending(self, pending: int) -> None:
        """Update only the number of events waiting in the outbox."""
        self.set_state(self.online, self.last_sync, pending)

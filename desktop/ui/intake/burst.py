"""Recognising a USB 2D scanner typing a CCCD QR payload into whatever has focus.

A scanner in keyboard mode "types" the payload and Enter far faster than a person (a few milliseconds
per key). `ScannerBurstFilter` watches the key presses delivered to any widget inside a view (it is
installed on the application and ignores events for other windows). A burst is a run of key presses
each arriving within `gap` seconds of the previous one. Once a fast burst contains the `|` separator and
at least `min_keys` keys, the filter swallows the rest of it, and when the Enter key ends it, puts the
widget that received the first keys back as it was and emits `payload_scanned(text)`. A burst that stops
without Enter after swallowing started emits `malformed_burst()` and also restores the widget. The raw
text is never logged and never left in a field.

The clock is injectable so tests can replay a person typing slowly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

DEFAULT_GAP = 0.035  # seconds between two keys of a scanner burst (people need > 50 ms)
MIN_KEYS = 8
MAX_BUFFER = 4000
END_TIMEOUT_MS = 250
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _snapshot(widget: QWidget | None) -> Callable[[], None] | None:
    """A function that puts an input widget's content back as it is now (None: nothing to restore)."""
    if widget is None:
        return None
    if isinstance(widget, QLineEdit):
        text, cursor = widget.text(), widget.cursorPosition()

        def restore_line() -> None:
            widget.setText(text)
            widget.setCursorPosition(cursor)

        return restore_line
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        plain = widget.toPlainText()
        return lambda: widget.setPlainText(plain)
    if isinstance(widget, QComboBox):
        if widget.isEditable():
            current = widget.currentText()
            return lambda: widget.setEditText(current)
        index = widget.currentIndex()
        return lambda: widget.setCurrentIndex(index)  # keyboard search may have moved it
    if isinstance(widget, QAbstractSpinBox):
        value = widget.property("value")

        def restore_spin() -> None:
            widget.setProperty("value", value)

        return restore_spin
    return None


class ScannerBurstFilter(QObject):
    """Application-wide key filter limited to the widgets inside `view`."""

    payload_scanned = Signal(str)
    malformed_burst = Signal()

    def __init__(
        self,
        view: QWidget,
        gap: float = DEFAULT_GAP,
        min_keys: int = MIN_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.gap = gap
        self.min_keys = min_keys
        self.clock = clock
        self._buffer: list[str] = []
        self._last_at = -1.0
        self._swallowing = False
        self._restore: Callable[[], None] | None = None
        self._last_delivery: tuple[int, QWidget] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(END_TIMEOUT_MS)
        self._timer.timeout.connect(self._timed_out)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        view.destroyed.connect(self._detach)

    def _detach(self, *_: Any) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @property
    def swallowing(self) -> bool:
        return self._swallowing

    def _inside_view(self, obj: QObject) -> bool:
        return (
            isinstance(obj, QWidget)
            and shiboken6.isValid(self.view)
            and (obj is self.view or self.view.isAncestorOf(obj))
        )

    def _first_delivery(self, obj: QWidget, event: QKeyEvent) -> bool:
        """False when Qt re-delivers the same ignored key event to a parent of its first receiver."""
        pointer = shiboken6.getCppPointer(event)[0]
        last = self._last_delivery
        if (
            last is not None
            and last[0] == pointer
            and shiboken6.isValid(last[1])
            and obj is not last[1]
            and obj.isAncestorOf(last[1])
        ):
            return False
        self._last_delivery = (pointer, obj)
        return True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not self._inside_view(obj):
            return False
        assert isinstance(event, QKeyEvent) and isinstance(obj, QWidget)
        if not self._first_delivery(obj, event):
            return self._swallowing
        return self._key(obj, event)

    def _key(self, widget: QWidget, event: QKeyEvent) -> bool:
        now = self.clock()
        fast = self._last_at >= 0 and now - self._last_at <= self.gap
        self._last_at = now
        if not fast:
            if self._swallowing:
                self._finish_malformed()
            self._buffer = []
            self._restore = _snapshot(widget)
        if event.key() in _ENTER:
            return self._enter()
        text = event.text()
        if not text or not text.isprintable():
            if self._swallowing:
                return True
            self._buffer = []
            return False
        if len(self._buffer) < MAX_BUFFER:
            self._buffer.append(text)
        if not self._swallowing and "|" in text and len(self._buffer) >= self.min_keys:
            self._swallowing = True
        if self._swallowing:
            self._timer.start()
        return self._swallowing

    def _enter(self) -> bool:
        if not self._swallowing:
            self._buffer = []
            return False
        payload = "".join(self._buffer)
        self._reset()
        self.payload_scanned.emit(payload)
        return True

    def _reset(self) -> None:
        self._timer.stop()
        restore, self._restore = self._restore, None
        self._buffer = []
        self._swallowing = False
        self._last_at = -1.0
        if restore is not None:
            restore()

    def _finish_malformed(self) -> None:
        self._reset()
        self.malformed_burst.emit()

    def _timed_out(self) -> None:
        if self._swallowing:
            self._finish_malformed()

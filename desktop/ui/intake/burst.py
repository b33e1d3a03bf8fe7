"""Recognising a USB 2D scanner typing a CCCD QR payload into whatever has focus.

A scanner in keyboard mode "types" the payload and Enter far faster than a person (2-15 ms per key).
`ScannerBurstFilter` watches the key presses delivered to any widget inside a view (it is installed on the
application and ignores events for other windows, and those of a view inside it that has its own filter:
the main window's, which returns a result by the receipt's code, leaves the intake view's keys to it). A burst is a run of key presses each arriving within
`gap` seconds of the previous one. Real readers wrap the characters in other key events, which belong to
the burst but type nothing: Shift/Control/Alt/AltGr presses around capitals and `|`, dead keys of a layout
with accents, and Alt+keypad codes (Alt held, the code's digits on the keypad, the character arriving on
Alt's release). Only characters count as the burst's keys; a key held down (auto-repeat) is a person.

- Once a fast burst contains the `|` separator and at least `min_keys` characters, the filter swallows the
  rest of it. When Enter (or Tab, another usual suffix) ends it, the widget that received the first keys is
  put back as it was and `payload_scanned(text)` is emitted. A burst that stops without either (cut short,
  or a reader set to send no suffix) is put back too and emits `unterminated_burst(text)`: the view reads a
  complete card from it and says the scan was incomplete otherwise.
- A fast burst of at least `min_keys` characters ended by Enter or Tab without any `|` (a barcode, a link)
  is a scanner too: the widget is put back, the suffix swallowed and `unrecognised_burst()` is emitted,
  then `code_scanned(text)` (a dossier receipt's QR: the main window returns that dossier's result).
- While a modal dialog is open (over the view or anywhere in the application), a burst typed into the
  dialog goes nowhere: the dialog's field is put back, its Enter swallowed, and `blocked_burst()` emitted.

The raw text is never logged and never left in a field.

Time is the window system's timestamp of each key (when the reader sent it), not when Qt gets round to it:
on a busy or slow PC the first keystroke into a fresh form can take 100-250 ms to handle, and the keys
queued meanwhile must still count as one burst. A key event without a timestamp (made up by a program) is
never part of a burst. Tests inject `clock` instead (a person typing slowly, or a scanner at 5 ms per key,
without sleeping).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
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

OWN_FILTER = "scannerBurstFilter"  # property of a view that has a filter: an outer one leaves its keys alone
DEFAULT_GAP = 0.035  # seconds between two keys of a scanner burst (people need > 50 ms)
MIN_KEYS = 8
MAX_BUFFER = 4000
END_TIMEOUT_MS = 250
_END = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)  # a reader's suffix
_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
    Qt.Key.Key_Mode_switch,
    Qt.Key.Key_Multi_key,  # the Compose key
}
_DEAD_KEYS = range(Qt.Key.Key_Dead_Grave.value, Qt.Key.Key_Dead_Longsolidusoverlay.value + 1)
_UNKNOWN = (0, Qt.Key.Key_unknown)  # Unicode injection (Windows' VK_PACKET) may add empty ones
_ALT_CODE = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.KeypadModifier


class _Key(Enum):
    END = "end"  # Enter or Tab
    SILENT = "silent"  # part of a burst but types nothing: modifiers, dead keys, Alt-code digits
    CHARACTER = "character"
    OTHER = "other"  # Tab, Backspace, arrows, F-keys, Ctrl+letter: a person editing


def _kind(event: QKeyEvent) -> _Key:
    key = event.key()
    if key in _END:
        return _Key.END
    text = event.text()
    if key in _MODIFIER_KEYS or key in _DEAD_KEYS or (key in _UNKNOWN and not text):
        return _Key.SILENT
    if (event.modifiers() & _ALT_CODE) == _ALT_CODE:
        return _Key.SILENT  # a digit of an Alt+keypad code: the character comes on Alt's release
    if text and text.isprintable():
        return _Key.CHARACTER
    return _Key.OTHER


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
    """Application-wide key filter limited to the widgets inside `view` (and modal dialogs over it)."""

    payload_scanned = Signal(str)
    unterminated_burst = Signal(str)
    unrecognised_burst = Signal()
    code_scanned = Signal(str)  # the text of a burst without `|`, after `unrecognised_burst`
    blocked_burst = Signal()

    def __init__(
        self,
        view: QWidget,
        gap: float = DEFAULT_GAP,
        min_keys: int = MIN_KEYS,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.gap = gap
        self.min_keys = min_keys
        self.clock = clock
        self._buffer: list[str] = []
        self._last_at: float | None = None
        self._swallowing = False
        self._in_dialog = False
        self._restore: Callable[[], None] | None = None
        self._last_delivery: tuple[int, QWidget] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(END_TIMEOUT_MS)
        self._timer.timeout.connect(self._timed_out)
        view.setProperty(OWN_FILTER, True)
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

    # ---- where the keys go ---------------------------------------------------------------------------

    def _watched(self, obj: QObject) -> tuple[QWidget, bool] | None:
        """The widget a key press is typing into and whether it is in a modal dialog (None: not ours)."""
        if not isinstance(obj, QWidget) or not shiboken6.isValid(self.view):
            return None
        widget = obj
        if obj.window().windowType() == Qt.WindowType.Popup:  # a completer's list: typing goes to its field
            focus = QApplication.focusWidget()
            if focus is None:
                return None
            widget = focus
        if widget is self.view or self.view.isAncestorOf(widget):
            inner: QWidget | None = widget
            while inner is not None and inner is not self.view:  # a view inside ours with its own filter
                if inner.property(OWN_FILTER):
                    return None
                inner = inner.parentWidget()
            return widget, False
        window = widget.window()
        if window.isModal() and window is not self.view.window():
            return widget, True
        return None

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
        # every event of the application passes here: the class test is the cheap one (type() builds an enum)
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return False
        watched = self._watched(obj)
        if watched is None:
            return False
        assert isinstance(event, QKeyEvent) and isinstance(obj, QWidget)
        if not self._first_delivery(obj, event):
            return self._swallowing
        return self._key(*watched, event)

    # ---- the burst -----------------------------------------------------------------------------------

    def _time(self, event: QKeyEvent) -> float | None:
        """When the key was pressed, in seconds (None: unknown, so not part of a burst)."""
        if self.clock is not None:
            return self.clock()
        stamp = event.timestamp()
        return stamp / 1000 if stamp else None

    def _key(self, widget: QWidget, in_dialog: bool, event: QKeyEvent) -> bool:
        now = self._time(event)
        fast = (
            now is not None
            and self._last_at is not None
            and 0 <= now - self._last_at <= self.gap
            and not event.isAutoRepeat()
        )
        if not fast:
            if self._swallowing:
                self._give_up()
            self._buffer = []
            self._restore = _snapshot(widget)
            self._in_dialog = in_dialog
        self._last_at = now
        kind = _kind(event)
        if kind is _Key.END:
            return self._enter(fast)
        if kind is _Key.SILENT:
            return self._swallowing
        if kind is _Key.OTHER:
            if not self._swallowing:
                self._buffer = []
            return self._swallowing
        if len(self._buffer) < MAX_BUFFER:
            self._buffer.append(event.text())
        if not self._swallowing and "|" in event.text() and len(self._buffer) >= self.min_keys:
            self._swallowing = True
        if self._swallowing:
            self._timer.start()
        return self._swallowing

    def _enter(self, fast: bool) -> bool:
        if self._swallowing:
            payload = "".join(self._buffer)
            if self._in_dialog:
                self._finish(self.blocked_burst)
            else:
                self._reset()
                self.payload_scanned.emit(payload)
            return True
        if fast and len(self._buffer) >= self.min_keys:  # a scanner, but not an ID card's QR code
            text, in_dialog = "".join(self._buffer), self._in_dialog
            self._finish(self.blocked_burst if in_dialog else self.unrecognised_burst)
            if not in_dialog:
                self.code_scanned.emit(text)
            return True
        self._buffer = []
        return False

    def _reset(self) -> None:
        self._timer.stop()
        restore, self._restore = self._restore, None
        self._buffer = []
        self._swallowing = False
        self._in_dialog = False
        self._last_at = None
        if restore is not None:
            restore()

    def _finish(self, signal: Any) -> None:
        self._reset()
        signal.emit()

    def _timed_out(self) -> None:
        if not self._swallowing:
            return
        if self.clock is not None and self._last_at is not None:
            quiet = self.clock() - self._last_at
            if quiet * 1000 < END_TIMEOUT_MS:  # the test's clock has not moved on: not over yet
                self._timer.start()
                return
        self._give_up()

    def _give_up(self) -> None:
        """A burst stopped before its Enter: undone, and handed over (ignored, if it went to a dialog)."""
        payload, in_dialog = "".join(self._buffer), self._in_dialog
        self._reset()
        if in_dialog:
            self.blocked_burst.emit()
        else:
            self.unterminated_burst.emit(payload)

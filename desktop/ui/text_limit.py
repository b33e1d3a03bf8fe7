"""Input never silently changed (issue 21 item 3): a text field's maximum (`desktop.core.limits`) enforced
while typing, with a counter near the limit, and text arriving at once refused whole when it does not fit.

`LimitGuard` watches line edits (their `maxLength`) and plain-text edits (the limit given to `limit()`):
a paste by Ctrl+V or Shift+Insert, a middle click (the X11 selection) or a drop that would not fit is
refused with a message saying the limit, where QLineEdit would cut it without a word. `LengthCounter`
shows "n/limit" in the field's corner from `limits.COUNTER_FROM` of the limit. A plain-text edit has no
`maxLength`: typing past the limit is stopped at the limit, and anything else that would pass it is undone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, Qt
from PySide6.QtGui import QClipboard, QDropEvent, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from desktop.core import limits

NO_LIMIT = 32767  # QLineEdit's default maxLength
LIMIT_PROPERTY = "motcuaLimit"
TextField = QLineEdit | QPlainTextEdit


def units(text: str) -> int:
    """Length as Qt counts it (UTF-16 code units: an emoji is 2), the unit of QLineEdit's maxLength."""
    return len(text.encode("utf-16-le")) // 2


def selection_text() -> str:
    """What a middle click pastes: the X11 primary selection ("" where the platform has none)."""
    return QGuiApplication.clipboard().text(QClipboard.Mode.Selection)


def limit_of(edit: QWidget) -> int:
    if isinstance(edit, QLineEdit):
        return edit.maxLength()
    value = edit.property(LIMIT_PROPERTY)
    return int(value) if value else NO_LIMIT


def _text(edit: TextField) -> str:
    return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()


def _selected(edit: TextField) -> str:
    return edit.selectedText() if isinstance(edit, QLineEdit) else edit.textCursor().selectedText()


class LengthCounter(QLabel):
    """ "n/limit" in the bottom right corner of a field, shown from COUNTER_FROM of its limit."""

    def __init__(self, edit: TextField) -> None:
        super().__init__(edit)
        self.edit = edit
        self.setObjectName("lengthCounter")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet("color: #5f6368; background: transparent; font-size: 8pt;")
        edit.installEventFilter(self)
        edit.textChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        limit = limit_of(self.edit)
        count = units(_text(self.edit))
        if limit >= NO_LIMIT or count < limits.COUNTER_FROM * limit:
            self.hide()
            return
        self.setText(f"{count}/{limit}")
        self.setStyleSheet(
            f"color: {'#b3261e' if count >= limit else '#5f6368'}; background: transparent; font-size: 8pt;"
        )
        self.adjustSize()
        self._place()
        self.show()

    def _place(self) -> None:
        right = self.edit.width() - self.width() - 4
        if isinstance(self.edit, QPlainTextEdit):
            right -= self.edit.verticalScrollBar().width() if self.edit.verticalScrollBar().isVisible() else 0
        self.move(max(0, right), max(0, self.edit.height() - self.height() - 2))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.Resize:
            self._place()
        return False


class LimitGuard(QObject):
    """Refuses text too long for the fields it watches; `notice(edit, message)` shows the refusal."""

    def __init__(self, notice: Callable[[QWidget, str], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notice = notice

    def watch(self, edit: TextField) -> None:
        edit.installEventFilter(self)
        if isinstance(edit, QPlainTextEdit):
            edit.viewport().installEventFilter(self)  # its mouse and drop events arrive there

    def limit(self, edit: QPlainTextEdit, limit: int) -> LengthCounter:
        """Give a plain-text edit its maximum, watch it and show its counter."""
        edit.setProperty(LIMIT_PROPERTY, limit)
        self.watch(edit)
        edit.textChanged.connect(lambda: self._over(edit))
        return LengthCounter(edit)

    def _field(self, watched: QObject) -> TextField | None:
        if isinstance(watched, QLineEdit | QPlainTextEdit):
            return watched
        parent = watched.parent()
        return parent if isinstance(parent, QPlainTextEdit) and watched is parent.viewport() else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        edit = self._field(watched)
        if edit is None:
            return False
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            if not event.matches(QKeySequence.StandardKey.Paste):
                return self._typed(edit, event) if kind == QEvent.Type.KeyPress else False
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # the field itself takes Ctrl+V (not a window shortcut)
                return False
            return self.arrived(edit, QGuiApplication.clipboard().text())
        if kind == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.MiddleButton:
                return self.arrived(edit, selection_text())
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            data: QMimeData = event.mimeData()
            if data.hasText() and self.arrived(edit, data.text()):
                event.setDropAction(Qt.DropAction.IgnoreAction)
                event.accept()
                return True
        return False

    def _typed(self, edit: TextField, event: QKeyEvent) -> bool:
        """A plain-text edit at its limit takes no more typed characters (QLineEdit's maxLength does so)."""
        if isinstance(edit, QLineEdit) or not event.text() or not event.text().isprintable():
            return False
        return units(_text(edit)) - units(_selected(edit)) >= limit_of(edit)

    def arrived(self, edit: TextField, text: str) -> bool:
        """True when `text` was refused here; False: the field inserts it as usual."""
        limit = limit_of(edit)
        if limit >= NO_LIMIT or not text:
            return False
        room = limit - units(_text(edit)) + units(_selected(edit))
        if units(text) <= room:
            return False
        self.refuse(edit, len(text), limit)  # characters as the officer counts them
        return True

    def refuse(self, edit: QWidget, count: int, limit: int) -> None:
        message = QCoreApplication.translate(  # one context for the subclasses too
            "LimitGuard", "Not pasted: the text has {n} characters and this field takes at most {limit}."
        )
        self.notice(edit, message.format(n=count, limit=limit))

    def _over(self, edit: QPlainTextEdit) -> None:
        """Whatever else brought a plain-text edit past its limit is undone, and said."""
        text, limit = edit.toPlainText(), limit_of(edit)
        if units(text) > limit and edit.document().isUndoAvailable():
            edit.undo()
            self.refuse(edit, len(text) - len(edit.toPlainText()), limit)

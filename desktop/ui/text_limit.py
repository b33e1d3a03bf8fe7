"""Input never silently changed (issue 21 item 3): a text field's maximum (`desktop.core.limits`) enforced
while typing, with a counter near the limit, and text arriving at once refused whole when it does not fit.

`LimitGuard` watches line edits (their `maxLength`) and plain-text edits (the limit given to `limit()`):
a paste by Ctrl+V or Shift+Insert, a middle click (the X11 selection) or a drop that would not fit is
refused with a message saying the limit, where QLineEdit would cut it without a word. `LengthCounter`
shows "n/limit" in the field's corner from `limits.COUNTER_FROM` of the limit. A plain-text edit has no
`maxLength`: typing past the limit is stopped at the limit, and anything else that would pass it is undone.

`limit(edit, maximum)` is the one call that gives a field of a dialog all of this; the refusal is said on
the window's error line (`form_helpers.error_label`) or, in a window without one, in a tooltip under the
field. `tests/ui/test_text_limits.py` opens every window of the keyboard audit and fails for a free-text
field without it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore  # `QtCore.Qt` when used: the sign-in screen shows before Qt.* is made
from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, QPoint
from PySide6.QtGui import QClipboard, QDropEvent, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPlainTextEdit, QToolTip, QWidget

from desktop.core import limits
from desktop.ui.form_helpers import show_inline_error

NO_LIMIT = 32767  # QLineEdit's default maxLength
LIMIT_PROPERTY = "motcuaLimit"
GUARDED_PROPERTY = "motcuaLimitGuarded"  # set on each field a LimitGuard watches
LENGTH_PROPERTY = "motcuaLength"  # a plain-text edit's length before its latest change
SHRINKS_PROPERTY = "motcuaLimitShrinks"  # a line edit loaded over its limit (`set_whole`)
TextField = QLineEdit | QPlainTextEdit


def units(text: str) -> int:
    """Length as Qt counts it (UTF-16 code units: an emoji is 2), the unit of QLineEdit's maxLength."""
    return len(text.encode("utf-16-le")) // 2


def selection_text() -> str:
    """What a middle click pastes: the X11 primary selection ("" where the platform has none)."""
    return QGuiApplication.clipboard().text(QClipboard.Mode.Selection)


def limit_of(edit: QWidget) -> int:
    """The field's maximum: the one given (`limit`, `set_whole`), else a line edit's maxLength."""
    value = edit.property(LIMIT_PROPERTY)
    if value:
        return int(value)
    return edit.maxLength() if isinstance(edit, QLineEdit) else NO_LIMIT


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
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
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
        edit.setProperty(GUARDED_PROPERTY, True)
        edit.installEventFilter(self)
        if isinstance(edit, QPlainTextEdit):
            edit.viewport().installEventFilter(self)  # its mouse and drop events arrive there

    def limit(self, edit: QPlainTextEdit, limit: int) -> LengthCounter:
        """Give a plain-text edit its maximum, watch it and show its counter."""
        edit.setProperty(LIMIT_PROPERTY, limit)
        edit.setProperty(LENGTH_PROPERTY, units(edit.toPlainText()))
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
            if event.button() == QtCore.Qt.MouseButton.MiddleButton:
                return self.arrived(edit, selection_text())
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            data: QMimeData = event.mimeData()
            if data.hasText() and self.arrived(edit, data.text()):
                event.setDropAction(QtCore.Qt.DropAction.IgnoreAction)
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
        """Whatever else brought a plain-text edit past its limit is undone, and said (a text loaded over
        its limit may still be shortened: only a change that makes it longer is undone)."""
        text, limit = edit.toPlainText(), limit_of(edit)
        before = edit.property(LENGTH_PROPERTY)
        grew = before is None or units(text) > int(before)
        edit.setProperty(LENGTH_PROPERTY, units(text))
        if units(text) > limit and grew and edit.document().isUndoAvailable():
            edit.undo()
            self.refuse(edit, len(text) - len(edit.toPlainText()), limit)


def say_refusal(edit: QWidget, message: str) -> None:
    """The refusal on the dialog's error line (`form_helpers.error_label`), else in a tooltip under it (a
    page of the main window: the error line of another page would say it out of sight)."""
    window = edit.window()
    line = window.findChild(QLabel, "formError") if isinstance(window, QDialog) else None
    if line is not None:
        show_inline_error(line, message, edit)
    else:
        QToolTip.showText(edit.mapToGlobal(QPoint(0, edit.height())), message, edit)


def limit(edit: TextField, maximum: int, *, counter: bool = True) -> None:
    """The one way a field of a dialog gets its maximum (`desktop.core.limits`): typing stops there, the
    counter shows near it, and a paste, middle click or drop too long is refused whole, with the limit said
    (`say_refusal`). A text already in the field stays whole (`set_whole`). `counter=False` for a field
    of a fixed form (a date, a time, an amount), where "8/10" while typing a date would be noise."""
    guard = LimitGuard(say_refusal, edit)
    if isinstance(edit, QPlainTextEdit):
        guard.limit(edit, maximum)  # free text: always with its counter
        return
    edit.setProperty(LIMIT_PROPERTY, maximum)
    _hold(edit, edit.text())
    guard.watch(edit)
    if counter:
        LengthCounter(edit)


def set_whole(edit: TextField, text: str) -> None:
    """Put `text` in `edit` whole, even when it is longer than the field's limit (an intake draft kept
    from before the limits, or written by hand), where `setText` would cut it to `maxLength`. Such a field
    takes no more characters, its counter shows "n/limit" in red, and its limit comes back as the officer
    shortens it; the service refuses to save it meanwhile (`limits.bounded`, `intake_validate`)."""
    if isinstance(edit, QPlainTextEdit):
        edit.setPlainText(text)  # no maxLength to cut it; `LimitGuard` stops typing past the limit
        return
    _hold(edit, text)
    edit.setText(text)


def _hold(edit: QLineEdit, text: str) -> None:
    """Give `edit` the maxLength of its limit, or of `text` where `text` is longer (then shrinking)."""
    maximum = limit_of(edit)
    if maximum >= NO_LIMIT:
        return
    edit.setProperty(LIMIT_PROPERTY, maximum)
    if units(text) > maximum and not edit.property(SHRINKS_PROPERTY):
        edit.setProperty(SHRINKS_PROPERTY, True)
        edit.textChanged.connect(lambda: _shrink(edit))
    edit.setMaxLength(max(maximum, units(text)))


def _shrink(edit: QLineEdit) -> None:
    """A line edit over its limit: its maxLength follows the text down to the limit, never up."""
    edit.setMaxLength(max(limit_of(edit), min(edit.maxLength(), units(edit.text()))))

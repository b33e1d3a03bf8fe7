"""Helpers for user-story GUI tests.

Never use `qtbot.keyClicks` with non-ASCII text: QTest's key simulation aborts the whole process on
characters such as "Đ" (stack.md §1). `type_text` sends each character as a text key event instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QTreeWidget, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` (any Unicode, e.g. Vietnamese) into `widget` as a user would, one character at a time."""
    widget.setFocus()
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def replace_text(widget: QWidget, text: str) -> None:
    """Select all in a line edit and type `text` over it."""
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Qt.Key.Key_Delete)
    type_text(widget, text)


def visible_top_levels(kind: type[QWidget] = QWidget) -> list[QWidget]:
    """The visible top-level windows/dialogs of a given type."""
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and isinstance(w, kind)]


def help_sheet_rows(window: QWidget) -> set[tuple[str, str]]:
    """The (command, keys) rows of the F1 sheet `window` opened; asserts it is open."""
    sheet = window.findChild(QDialog, "helpSheet")
    assert sheet is not None and sheet.isVisible()
    table = sheet.findChild(QTreeWidget, "helpSheetTable")
    assert table is not None
    return {
        (table.topLevelItem(i).text(0), table.topLevelItem(i).text(1))
        for i in range(table.topLevelItemCount())
    }

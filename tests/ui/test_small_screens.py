"""The counter PC's small screens (issue 21): at 1366×768 and 1024×768 the intake form is never squeezed
(every input keeps at least its size hint's height; the form scrolls instead), every input the cursor
goes to is scrolled into sight. That every other window fits 1024×768 is checked with its text limits
(`tests/ui/test_text_limits.py`), where each window of the audit registry is opened once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.ui.intake import open_intake
from desktop.ui.main_window import MainWindow

SCREENS = [(1366, 768), (1024, 768)]
TASKBAR = 40  # what the desktop's panel takes from 768 pixels
SCALES = [1.0, 1.5]  # the offscreen font, and text made 150 % larger (a counter PC's usual setting)


@pytest.fixture(params=SCALES, ids=[f"text{int(s * 100)}" for s in SCALES])
def text_scale(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[float]:
    before = qapp.font()
    larger = qapp.font()
    larger.setPointSizeF(before.pointSizeF() * request.param)
    qapp.setFont(larger)
    yield request.param
    qapp.setFont(before)


def _inputs(root: QWidget) -> list[QWidget]:
    kinds = QLineEdit | QPlainTextEdit | QComboBox | QAbstractSpinBox | QAbstractItemView | QAbstractButton
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisible()
        and not isinstance(w.parent(), QComboBox | QAbstractSpinBox)
        and bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus)
    ]


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName()!r})"


def _window(qtbot: QtBot, store: Store, officer: SignedIn, size: tuple[int, int]) -> MainWindow:
    window = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(window)
    window.resize(size[0], size[1] - TASKBAR)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.mark.parametrize("size", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_the_intake_is_not_squeezed_and_scrolls_to_the_focused_input(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn], size: tuple[int, int], text_scale: float
) -> None:
    store, officer = ready_store
    window = _window(qtbot, store, officer, size)
    view = open_intake(window)
    view.picker.select("1.001612")  # a procedure with many, long papers: the tallest form
    qtbot.wait(50)
    assert window.frameGeometry().height() <= size[1] and window.width() <= size[0]
    inputs = _inputs(view)
    assert len(inputs) > 15
    squeezed = [
        f"{_name(w)}: {w.height()} px high, needs {w.sizeHint().height()}"
        for w in inputs
        if w.height() < min(w.sizeHint().height(), w.maximumHeight())
        or w.width() < min(w.minimumSizeHint().width(), w.maximumWidth())
    ]
    assert squeezed == []
    viewport = view.scroll_area.viewport()
    hidden = []
    for widget in (w for w in inputs if w.isEnabled()):  # a disabled field takes no cursor
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)  # as Alt + a label's letter puts it there
        qtbot.wait(5)
        if not viewport.rect().contains(_where_typed(widget, viewport)):
            hidden.append(_name(widget))
    assert hidden == []


def _where_typed(widget: QWidget, viewport: QWidget) -> QRect:
    """In `viewport`'s coordinates: a text field's cursor (a wide field may stay partly out of sight, as
    QScrollArea.ensureWidgetVisible shows where the officer types), or the whole widget."""
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        cursor = QRect(widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle))
        return QRect(widget.mapTo(viewport, cursor.topLeft()), cursor.size())
    return QRect(widget.mapTo(viewport, widget.rect().topLeft()), widget.size())

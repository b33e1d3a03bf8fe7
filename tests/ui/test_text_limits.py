"""Input never silently changed, in every window (issue 21 item 3): each window of the keyboard audit
registry (`tests/ui/test_keyboard_audit.py`, `WINDOWS`) is opened as the audit opens it, and every
free-text field in it must have its documented maximum (`desktop.core.limits`) and be watched by a
`LimitGuard` (`desktop.ui.text_limit.limit`, or the intake's `PasteGuard`); a paste one character over
what the field has left is refused whole, with the limit said where the officer sees it. Opened anyway,
each window is also checked to fit a 1024×768 screen less its panel (issue 21): it can be that small, and
it opens within its screen (one sized to the screen, `form_helpers.fit_to_screen`, takes the offscreen
screen's 800×800).

A free-text field is a QLineEdit, QPlainTextEdit or QTextEdit that can be edited and is not the editor
inside a combo or spin box (a choice from a list, a number).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)

from desktop.ui.main_window import MainWindow
from desktop.ui.text_limit import GUARDED_PROPERTY, NO_LIMIT, limit, limit_of, units
from tests.scan_fixtures import sane_env_fixture  # noqa: F401 - the scan panels list SANE's test devices
from tests.ui.test_keyboard_audit import WINDOWS, Ctx, profile  # noqa: F401 - the fixture is used by name

SMALL_SCREEN = QSize(1024, 768 - 40)  # less the desktop's panel


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName()!r})"


def free_text_fields(window: QWidget) -> list[QWidget]:
    fields: list[QWidget] = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) or widget.isReadOnly():
            continue
        if isinstance(widget.parent(), QComboBox | QAbstractSpinBox) or widget.window() is not window:
            continue
        fields.append(widget)
    return fields


def unlimited(window: QWidget) -> list[str]:
    """The free-text fields of `window` without a maximum or without the guard that refuses a paste."""
    return [
        _name(field)
        for field in free_text_fields(window)
        if isinstance(field, QTextEdit) or limit_of(field) >= NO_LIMIT or not field.property(GUARDED_PROPERTY)
    ]


def _said(window: QWidget, text: str) -> bool:
    """`text` is shown: on a label of the window (an error line, a field's message) or in a tooltip."""
    labels = [label.text() for label in window.findChildren(QLabel) if label.isVisible()]
    return any(text in shown for shown in [*labels, QToolTip.text()])


def paste_findings(window: QWidget) -> list[str]:
    """A paste one character too long into each visible, enabled field changes nothing and says the limit."""
    findings = []
    for field in free_text_fields(window):
        if not (field.isVisible() and field.isEnabled()) or isinstance(field, QTextEdit):
            continue
        maximum = limit_of(field)
        before = field.text() if isinstance(field, QLineEdit) else field.toPlainText()
        QGuiApplication.clipboard().setText("7" * (maximum - units(before) + 1))
        field.setFocus()
        if isinstance(field, QLineEdit):
            field.end(False)
        QTest.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        after = field.text() if isinstance(field, QLineEdit) else field.toPlainText()
        if after != before:
            findings.append(f"{_name(field)}: a paste too long changed it to {len(after)} characters")
        elif not _said(window, f"at most {maximum}."):
            findings.append(
                f"{_name(field)}: a paste too long was refused without saying the limit {maximum}"
            )
    return findings


def test_a_field_without_a_limit_is_found(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The check itself: a bare field and a plain QTextEdit are named; a field given `limit()` is not."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    form = QFormLayout(dialog)
    bare, capped_only, text, limited = (
        QLineEdit(dialog),
        QLineEdit(dialog),
        QTextEdit(dialog),
        QLineEdit(dialog),
    )
    for name, field in (("bare", bare), ("capped", capped_only), ("rich", text), ("limited", limited)):
        field.setObjectName(name)
        form.addRow(name, field)
    capped_only.setMaxLength(50)  # a maxLength alone cuts a paste without a word
    limit(limited, 50)
    assert unlimited(dialog) == ["QLineEdit('bare')", "QLineEdit('capped')", "QTextEdit('rich')"]


@pytest.mark.usefixtures("sane_env")
@pytest.mark.parametrize(
    "name",
    [pytest.param(name, marks=[pytest.mark.sane] if WINDOWS[name].sane else []) for name in sorted(WINDOWS)],
)
def test_every_free_text_field_has_its_limit_and_the_window_fits_a_small_screen(
    name: str,
    qtbot,  # type: ignore[no-untyped-def]
    profile,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    store, officer, code = profile
    window = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(window)
    window.resize(SMALL_SCREEN)  # the smallest counter screen: every window must fit it
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    clipboard = QGuiApplication.clipboard().text()
    try:
        opened = WINDOWS[name].open(Ctx(qtbot, store, officer, code, window, tmp_path))
        opened.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is opened, timeout=2000)
        missing = unlimited(opened)
        refused = paste_findings(opened)
        needs = opened.minimumSizeHint().expandedTo(opened.minimumSize())
        size = opened.frameGeometry().size()
        room = SMALL_SCREEN.expandedTo(opened.screen().availableGeometry().size())
    finally:
        QGuiApplication.clipboard().setText(clipboard)
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget is not window:
                widget.close()
    assert missing == [], f"{name}: free-text fields without a limit (desktop.ui.text_limit.limit):\n  " + (
        "\n  ".join(missing)
    )
    assert refused == [], f"{name}:\n  " + "\n  ".join(refused)
    assert needs.width() <= SMALL_SCREEN.width() and needs.height() <= SMALL_SCREEN.height(), needs
    assert size.width() <= room.width() + 8 and size.height() <= room.height() + 8, size

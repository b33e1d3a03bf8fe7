"""Small helpers shared by the dialogs' forms: an inline error line, and sizing a window to the screen."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget


def error_label(parent: QWidget) -> QLabel:
    """A red, word-wrapped line under a form that shows what to correct (hidden while empty)."""
    label = QLabel(parent)
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e;")
    label.hide()
    return label


def show_inline_error(label: QLabel, message: str, field: QWidget | None = None) -> None:
    """Show `message` and put the cursor in the field to correct; the message goes once the officer types
    there (else "Hãy nhập tên xã/phường." stayed under a form already corrected)."""
    label.setText(message)
    label.setVisible(bool(message))
    if field is None:
        return
    field.setFocus()
    edit = field.lineEdit() if isinstance(field, QComboBox) else field
    if message and isinstance(edit, QLineEdit):
        from PySide6.QtCore import Qt  # the Qt namespace takes 80 ms to create: not on the sign-in screen

        edit.textEdited.connect(label.hide, Qt.ConnectionType.SingleShotConnection)


def fit_to_screen(window: QWidget, width: int, height: int, margin: int = 40) -> None:
    """Resize `window` to `width` x `height`, but never larger than the screen it opens on.

    Counter PCs often have 1366x768 or 1024x768 screens: a window taller or wider than that hides its
    buttons below or beside the edge, where the officer cannot reach them.
    """
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, max(200, available.width() - margin))
        height = min(height, max(200, available.height() - margin))
    window.resize(width, height)

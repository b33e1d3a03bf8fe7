"""Small helpers shared by the dialogs' forms: an inline error line and field lookup by name."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def error_label(parent: QWidget) -> QLabel:
    """A red, word-wrapped line under a form that shows what to correct (hidden while empty)."""
    label = QLabel(parent)
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e;")
    label.hide()
    return label


def show_inline_error(label: QLabel, message: str, field: QWidget | None = None) -> None:
    """Show `message` and put the cursor in the field to correct."""
    label.setText(message)
    label.setVisible(bool(message))
    if field is not None:
        field.setFocus()

"""Small building blocks of the intake form: a field with its inline message line underneath."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #8a5a00;"


def add_row(form: QFormLayout, label: str, box: FieldBox) -> None:
    """A form row whose label's Alt letter puts the cursor in the field itself (the box around it cannot
    take the focus: Alt + "Địa chỉ" did nothing and the next keys went to another field)."""
    form.addRow(label, box)
    buddy = form.labelForField(box)
    if isinstance(buddy, QLabel):
        buddy.setBuddy(box.field)


class FieldBox(QWidget):
    """A form field with a hidden message line under it (red for errors, amber for warnings)."""

    def __init__(self, field: QWidget, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.path = path
        self.message = QLabel(self)
        self.message.setObjectName(f"msg:{path}")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(field)
        layout.addWidget(self.message)
        self.setFocusProxy(field)

    def show_error(self, text: str) -> None:
        self._show(text, ERROR_STYLE)

    def show_warning(self, text: str) -> None:
        self._show(text, WARNING_STYLE)

    def clear(self) -> None:
        self.message.clear()
        self.message.hide()

    def _show(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @property
    def text(self) -> str:
        return self.message.text() if self.message.isVisible() else ""

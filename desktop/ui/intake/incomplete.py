"""The question asked when the officer saves a walk-in dossier whose required papers are not all ticked.

Three ways on, all by keyboard (the reason has the focus; Enter requests the supplement):

- "Request supplement (form 02)": the dossier is recorded with the missing papers and the reason, status 5,
  the legal clock paused from the receipt (`desktop.services.intake.receive_incomplete`);
- "Refuse to receive (form 03)": recorded and refused with the reason, status 3 (`refuse_at_intake`);
- "Go back" (Esc): back to the form, nothing saved.

The dialog is opened non-modally (`open()`); `chosen(outcome, reason)` is emitted with `SUPPLEMENT` or
`REFUSE` once a reason is given.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.intake_draft import MAX_NOTES
from desktop.ui.intake.fields import ERROR_STYLE
from desktop.ui.text_limit import limit

SUPPLEMENT = "supplement"
REFUSE = "refuse"


class IncompleteDialog(QDialog):
    """Ask what to do with a dossier missing required papers."""

    chosen = Signal(str, str)  # outcome, reason

    def __init__(self, missing: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incompleteDialog")
        self.setWindowTitle(self.tr("Required papers missing"))
        self.setMinimumWidth(520)
        self.intro = intro = QLabel(
            self.tr("These required papers are not ticked as received:")
            + "<ul>"
            + "".join(f"<li>{html.escape(name)}</li>" for name in missing)
            + "</ul>",
            self,
        )
        intro.setWordWrap(True)
        self.reason = QLineEdit(self)
        limit(self.reason, MAX_NOTES)
        self.reason.setObjectName("incompleteReason")
        self.reason.setPlaceholderText(self.tr("Reason (printed on the form)"))
        self.error = QLabel(self)
        self.error.setObjectName("incompleteError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        buttons = QDialogButtonBox(self)
        self.supplement_button = QPushButton(self.tr("Request &supplement (form 02)"), self)
        self.supplement_button.setObjectName("requestSupplement")
        self.supplement_button.setDefault(True)
        self.refuse_button = QPushButton(self.tr("&Refuse to receive (form 03)"), self)
        self.refuse_button.setObjectName("refuseIntake")
        self.back_button = QPushButton(self.tr("&Go back"), self)
        self.back_button.setObjectName("goBack")
        for button in (self.supplement_button, self.refuse_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.supplement_button.clicked.connect(lambda: self._choose(SUPPLEMENT))
        self.refuse_button.clicked.connect(lambda: self._choose(REFUSE))
        self.back_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Reason:"), self))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        QWidget.setTabOrder(self.reason, self.supplement_button)
        QWidget.setTabOrder(self.supplement_button, self.refuse_button)
        QWidget.setTabOrder(self.refuse_button, self.back_button)
        self.reason.setFocus()

    def _choose(self, outcome: str) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.error.setText(self.tr("Please enter the reason."))
            self.error.show()
            self.reason.setFocus()
            return
        self.accept()
        self.chosen.emit(outcome, reason)

"""Settling a dossier flagged "Cần xem lại" (`desktop.services.review`): both facts as the sync wrote them,
the officer's decision (keep the counter's status or take the province's step) and an optional note."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from desktop.core import limits
from desktop.services.dossier_detail import DossierDetail
from desktop.ui.dossier.dialogs import _ActionDialog
from desktop.ui.labels import status_label
from desktop.ui.text_limit import limit


class ReviewDialog(_ActionDialog):
    """Both facts, the decision (a choice, never empty) and the officer's note."""

    def __init__(self, detail: DossierDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Settle the review"),
            self.tr(
                "The counter and the province recorded different things:\n{facts}\n\nChoose which stands. "
                "Both stay in the history; your decision is sent to the province at the next sync."
            ).format(facts=detail.review_note),
            self.tr("Settle"),
            parent,
        )
        self.decision = QComboBox(self)
        self.decision.setObjectName("decision")
        self.decision.addItem(
            self.tr("Keep the counter's status ({status})").format(status=status_label(detail.status)),
            "counter",
        )
        self.decision.addItem(self.tr("Take the province's step"), "province")
        self.note = QPlainTextEdit(self)
        limit(self.note, limits.NOTES)
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.form.addRow(self.tr("Decision"), self.decision)
        self.form.addRow(self.tr("Note"), self.note)

    def keep(self) -> str:
        return str(self.decision.currentData())

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

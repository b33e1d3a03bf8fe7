"""The question shown above the intake form when an autosaved draft was kept: continue it or start over."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.services.drafts import SavedDraft


class DraftBanner(QWidget):
    """Hidden until `offer(saved)`; emits `accepted(SavedDraft)` or `declined(SavedDraft)` and hides."""

    accepted = Signal(object)
    declined = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBanner")
        self.offered: SavedDraft | None = None
        self.text = QLabel(self)
        self.continue_button = QPushButton(self.tr("&Continue it"), self)
        self.continue_button.setObjectName("continueDraft")
        self.discard_button = QPushButton(self.tr("Start &over"), self)
        self.discard_button.setObjectName("discardDraft")
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.continue_button)
        row.addWidget(self.discard_button)
        self.continue_button.clicked.connect(lambda: self._answer(self.accepted))
        self.discard_button.clicked.connect(lambda: self._answer(self.declined))
        self.hide()

    def offer(self, saved: SavedDraft) -> None:
        self.offered = saved
        when = saved.updated_at.strftime("%H:%M %d/%m/%Y")
        self.text.setText(
            self.tr("An unsaved dossier form from {when} was kept. Continue it?").format(when=when)
        )
        self.show()
        self.continue_button.setFocus()

    def _answer(self, signal: SignalInstance) -> None:
        saved, self.offered = self.offered, None
        self.hide()
        if saved is not None:
            signal.emit(saved)

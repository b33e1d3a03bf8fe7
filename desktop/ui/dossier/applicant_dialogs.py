"""The applicant's own steps in the dossier view: withdrawing the dossier, rating the service, and the
officer's undo of a step recorded by mistake. Like `dialogs`, each is the confirmation of its step and
opens on its first field.

`ask_rating(parent, store, officer, code)` opens the rating dialog on its own (the return dialog asks for
a rating right after the result is handed back): keys 1, 2 and 3 choose a level; 1 and 2 record it at
once, 3 (*Không hài lòng*) moves to the reason, which is then required.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from desktop.core import limits
from desktop.core.rating import NEEDS_REASON, Level
from desktop.services.accounts import SignedIn
from desktop.services.dossier_detail import DossierDetail
from desktop.services.withdrawal import DEFAULT_WITHDRAW_REASON, WithdrawalRequest, rate
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.dossier.dialogs import NO_PROBLEM, Problem, ReasonDialog, _ActionDialog
from desktop.ui.text_limit import limit

KEYS = {Qt.Key.Key_1: Level.VERY_SATISFIED, Qt.Key.Key_2: Level.SATISFIED, Qt.Key.Key_3: Level.DISSATISFIED}


class WithdrawDialog(_ActionDialog):
    """The applicant's written request to withdraw: who asks (the owner, or an authorised person with the
    authorisation), the reason, the request kept on paper, the originals given back."""

    def __init__(self, detail: DossierDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Withdraw the dossier"),
            self.tr(
                "Dossier {code} is withdrawn at the applicant's written request: processing ends now and "
                "the originals are given back."
            ).format(code=detail.code),
            self.tr("Withdraw"),
            parent,
        )
        self.detail = detail
        self.requester = QComboBox(self)
        self.requester.setObjectName("requesterKind")
        self.requester.addItem(self.tr("The owner of the dossier"), "owner")
        self.requester.addItem(self.tr("An authorised person"), "authorised")
        self.name = QLineEdit(detail.applicant_name, self)
        limit(self.name, limits.NAME)
        self.name.setObjectName("requesterName")
        self.id_number = QLineEdit(detail.applicant_id_number, self)
        limit(self.id_number, limits.ID)
        self.id_number.setObjectName("requesterId")
        self.authorisation = QLineEdit(self)
        limit(self.authorisation, limits.SHORT_TEXT)
        self.authorisation.setObjectName("authorisation")
        self.authorisation.setPlaceholderText(self.tr("Number and date of the authorisation"))
        self.reason = QPlainTextEdit(DEFAULT_WITHDRAW_REASON, self)
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        limit(self.reason, limits.REASON)
        self.paper = QCheckBox(self.tr("The written request is kept on paper at the counter"), self)
        self.paper.setObjectName("paperRequest")
        self.paper.setChecked(True)
        self.originals = QCheckBox(self.tr("The originals were given back"), self)
        self.originals.setObjectName("originalsReturned")
        self.originals.setChecked(True)
        self.form.addRow(self.tr("Requested by"), self.requester)
        self.form.addRow(self.tr("Full name"), self.name)
        self.form.addRow(self.tr("ID number"), self.id_number)
        self.form.addRow(self.tr("Authorisation"), self.authorisation)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.form.addRow(self.paper)
        self.form.addRow(self.originals)
        self.requester.currentIndexChanged.connect(self._requester_changed)
        self._requester_changed()

    def _requester_changed(self, *_: object) -> None:
        owner = self.requester.currentData() == "owner"
        for field in (self.name, self.id_number, self.authorisation):
            field.setEnabled(not owner)
        self.name.setText(self.detail.applicant_name if owner else "")
        self.id_number.setText(self.detail.applicant_id_number if owner else "")
        self.authorisation.clear()

    def request(self) -> WithdrawalRequest:
        return WithdrawalRequest(
            reason=self.reason.toPlainText().strip(),
            requester_kind=str(self.requester.currentData()),
            requester_name=self.name.text().strip(),
            requester_id_number=self.id_number.text().strip(),
            authorisation_ref=self.authorisation.text().strip(),
            paper_request_kept=self.paper.isChecked(),
            originals_returned=self.originals.isChecked(),
        )

    def problem(self) -> Problem:
        if not self.reason.toPlainText().strip():
            return self.tr("Please enter the reason."), self.reason
        if self.requester.currentData() == "authorised":
            if not self.name.text().strip():
                return self.tr("Please enter the authorised person's name."), self.name
            if not self.id_number.text().strip():
                return self.tr("Please enter the authorised person's ID number."), self.id_number
            if not self.authorisation.text().strip():
                return self.tr("Please enter the number and date of the authorisation."), self.authorisation
        if not self.paper.isChecked():
            return self.tr("Keep the written request: tick that it is kept on paper."), self.paper
        return NO_PROBLEM


class RatingDialog(_ActionDialog):
    """Rất hài lòng / Hài lòng / Không hài lòng, one key each (1, 2, 3); a reason for the last."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Rate the service"),
            self.tr("How satisfied is the applicant with dossier {code}? Press 1, 2 or 3.").format(code=code),
            self.tr("Record the rating"),
            parent,
        )
        texts = {
            Level.VERY_SATISFIED: self.tr("1 · Very satisfied"),
            Level.SATISFIED: self.tr("2 · Satisfied"),
            Level.DISSATISFIED: self.tr("3 · Dissatisfied"),
        }
        self.group = QButtonGroup(self)
        self.buttons_by_level: dict[Level, QRadioButton] = {}
        for level, text in texts.items():
            button = QRadioButton(text, self)
            button.setObjectName(level.value)
            self.group.addButton(button)
            self.buttons_by_level[level] = button
            self.form.addRow(button)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("Required when dissatisfied"))
        limit(self.reason, limits.REASON)
        self.form.addRow(self.tr("Reason"), self.reason)

    def level(self) -> Level | None:
        return next((level for level, button in self.buttons_by_level.items() if button.isChecked()), None)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        level = KEYS.get(Qt.Key(event.key()))
        if level is None:
            super().keyPressEvent(event)
            return
        self.buttons_by_level[level].setChecked(True)
        if level in NEEDS_REASON:
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.accept()

    def problem(self) -> Problem:
        level = self.level()
        if level is None:
            return self.tr("Press 1, 2 or 3 to choose the rating."), self.buttons_by_level[
                Level.VERY_SATISFIED
            ]
        if level in NEEDS_REASON and not self.reason_text():
            return self.tr("Please enter the reason the applicant is dissatisfied."), self.reason
        return NO_PROBLEM


class UndoDialog(ReasonDialog):
    """The reason a step recorded by mistake is undone (a correcting event; nothing is deleted)."""

    def __init__(self, detail: DossierDetail, step: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Undo the latest step"),
            self.tr(
                "The latest step of dossier {code} ({step}) is reversed by a correcting event and the dossier "
                "returns to its previous status. Nothing is deleted: the history shows both. Only the "
                "officer who recorded the step may undo it, on the same day."
            ).format(code=detail.code, step=step),
            self.tr("Undo"),
            parent,
        )


def ask_rating(
    parent: QWidget,
    store: Store,
    officer: SignedIn,
    code: str,
    on_done: Callable[[], None] | None = None,
) -> RatingDialog:
    """Open the rating dialog for dossier `code`; once a level is chosen, record it on the writer thread,
    then call `on_done` (a refusal, e.g. a second rating, is shown to the officer). Declining (Esc) is not
    a rating: nothing is recorded."""
    from desktop.ui.errors import show_error

    dialog = RatingDialog(code, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def confirmed() -> None:
        level = dialog.level()
        assert level is not None  # accept() refuses without one
        work = partial(rate, store, officer, code, level.value, dialog.reason_text())
        tasks.run_write(work, lambda _state: on_done() if on_done is not None else None, failed, owner=parent)

    def failed(exc: BaseException) -> None:
        show_error(exc, parent)

    dialog.accepted.connect(confirmed)
    dialog.open()
    return dialog

"""Batch hand-over (Dossier → Hand over a batch…, Ctrl+Shift+H): the received dossiers waiting to be handed
over, today's ticked, the receiving office and person; the batch is handed over in one transaction
(`desktop.services.handover.hand_over_batch`) and its list ("Danh sách bàn giao hồ sơ") opens in the print
preview for both sides to sign.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from desktop.core import limits
from desktop.services.handover import HandOverBatch, WaitingDossier, hand_over_batch, waiting_dossiers
from desktop.ui import tasks
from desktop.ui.dossier.dialogs import NO_PROBLEM, Problem, _ActionDialog
from desktop.ui.text_limit import limit

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class BatchHandOverDialog(_ActionDialog):
    """Choose the dossiers (today's received ones ticked), the receiving office and person."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Hand over a batch"),
            self.tr(
                "Tick the received dossiers to hand over together (today's are ticked), then name the office "
                "that takes them; the hand-over list is printed next for both sides to sign."
            ),
            self.tr("Hand over"),
            parent,
        )
        self.setMinimumWidth(760)
        self.dossiers = QListWidget(self)
        self.dossiers.setObjectName("batchDossiers")
        self.unit = QLineEdit(self)
        limit(self.unit, limits.BODY)
        self.unit.setObjectName("processingUnit")
        self.receiver = QLineEdit(self)
        limit(self.receiver, limits.BODY)
        self.receiver.setObjectName("receiver")
        self.signed = QCheckBox(self.tr("The list is signed by both sides"), self)
        self.signed.setObjectName("slipSigned")
        self.form.addRow(self.tr("Dossiers"), self.dossiers)
        self.form.addRow(self.tr("Processing office"), self.unit)
        self.form.addRow(self.tr("Received by"), self.receiver)
        self.form.addRow("", self.signed)

    def show_dossiers(self, waiting: list[WaitingDossier]) -> None:
        self.dossiers.clear()
        for w in waiting:
            text = f"{w.code} · {w.applicant_name} · {w.procedure_name} · {w.received_at:%H:%M %d/%m/%Y}"
            item = QListWidgetItem(text, self.dossiers)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if w.received_today else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, w.code)
        if not waiting:
            QListWidgetItem(self.tr("No received dossier is waiting to be handed over."), self.dossiers)

    def codes(self) -> list[str]:
        items = (self.dossiers.item(row) for row in range(self.dossiers.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked and item.data(Qt.ItemDataRole.UserRole)
        ]

    def problem(self) -> Problem:
        if not self.codes():
            return self.tr("Tick at least one dossier."), self.dossiers
        if not self.unit.text().strip():
            return self.tr("Please name the processing office."), self.unit
        return NO_PROBLEM


def hand_over_a_batch(window: MainWindow) -> BatchHandOverDialog:
    """Open the batch dialog; once confirmed, hand the batch over and preview its list."""
    from desktop.ui.errors import show_error
    from desktop.ui.print_preview import show_print_preview

    store, officer = window.store, window.officer
    dialog = BatchHandOverDialog(window)
    dialog.setObjectName("batchHandOverDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    tasks.run_query(lambda: waiting_dossiers(store), dialog.show_dossiers, owner=dialog)

    def done(batch: HandOverBatch) -> None:
        window.refresh()
        show_print_preview(window, store, "handover_list", batch.batch_id)

    def failed(exc: BaseException) -> None:
        window.refresh()
        show_error(exc, window)

    def confirmed() -> None:
        codes, unit, person = dialog.codes(), dialog.unit.text(), dialog.receiver.text()
        signed = dialog.signed.isChecked()
        tasks.run_write(
            lambda: hand_over_batch(store, officer, codes, unit, person, slip_signed=signed),
            done,
            failed,
            owner=window,
        )

    dialog.accepted.connect(confirmed)
    dialog.open()
    return dialog

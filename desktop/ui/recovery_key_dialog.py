"""The recovery key, shown once (after the first-run setup, or at the first start after the upgrade that
brought the store key): printed on a sheet (`desktop.forms.recovery_sheet`) or written down, then confirmed
by typing its last group back. The dialog cannot be dismissed before that: the key is never shown again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.timeutil import now_local
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.form_helpers import error_label, show_failure, show_inline_error
from desktop.ui.text_limit import limit


def print_sheet(store: Store, recovery_key: str) -> None:
    """Print the sheet on the default printer, from memory: the recovery key never reaches a file."""
    from desktop.forms.recovery_sheet import recovery_sheet_pdf
    from desktop.services.unit_settings import load_unit_settings
    from desktop.store.workstation import current_workstation
    from desktop.ui.printing import default_printer, print_pdf

    unit = load_unit_settings(store)
    data = recovery_sheet_pdf(unit.name, unit.code, current_workstation(store), recovery_key, now_local())
    print_pdf(data, default_printer(), "Khoá khôi phục")


class RecoveryKeyDialog(QDialog):
    def __init__(self, store: Store, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(self.tr("Recovery key"))
        self.setMinimumWidth(600)
        self.store = store
        self.recovery_key = recovery_key
        intro = QLabel(
            self.tr(
                "This is the recovery key of this workstation's data. It opens the data and its backups on "
                "another PC or when the system's password store is lost. It is shown only now: print it (or "
                "write it down) and keep it locked away, apart from the PC and the backup drives."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.key_label = QLabel(recovery_key, self)
        self.key_label.setObjectName("recoveryKeyText")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_button = QPushButton(self.tr("&Print the sheet…"), self)
        self.print_button.setObjectName("printRecoveryKey")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self._print)
        self.confirm = QLineEdit(self)
        limit(self.confirm, 8, counter=False)
        self.confirm.setObjectName("confirmLastGroup")
        confirm_label = QLabel(self.tr("Type the &last group of the key to confirm you kept it:"), self)
        confirm_label.setBuddy(self.confirm)
        confirm_label.setWordWrap(True)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.confirm.textChanged.connect(self._check)
        row = QHBoxLayout()
        row.addWidget(confirm_label, 1)
        row.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.confirm.setFocus()

    def _check(self, text: str) -> None:
        last = self.recovery_key.rsplit("-", 1)[1]
        self.ok.setEnabled(text.strip().upper() == last)

    def _print(self) -> None:
        store, key = self.store, self.recovery_key
        self.print_button.setEnabled(False)

        def printed(_result: None) -> None:
            self.print_button.setEnabled(True)
            show_inline_error(self.error, "")

        def failed(exc: BaseException) -> None:
            self.print_button.setEnabled(True)
            show_failure(self.error, exc, {}, self)

        tasks.run_query(lambda: print_sheet(store, key), printed, failed, owner=self)

    def reject(self) -> None:  # Esc, the close button: not before the key is confirmed
        if self.ok.isEnabled():
            self.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.ok.isEnabled():
            event.ignore()
            return
        super().closeEvent(event)

"""Returning a result by the code on form 01: the citizen hands over the receipt, the officer scans its QR
with the USB reader in keyboard mode anywhere in the main window (`ScannerBurstFilter.code_scanned`), or
types the code (Dossier → "Return a result by code…", Ctrl+R), and lands on that dossier's return dialog
with the receiver pre-filled as the owner. A code that is not one of ours, or a dossier whose result is not
ready, is said in Vietnamese.

Installed with the dossier view; the services and the view are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QMessageBox, QWidget

from desktop.ui.intake.burst import ScannerBurstFilter

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

SHORTCUT = "Ctrl+R"


class CodeDialog(QDialog):
    """One field for the dossier code (typed, or scanned into it); not modal, so a reader types into it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnByCodeDialog")
        self.setWindowTitle(QCoreApplication.translate("ReturnByCode", "Return a result by code"))
        self.code = QLineEdit(self)
        self.code.setObjectName("dossierCode")
        self.code.setPlaceholderText(
            QCoreApplication.translate(
                "ReturnByCode", "Scan the QR code of the receipt, or type the dossier code"
            )
        )
        self.code.setMinimumWidth(360)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QCoreApplication.translate("ReturnByCode", "Dossier code"), self.code)
        form.addRow(buttons)


def return_by_code(window: MainWindow, scanned: str) -> QMessageBox | None:
    """Open the return dialog of the dossier `scanned` names; else a message saying why (returned)."""
    from desktop.core.errors import NotFoundError, ValidationError
    from desktop.services.result import returnable
    from desktop.ui.dossier import open_dossier

    try:
        dossier_id = returnable(window.store, scanned)
    except (NotFoundError, ValidationError) as exc:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("ReturnByCode", "Return a result by code"),
            str(exc),
            parent=window,
        )
        box.setObjectName("returnByCodeMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
    view = open_dossier(window, dossier_id)
    if view.follow_up.actions["return_result"].isEnabled():
        view.follow_up.return_result()
        return None

    def loaded(*_: object) -> None:  # the view reads the dossier off the GUI thread
        view.loaded.disconnect(loaded)
        view.follow_up.return_result()

    view.loaded.connect(loaded)
    view.reload()
    return None


def ask_code(window: MainWindow) -> CodeDialog:
    dialog = CodeDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: return_by_code(window, dialog.code.text()))
    dialog.show()
    dialog.code.setFocus(Qt.FocusReason.OtherFocusReason)
    return dialog


def install_return_by_code(window: MainWindow) -> None:
    action = QAction(QCoreApplication.translate("ReturnByCode", "Return a result by &code…"), window)
    action.setObjectName("returnByCode")
    action.setShortcut(QKeySequence(SHORTCUT))
    action.triggered.connect(lambda: ask_code(window))
    window.menu_dossier.addAction(action)
    burst = ScannerBurstFilter(window)
    burst.setObjectName("returnByCodeScanner")
    burst.code_scanned.connect(lambda text: return_by_code(window, text))

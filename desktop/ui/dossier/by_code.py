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

from desktop.core import limits
from desktop.ui.dossier.opening import open_dossier
from desktop.ui.intake.burst import ScannerBurstFilter
from desktop.ui.text_limit import limit

if TYPE_CHECKING:
    from desktop.services.dossier_detail import DossierDetail
    from desktop.ui.main_window import MainWindow

SHORTCUT = "Ctrl+R"


class CodeDialog(QDialog):
    """One field for the dossier code (typed, or scanned into it); not modal, so a reader types into it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnByCodeDialog")
        self.setWindowTitle(QCoreApplication.translate("ReturnByCode", "Return a result by code"))
        self.code = QLineEdit(self)
        limit(self.code, limits.DOSSIER_CODE)
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

    def accept(self) -> None:
        """Enter in the empty field does nothing (the dialog waits for a code)."""
        if self.code.text().strip():
            super().accept()


def return_by_code(window: MainWindow, scanned: str) -> None:
    """Open the return dialog of the dossier `scanned` names; else a message saying why.

    The code is looked up and the dossier read in one go off the GUI thread; its tab then opens already
    filled (one read, one paint) and the dialog over it: benchmarks/return_by_qr.py."""
    from desktop.services.dossier_detail import load_detail
    from desktop.services.result import returnable
    from desktop.ui import tasks

    store = window.store
    tasks.run_query(
        lambda: load_detail(store, returnable(store, scanned)),
        lambda detail: _open_return(window, detail),
        lambda exc: _refused(window, exc),
        owner=window,
    )


def _open_return(window: MainWindow, detail: DossierDetail) -> None:
    open_dossier(window, detail.id, detail).follow_up.return_result()


def _refused(window: MainWindow, exc: BaseException) -> None:
    """A code that is not ours or a dossier not ready, said in Vietnamese (anything else: the error box)."""
    from desktop.core.errors import NotFoundError, ValidationError

    if not isinstance(exc, NotFoundError | ValidationError):
        from desktop.ui.errors import show_error

        show_error(exc, window)
        return
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("ReturnByCode", "Return a result by code"),
        str(exc),
        parent=window,
    )
    box.setObjectName("returnByCodeMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


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

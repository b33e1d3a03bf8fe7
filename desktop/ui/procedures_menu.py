"""The File menu's "Procedures at the counter…" entry (administrators only): which procedures the intake's
picker lists on this workstation (`desktop.ui.procedures_dialog`, imported when chosen, not at start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction

from desktop.core.roles import ADMIN

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def install_hidden_procedures(window: MainWindow) -> QAction | None:
    """File → Procedures at the counter…, for administrators only (others do not see it); an open intake
    view re-reads its procedures after a change."""
    if window.officer.role != ADMIN:
        return None
    action = QAction(
        QCoreApplication.translate("HiddenProceduresDialog", "&Procedures at the counter…"), window
    )
    action.setObjectName("hiddenProcedures")

    def open_dialog() -> None:
        from desktop.ui.procedures_dialog import HiddenProceduresDialog

        dialog = HiddenProceduresDialog(window.store, window.officer, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def saved() -> None:
            from desktop.ui.intake.view import IntakeView

            view = window.findChild(IntakeView, "intakeView")
            if view is not None:
                view.refresh_context()

        dialog.accepted.connect(saved)
        dialog.open()

    action.triggered.connect(open_dialog)
    window.menu_file.insertAction(window.action_sign_out, action)
    return action

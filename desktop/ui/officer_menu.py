"""The File menu's entries for officers: "Officers…" (administrators only: `desktop.ui.officers_dialog`,
imported when chosen) and "Switch officer…" (everyone: the sign-in screen, the open intake kept as the
officer's own draft); and, for a read-only officer (leader, inspector), the main window's changing
actions disabled (the store refuses their changes anyway, `desktop.core.roles`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction

from desktop.core.roles import ADMIN, can_change

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

CHANGING_ACTIONS = ("newDossier", "handOverBatch", "returnByCode")  # main-window actions that change dossiers


def install_officer_menu(window: MainWindow) -> None:
    switch = QAction(QCoreApplication.translate("OfficersDialog", "S&witch officer…"), window)
    switch.setObjectName("switchOfficer")
    switch.triggered.connect(window.switch_officer)
    window.menu_file.insertAction(window.action_sign_out, switch)
    if window.officer.role == ADMIN:
        manage = QAction(QCoreApplication.translate("OfficersDialog", "&Officers…"), window)
        manage.setObjectName("manageOfficers")

        def open_dialog() -> None:
            from desktop.ui.officers_dialog import OfficersDialog

            dialog = OfficersDialog(window.store, window.officer, window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.auto_lock_changed.connect(window.screen_lock.set_minutes)
            dialog.open()

        manage.triggered.connect(open_dialog)
        window.menu_file.insertAction(switch, manage)
    if not can_change(window.officer.role):
        for action in window.findChildren(QAction):
            if action.objectName() in CHANGING_ACTIONS:
                action.setEnabled(False)
                action.setVisible(False)

"""The File menu's "Unit information…" and "Confirm time limits…" entries (administrators only).

Kept apart from `desktop.ui.unit_dialog` so the main window does not import the dialog, its services and the
legal clock behind them at start-up (tests/unit/test_startup_imports.py): they load when the entry is chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def install_unit_settings(window: MainWindow) -> QAction | None:
    """File → Unit information…, for administrators only (others do not see it)."""
    if window.officer.role != "admin":
        return None
    action = QAction(QCoreApplication.translate("UnitSettingsDialog", "&Unit information…"), window)
    action.setObjectName("unitSettings")

    def open_dialog() -> None:
        from desktop.ui.unit_dialog import UnitSettingsDialog

        dialog = UnitSettingsDialog(window.store, window.officer, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(open_dialog)
    window.menu_file.insertAction(window.action_sign_out, action)
    install_time_limits(window)
    window.menu_file.insertSeparator(window.action_sign_out)
    return action


def install_time_limits(window: MainWindow) -> QAction:
    """File → Confirm time limits… (administrators): the procedures whose time limit the catalogue leaves
    unconfirmed (`desktop.ui.time_limit_dialog`)."""
    action = QAction(QCoreApplication.translate("ConfirmTimeLimitDialog", "Confirm time &limits…"), window)
    action.setObjectName("confirmTimeLimits")

    def open_dialog() -> None:
        from desktop.ui.time_limit_dialog import ConfirmTimeLimitDialog

        dialog = ConfirmTimeLimitDialog(window.store, window.officer, None, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(open_dialog)
    window.menu_file.insertAction(window.action_sign_out, action)
    return action

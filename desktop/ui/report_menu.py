"""The Reports menu's "Make a report…" entry (the dialog, its services and openpyxl load when chosen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def reports_menu(window: MainWindow) -> QMenu:
    """The menu bar's Reports menu, "reportsMenu" (the dashboard's too: made once, before Help, by
    whichever comes first; the same title in the Qt context of the dashboard)."""
    found = window.findChild(QMenu, "reportsMenu")
    if isinstance(found, QMenu):
        return found
    menu = QMenu(QCoreApplication.translate("Dashboard", "&Reports"), window)
    menu.setObjectName("reportsMenu")
    window.menuBar().insertMenu(window.menu_help.menuAction(), menu)
    return menu


def install_reports(window: MainWindow) -> QAction:
    action = QAction(QCoreApplication.translate("ReportDialog", "&Make a report…"), window)
    action.setObjectName("makeReport")

    def open_dialog() -> None:
        from desktop.ui.report_dialog import ReportDialog

        dialog = ReportDialog(window.store, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(open_dialog)
    reports_menu(window).addAction(action)
    return action

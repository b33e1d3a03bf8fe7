"""The File menu's entries for administrators only (others do not see them): Unit information…, Confirm time
limits…, Import procedure catalogue…, Procedures at the counter….

Kept apart from the dialogs so the main window does not import them, their services and the legal clock
behind them at start-up (tests/unit/test_startup_imports.py): each loads when its entry is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction

from desktop.core.roles import ADMIN

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from desktop.ui.main_window import MainWindow


def file_entry(window: MainWindow, text: str, name: str, make_dialog: Callable[[], QDialog]) -> QAction:
    """A File menu entry, placed before Sign out, that opens the dialog `make_dialog` makes when it is chosen
    (deleted when closed)."""
    action = QAction(text, window)
    action.setObjectName(name)

    def open_dialog() -> None:
        dialog = make_dialog()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(open_dialog)
    window.menu_file.insertAction(window.action_sign_out, action)
    return action


def install_admin_entries(window: MainWindow) -> None:
    """The administrators' entries, in the menu's order (none for other roles)."""
    if window.officer.role != ADMIN:
        return
    install_unit_settings(window)
    install_time_limits(window)
    window.menu_file.insertSeparator(window.action_sign_out)
    install_catalogue_import(window)
    install_hidden_procedures(window)


def install_unit_settings(window: MainWindow) -> QAction:
    """File → Unit information…"""

    def dialog() -> QDialog:
        from desktop.ui.unit_dialog import UnitSettingsDialog

        return UnitSettingsDialog(window.store, window.officer, window)

    text = QCoreApplication.translate("UnitSettingsDialog", "&Unit information…")
    return file_entry(window, text, "unitSettings", dialog)


def install_time_limits(window: MainWindow) -> QAction:
    """File → Confirm time limits…: the procedures whose time limit the catalogue leaves unconfirmed
    (`desktop.ui.time_limit_dialog`)."""

    def dialog() -> QDialog:
        from desktop.ui.time_limit_dialog import ConfirmTimeLimitDialog

        return ConfirmTimeLimitDialog(window.store, window.officer, None, window)

    text = QCoreApplication.translate("ConfirmTimeLimitDialog", "Confirm time &limits…")
    return file_entry(window, text, "confirmTimeLimits", dialog)


def install_catalogue_import(window: MainWindow) -> QAction:
    """File → Import procedure catalogue… (`desktop.ui.catalogue_import_dialog`)."""

    def dialog() -> QDialog:
        from desktop.ui.catalogue_import_dialog import CatalogueImportDialog

        return CatalogueImportDialog(window.store, window.officer, window)

    text = QCoreApplication.translate("CatalogueImportDialog", "&Import procedure catalogue…")
    return file_entry(window, text, "importCatalogue", dialog)


def install_hidden_procedures(window: MainWindow) -> QAction:
    """File → Procedures at the counter…: which procedures the intake's picker lists on this workstation
    (`desktop.ui.procedures_dialog`); an open intake view re-reads its procedures after a change."""

    def dialog() -> QDialog:
        from desktop.ui.intake.view import IntakeView
        from desktop.ui.procedures_dialog import HiddenProceduresDialog

        made = HiddenProceduresDialog(window.store, window.officer, window)

        def saved() -> None:
            view = window.findChild(IntakeView, "intakeView")
            if view is not None:
                view.refresh_context()

        made.accepted.connect(saved)
        return made

    text = QCoreApplication.translate("HiddenProceduresDialog", "&Procedures at the counter…")
    return file_entry(window, text, "hiddenProcedures", dialog)

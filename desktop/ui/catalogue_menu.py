"""The File menu's "Import procedure catalogue…" entry (administrators only).

Kept apart from `desktop.ui.catalogue_import_dialog` so the main window does not import the dialog and the
import's services at start-up (tests/unit/test_startup_imports.py): they load when the entry is chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction

from desktop.core.roles import ADMIN

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def install_catalogue_import(window: MainWindow) -> QAction | None:
    """File → Import procedure catalogue…, for administrators only (others do not see it)."""
    if window.officer.role != ADMIN:
        return None
    action = QAction(
        QCoreApplication.translate("CatalogueImportDialog", "&Import procedure catalogue…"), window
    )
    action.setObjectName("importCatalogue")

    def open_dialog() -> None:
        from desktop.ui.catalogue_import_dialog import CatalogueImportDialog

        dialog = CatalogueImportDialog(window.store, window.officer, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(open_dialog)
    window.menu_file.insertAction(window.action_sign_out, action)
    return action

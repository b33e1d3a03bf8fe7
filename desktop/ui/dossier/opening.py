"""Opening a dossier in its own tab of the main window (`open_dossier`): from the dossier list, the
worklists, the dashboard and a scanned receipt (`desktop.ui.dossier.by_code`), which import it from here.

The view itself (with the services, scanning and printing behind it) is imported when the first dossier is
opened, not when the main window starts (tests/unit/test_startup_imports.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

if TYPE_CHECKING:
    from desktop.services.dossier_detail import DossierDetail
    from desktop.ui.dossier.view import DossierView
    from desktop.ui.main_window import MainWindow


def open_dossier(window: MainWindow, dossier_id: str, detail: DossierDetail | None = None) -> DossierView:
    """Show the dossier in its own tab (switch to it when it is already open); `detail`, when the caller
    has just read the dossier, is shown as it is instead of being read again."""
    from desktop.ui.dossier.view import DossierView

    for index in range(window.tabs.count()):
        page = window.tabs.widget(index)
        if isinstance(page, DossierView) and page.dossier_id == dossier_id:
            window.open_page(page, window.tabs.tabText(index))
            if detail is not None:
                page.show_detail(detail)
            return page
    view = DossierView(window.store, window.officer, dossier_id, window, detail=detail)
    view.changed.connect(window.refresh)
    window.dossier_list.model.loaded.connect(view.outside_change)  # F5, a saved intake, …
    assert window.sync is not None  # a dossier opens once the store is (MainWindow.attach_store)
    window.sync.controller.pass_finished.connect(view.outside_change)  # sent / rejected by the province
    title = (
        view.detail.code if view.detail is not None else QCoreApplication.translate("DossierView", "Dossier")
    )
    window.open_page(view, title)

    def retitle(detail: object) -> None:
        index = window.tabs.indexOf(view)
        if index >= 0 and view.detail is not None:
            window.tabs.setTabText(index, view.detail.code)

    view.loaded.connect(retitle)
    view.lines.setFocus(Qt.FocusReason.OtherFocusReason)
    return view

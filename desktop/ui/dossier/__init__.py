"""The dossier view (follow-up work on one dossier) and its wiring into the main window.

`install_dossier_view(window)`: Enter or double-click in the dossier list opens the dossier in its own tab
(`open_dossier`, kept in `desktop.ui.dossier.opening`, which `by_code` imports too: one way, no cycle), and
the "Dossier" menu gets "Hand over a batch…" (Ctrl+Shift+H, the batch hand-over list), "Print tracking
register…" (form 07, a date range), "Today's cash statement" (the officer's fee receipts of the day), "Print
end-of-day sheet…" (a day, today by default) and "Return a result by code…" (Ctrl+R; a scanned form 01 QR
does the same, `by_code`).

The view itself (with the services, scanning and printing behind it) is imported when the first dossier is
opened, not when the main window starts (tests/unit/test_startup_imports.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction

from desktop.ui.dossier.by_code import install_return_by_code
from desktop.ui.dossier.opening import open_dossier

if TYPE_CHECKING:
    from desktop.ui.dossier.batch import BatchHandOverDialog
    from desktop.ui.dossier.dialogs import EndOfDayDialog, RegisterRangeDialog
    from desktop.ui.main_window import MainWindow

__all__ = [
    "hand_over_batch",
    "install_dossier_view",
    "open_dossier",
    "print_cash_statement",
    "print_end_of_day",
    "print_register",
]


def print_register(window: MainWindow) -> RegisterRangeDialog:
    """Ask for the date range, then preview the tracking register (form 07)."""
    from desktop.ui.dossier.dialogs import RegisterRangeDialog
    from desktop.ui.print_preview import show_print_preview

    dialog = RegisterRangeDialog(window)
    dialog.setObjectName("registerRangeDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def chosen() -> None:
        first, last = dialog.range()
        show_print_preview(window, window.store, "register", date_from=first, date_to=last)

    dialog.accepted.connect(chosen)
    dialog.open()
    return dialog


def print_end_of_day(window: MainWindow) -> EndOfDayDialog:
    """Ask for the day, then preview the end-of-day sheet."""
    from desktop.ui.dossier.dialogs import EndOfDayDialog
    from desktop.ui.print_preview import show_print_preview

    dialog = EndOfDayDialog(window)
    dialog.setObjectName("endOfDayDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(
        lambda: show_print_preview(window, window.store, "end_of_day", date_from=dialog.day())
    )
    dialog.open()
    return dialog


def install_dossier_view(window: MainWindow) -> None:
    window.dossier_list.dossier_activated.connect(lambda dossier_id: open_dossier(window, dossier_id))
    action = QAction(QCoreApplication.translate("DossierView", "Print tracking &register…"), window)
    action.setObjectName("printRegister")
    action.triggered.connect(lambda: print_register(window))
    batch = QAction(QCoreApplication.translate("DossierView", "Hand over a &batch…"), window)
    batch.setObjectName("handOverBatch")
    batch.setShortcut("Ctrl+Shift+H")
    batch.triggered.connect(lambda: hand_over_batch(window))
    statement = QAction(QCoreApplication.translate("DossierView", "Today's cash state&ment"), window)
    statement.setObjectName("cashStatement")
    statement.triggered.connect(lambda: print_cash_statement(window))
    window.menu_dossier.addSeparator()
    window.menu_dossier.addAction(batch)
    window.menu_dossier.addAction(action)
    window.menu_dossier.addAction(statement)
    end_of_day = QAction(QCoreApplication.translate("DossierView", "Print &end-of-day sheet…"), window)
    end_of_day.setObjectName("printEndOfDay")
    end_of_day.triggered.connect(lambda: print_end_of_day(window))
    window.menu_dossier.addAction(end_of_day)
    install_return_by_code(window)
    from desktop.ui import tasks

    if not tasks.is_synchronous():  # the tests open the view when they need it
        QTimer.singleShot(PRELOAD_AFTER_MS, window, lambda: _preload(window))


# The dossier screens (and the printing they pull in: reportlab) take about 0.4 s to import; imported on
# first use, the first receipt scanned after signing in took 0.5-0.6 s instead of ~0.12 s
# (benchmarks/return_by_qr.py). A few seconds after the store is open they are imported on a worker
# thread: only Python modules, no widget is made there.
PRELOAD_AFTER_MS = 3000
PRELOADED = (
    "desktop.ui.dossier.view",
    "desktop.ui.dossier.result_dialogs",
    "desktop.ui.dossier.applicant_dialogs",
    "desktop.ui.print_preview",
    "desktop.services.result",
    "desktop.forms.notices",
)


def _preload(window: MainWindow) -> None:
    import importlib

    from desktop.ui import tasks

    def work() -> None:
        for name in PRELOADED:
            importlib.import_module(name)

    tasks.run_query(work, owner=window)


def print_cash_statement(window: MainWindow) -> None:
    """The signed-in officer's statement of today's fee receipts (as `motcua cash-statement`), made on a
    worker and shown in the print preview like the receipts."""
    from desktop.core.timeutil import now_local
    from desktop.services import fee_documents
    from desktop.ui import tasks
    from desktop.ui.errors import show_error
    from desktop.ui.print_preview import open_preview, prepared

    store, day, username = window.store, now_local().date(), window.officer.username

    def failed(exc: BaseException) -> None:
        show_error(exc, window)

    tasks.run_query(
        lambda: prepared(store, fee_documents.print_cash_statement(store, day, username)[0]),
        lambda result: open_preview(window, store, result),
        failed,
        owner=window,
    )


def hand_over_batch(window: MainWindow) -> BatchHandOverDialog:
    """The batch hand-over dialog (`desktop.ui.dossier.batch`), imported on first use."""
    from desktop.ui.dossier.batch import hand_over_a_batch

    return hand_over_a_batch(window)

"""The intake view (receiving a dossier at the counter) and its wiring into the main window.

The view and its services (calendar, addresses, scanning, printing) are imported when the view is first
opened, not when the main window is built: they are a third of the main window's start-up time otherwise
(benchmarks/startup.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desktop.ui import tasks

if TYPE_CHECKING:
    from desktop.ui.intake.view import IntakeView
    from desktop.ui.main_window import MainWindow

__all__ = ["IntakeView", "install_intake", "open_intake"]


def open_intake(window: MainWindow) -> IntakeView:
    """Show the intake view in the main window (one per window; Ctrl+N switches back to it)."""
    from desktop.ui.intake.view import IntakeView

    view = window.findChild(IntakeView, "intakeView")
    if view is None:
        view = IntakeView(window.store, window.officer, window)
        view.saved.connect(lambda _result: window.refresh())
        view.close_requested.connect(lambda: window.close_page(view))
    else:
        view.refresh_context()  # reused: catalogue, recent procedures and calendar may have changed
    window.open_page(view, QCoreApplication.translate("IntakeView", "New dossier"))
    view.focus_start()
    return view


def install_intake(window: MainWindow) -> None:
    """Enable Ctrl+N "New dossier" and offer a kept draft at start-up."""
    window.action_new_dossier.setEnabled(True)
    window.action_new_dossier.triggered.connect(lambda: open_intake(window))
    store, officer = window.store, window.officer

    def has_draft() -> bool:
        from desktop.services.drafts import latest_draft

        saved = latest_draft(store, officer)
        return saved is not None and not saved.draft.is_blank()

    def offer(found: bool) -> None:
        if found:
            open_intake(window)

    tasks.run_query(has_draft, offer, owner=window)


def __getattr__(name: str) -> Any:
    if name == "IntakeView":
        from desktop.ui.intake.view import IntakeView

        return IntakeView
    raise AttributeError(name)

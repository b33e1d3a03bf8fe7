"""Closing the main window with changes not yet sent asks whether to sync first (issue 7 item 4).

"Sync and quit" runs a pass with a progress dialog whose button stops it and quits at once (what was not
sent stays queued, the pass is resumable), so closing never waits on the network. "Quit" closes, "Cancel"
keeps the window. Before the first connection (issue 21 item 6) the question says there is nowhere to send
them yet and offers to connect instead of syncing: "Connect…" keeps the window and opens the connection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressDialog, QPushButton

from desktop.ui.sync.controller import SyncController

if TYPE_CHECKING:
    from sync.engine import PassResult


class CloseGuard(QObject):
    """An event filter on the main window's Close event; `connect_requested`: "Connect…" was chosen."""

    connect_requested = Signal()

    def __init__(self, window: QMainWindow, controller: SyncController) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.allow = False  # set on sign-out and once the officer has decided
        self.question: QMessageBox | None = None
        self.progress: QProgressDialog | None = None
        self.failed: QMessageBox | None = None  # "could not send everything": quit or stay
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window or event.type() != QEvent.Type.Close:
            return False
        overview = self.controller.overview
        demo = overview is not None and overview.demo and not overview.enrolled
        if self.allow or not self.controller.pending or demo:
            self.controller.stop()
            return False
        event.ignore()
        if self.progress is None:
            self.ask()
        return True

    def close_now(self) -> None:
        self.allow = True
        self.controller.stop()
        self.window.close()

    def ask(self) -> QMessageBox:
        """The question, opened non-blocking (and found by tests among the top-level widgets)."""
        if self.question is not None:
            self.question.raise_()
            return self.question
        box = QMessageBox(self.window)
        box.setObjectName("syncBeforeQuit")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Changes not sent"))
        box.setText(
            self.tr("{n} change(s) have not been sent to the province yet.").format(n=self.controller.pending)
        )
        if self.controller.enrolled:
            box.setInformativeText(
                self.tr("They are kept on this computer and sent at the next sync. Sync now before quitting?")
            )
            self.sync_button = box.addButton(self.tr("&Sync and quit"), QMessageBox.ButtonRole.AcceptRole)
        else:
            box.setInformativeText(
                self.tr(
                    "This workstation is not connected to the provincial server yet: they are kept on this "
                    "computer and sent once it is. Connect now?"
                )
            )
            self.sync_button = box.addButton(self.tr("&Connect…"), QMessageBox.ButtonRole.AcceptRole)
        self.quit_button = box.addButton(self.tr("&Quit"), QMessageBox.ButtonRole.DestructiveRole)
        self.cancel_button = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.sync_button)
        box.setEscapeButton(self.cancel_button)
        box.buttonClicked.connect(self._answered)
        self.question = box
        box.open()
        return box

    def _answered(self, button: QPushButton) -> None:
        self.question = None
        if button is self.quit_button:
            self.close_now()
        elif button is self.sync_button and not self.controller.enrolled:
            self.connect_requested.emit()
        elif button is self.sync_button:
            self._sync_then_quit()

    def _sync_then_quit(self) -> None:
        controller = self.controller
        if not controller.running and not controller.run_pass("manual"):
            self.close_now()
            return
        dialog = QProgressDialog(
            self.tr("Sending changes to the province before quitting…"),
            self.tr("Stop and quit"),
            0,
            0,
            self.window,
        )
        dialog.setObjectName("syncBeforeQuitProgress")
        dialog.setWindowTitle(self.tr("Synchronising"))
        dialog.setMinimumDuration(0)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.canceled.connect(self.close_now)
        controller.pass_progress.connect(self._progressed)
        controller.pass_finished.connect(self._synced)
        self.progress = dialog
        dialog.open()

    def _progressed(self, done: int, total: int, _text: str) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _synced(self, result: PassResult) -> None:
        self.controller.pass_progress.disconnect(self._progressed)
        self.controller.pass_finished.disconnect(self._synced)
        if self.progress is not None:
            self.progress.canceled.disconnect(self.close_now)
            self.progress.close()
            self.progress = None
        # refusals are shown on their dossiers and wait for the officer: they do not keep the window open
        if (result.outcome == "ok" and not result.pending) or result.outcome == "cancelled":
            self.close_now()
            return
        box = QMessageBox(self.window)
        box.setObjectName("syncBeforeQuitFailed")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Changes not sent"))
        box.setText(result.message or self.tr("Not everything could be sent."))
        box.setInformativeText(
            self.tr("{n} change(s) are kept on this computer and will be sent at the next sync.").format(
                n=result.pending
            )
        )
        self.failed_quit = box.addButton(self.tr("&Quit"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Stay"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(self._after_failure)
        self.failed = box
        box.open()

    def _after_failure(self, button: QPushButton) -> None:
        self.failed = None
        if button is self.failed_quit:
            self.close_now()

"""The sync side of the main window: connecting to the province, "sync now" (F9), the status bar, closing.

`install_sync(window)` adds Sync → "Connect to the provincial server…", enables F9 once this workstation is
enrolled, shows each pass's progress and outcome in the status bar (and in a message after F9), asks for a
new login when the server refuses the device token (the queue is kept), and asks whether to sync first when
the window is closed with changes not yet sent; F8 opens the sync screen (`screen.SyncScreen`: what waits,
progress, pause, upload cap, history, refusals). The timing lives in `controller.SyncController`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QProgressBar

from desktop.services.sync_control import ConnectionSettings, SyncOverview
from desktop.store.workstation import current_workstation
from desktop.ui.sync.close_guard import CloseGuard
from desktop.ui.sync.connect_dialog import ConnectDialog
from desktop.ui.sync.controller import SyncController
from sync.summary import OUTCOMES, summary_lines

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.sync.screen import SyncScreen
    from sync.client.enrol import Enrolled
    from sync.engine import PassResult

__all__ = ["ConnectDialog", "SyncController", "SyncUi", "install_sync"]

MESSAGE_MS = 20_000


class SyncUi(QObject):
    """Everything sync-related on one main window; `controller` runs the passes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = SyncController(window.store, window.sync_status, self)
        self.guard = CloseGuard(window, self.controller)
        self.guard.connect_requested.connect(self._connect_chosen)
        self.connect_dialog: ConnectDialog | None = None
        self.result_box: QMessageBox | None = None
        self.screen: SyncScreen | None = None
        self._manual = False

        self.action_connect = QAction(self.tr("&Connect to the provincial server…"), window)
        self.action_connect.setObjectName("syncConnect")
        self.action_connect.triggered.connect(self._connect_chosen)
        window.menu_sync.addSeparator()
        window.menu_sync.addAction(self.action_connect)
        window.action_sync_now.triggered.connect(self.sync_now)
        window.action_sync_screen.triggered.connect(self.open_screen)
        window.action_sync_screen.setEnabled(True)
        window.sign_out_requested.connect(self._signing_out)

        self.progress = QProgressBar(window)
        self.progress.setObjectName("syncProgress")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        window.statusBar().addPermanentWidget(self.progress)

        controller = self.controller
        controller.overview_changed.connect(self._overview)
        controller.pass_started.connect(self._started)
        controller.pass_progress.connect(self._progressed)
        controller.pass_finished.connect(self._finished)
        controller.auth_required.connect(self._auth_required)

    # ---- actions -----------------------------------------------------------------------------------------

    def sync_now(self) -> None:
        """F9: one pass now, its outcome shown in a message when it ends."""
        if self.controller.sync_now():
            self._manual = True
        elif self.controller.running:
            self._manual = True  # the automatic pass already running reports to the officer
            self.window.statusBar().showMessage(self.tr("A sync is already running…"), MESSAGE_MS)

    def open_screen(self) -> SyncScreen:
        """F8: the sync screen in its own tab (found again if already open)."""
        if self.screen is None:
            from desktop.ui.sync.screen import SyncScreen  # its queries load with it, not with the window

            opened = self.window.dossier_list.dossier_activated.emit  # the dossier view's own way in
            self.screen = SyncScreen(self.window.store, self.controller, self.sync_now, opened, self.window)
            self.screen.destroyed.connect(self._screen_closed)
        self.window.open_page(self.screen, self.tr("Sync"))
        self.screen.waiting.setFocus()
        return self.screen

    def _screen_closed(self) -> None:
        self.screen = None

    def _connect_chosen(self) -> None:
        self.open_connect()

    def open_connect(self, reason: str = "") -> ConnectDialog:
        """The enrolment dialog (non-modal; found again if already open)."""
        if self.connect_dialog is not None:
            self.connect_dialog.raise_()
            return self.connect_dialog
        overview = self.controller.overview
        current = overview.settings if overview is not None else ConnectionSettings()
        enrolled = self.controller.enrolled
        dialog = ConnectDialog(
            self.window.store,
            current,
            reason=reason,
            enrolled=enrolled,
            workstation=current_workstation(self.window.store),
            parent=self.window,
        )
        dialog.connected.connect(self._connected)
        dialog.settings_saved.connect(self._settings_saved)
        dialog.finished.connect(self._connect_closed)
        self.connect_dialog = dialog
        dialog.open()
        return dialog

    def _connect_closed(self, _result: int) -> None:
        if self.connect_dialog is not None:
            self.connect_dialog.deleteLater()
        self.connect_dialog = None

    def _connected(self, enrolled: Enrolled) -> None:
        self.window.show_workstation(str(enrolled.workstation))  # it may have changed in the dialog
        self.window.statusBar().showMessage(
            self.tr("Connected to {server} for {unit}.").format(
                server=enrolled.server_url, unit=f"{enrolled.unit_name} ({enrolled.unit_code})"
            ),
            MESSAGE_MS,
        )
        self.controller.enrolment_changed()

    def _settings_saved(self) -> None:
        self.window.statusBar().showMessage(self.tr("Connection settings saved."), MESSAGE_MS)
        self.controller.enrolment_changed()  # re-read them (end-of-day time) and probe through them

    def _signing_out(self) -> None:
        self.guard.allow = True
        self.controller.stop()

    # ---- controller signals ------------------------------------------------------------------------------

    def _overview(self, overview: SyncOverview) -> None:
        self.window.action_sync_now.setEnabled(overview.enrolled and not self.controller.running)

    def _started(self, _trigger: str) -> None:
        self.window.action_sync_now.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the engine reports a total
        self.progress.show()
        self.window.statusBar().showMessage(self.tr("Synchronising with the province…"))

    def _progressed(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, result: PassResult) -> None:
        self.progress.hide()
        self.window.action_sync_now.setEnabled(self.controller.enrolled)
        self.window.statusBar().showMessage(self.outcome_text(result), MESSAGE_MS)
        if result.received:  # steps from the province moved dossiers: the list and the worklists follow
            self.window.dossier_list.reload()
        manual, self._manual = self._manual, False
        if manual and result.outcome != "auth":
            self.show_result(result)

    def outcome_text(self, result: PassResult) -> str:
        """One status-bar line: what the pass did (and why it stopped, when it did not finish)."""
        text = self.tr(
            "Sync: {pushed} sent, {duplicates} already at the province, {rejected} rejected, "
            "{pending} waiting."
        ).format(
            pushed=result.pushed,
            duplicates=result.duplicates,
            rejected=result.rejected,
            pending=result.pending,
        )
        if result.outcome == "ok":
            return text
        return f"{OUTCOMES.get(result.outcome, result.message)} {text}"

    def show_result(self, result: PassResult) -> QMessageBox:
        """The outcome of an F9 pass, with the same lines as `motcua sync` prints."""
        if self.result_box is not None:
            self.result_box.close()
        box = QMessageBox(self.window)
        box.setObjectName("syncResult")
        ok = result.outcome == "ok" and not result.pending and not result.rejected
        box.setIcon(QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Synchronisation"))
        box.setText("\n".join(summary_lines(result)))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.result_box = box
        box.open()
        return box

    def _auth_required(self, message: str) -> None:
        self.open_connect(
            self.tr(
                "The provincial server no longer accepts this workstation ({message}). Sign in again with "
                "your provincial account; the changes waiting are kept."
            ).format(message=message)
        )


def install_sync(window: MainWindow) -> SyncUi:
    return SyncUi(window)

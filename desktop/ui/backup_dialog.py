"""File → Back up… (administrators): an encrypted backup of the store and the scans to a chosen folder or
USB drive, with a progress bar, off the GUI thread (the query pool: the backup reads; its audit lines go
through the writer lane afterwards), then verified (every entry read back against its SHA-256).

At the administrator's first window of the day (`start_checks`): a profile set up before the store key
gets one and its recovery key is shown once (`desktop.ui.recovery_key_dialog`); the daily automatic
snapshot is taken in the background (at the first start of the day rather than at sign-out: a counter PC
is often switched off at the wall, and a snapshot then would delay or never finish; at the start it runs
while the officer works and holds the whole previous day); and the status bar reminds when the last
verified backup is older than 7 days.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import limits
from desktop.core.roles import ADMIN
from desktop.scan.blobstore import SealTally
from desktop.services import attachments, backup, snapshots, store_key
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.form_helpers import error_label, show_failure, show_inline_error
from desktop.ui.text_limit import limit

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)
START_CHECKS = "MOTCUA_START_CHECKS"  # "0": no start-of-day checks (set by tests/conftest.py but for theirs)


class BackupDialog(QDialog):
    """Folder, (when the keyring has no key) the recovery key, progress; Back up makes and verifies."""

    def __init__(self, store: Store, officer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.setWindowTitle(self.tr("Back up"))
        self.setMinimumWidth(560)
        self.store = store
        self.officer_id = officer_id
        self.made: backup.BackupInfo | None = None

        intro = QLabel(
            self.tr(
                "Writes one encrypted file with the dossiers and the scans into the folder (a USB drive, "
                "another disk), then reads it back to check it. Keep backups away from this PC."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.folder = QLineEdit(self)
        limit(self.folder, limits.PATH)
        self.folder.setObjectName("backupFolder")
        choose = QPushButton(self.tr("C&hoose…"), self)
        choose.setObjectName("chooseFolder")
        choose.setAutoDefault(False)
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        self.recovery_key = QLineEdit(self)
        limit(self.recovery_key, limits.RECOVERY_KEY)
        self.recovery_key.setObjectName("recoveryKey")
        self.recovery_key.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.recovery_label = QLabel(self.tr("&Recovery key:"), self)
        self.recovery_label.setBuddy(self.recovery_key)
        form = QFormLayout()
        folder_label = QLabel(self.tr("&Folder:"), self)
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, row)
        form.addRow(self.recovery_label, self.recovery_key)
        self.recovery_label.hide()
        self.recovery_key.hide()

        self.progress = QProgressBar(self)
        self.progress.setObjectName("backupProgress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.error = error_label(self)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.start_button = QPushButton(self.tr("&Back up"), self)
        self.start_button.setObjectName("startBackup")
        self.start_button.setDefault(True)
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.start_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the backup"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def start(self) -> None:
        folder = self.folder.text().strip()
        if not folder or not Path(folder).is_dir():
            show_inline_error(self.error, self.tr("Choose an existing folder or USB drive."), self.folder)
            return
        show_inline_error(self.error, "")
        recovery = self.recovery_key.text().strip() or None
        store, progress = self.store, tasks.Progress(self)
        progress.changed.connect(self._progressed)
        self.start_button.setEnabled(False)
        self.status.setText(self.tr("Backing up…"))

        def work() -> backup.BackupInfo:
            key = store_key.load_store_key(store.profile, recovery)
            made = backup.create_backup(
                store, Path(folder), key, lambda d, t: progress(d, 2 * t), record=False
            )
            return backup.verify_backup(
                made.path, recovery, against=store, progress=lambda d, t: progress(t + d, 2 * t), record=False
            )

        tasks.run_query(work, self._done, self._failed, owner=self)

    def _progressed(self, done: int, total: int, _text: str) -> None:
        self.progress.setValue(int(done * 100 / max(total, 1)))

    def _done(self, info: backup.BackupInfo) -> None:
        self.made = info
        self.progress.setValue(100)
        self.start_button.setEnabled(True)
        store, officer_id = self.store, self.officer_id

        def record() -> None:
            backup.record_backup(store, info, verified=False, officer_id=officer_id)
            backup.record_backup(store, info, verified=True, officer_id=officer_id)

        tasks.run_write(record, owner=self)
        self.status.setText(
            self.tr("Backed up and verified: {path} ({scans} scan files).").format(
                path=info.path, scans=info.scans
            )
        )

    def _failed(self, exc: BaseException) -> None:
        self.start_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText("")
        if getattr(exc, "field", None) == "recovery_key":
            self.recovery_label.show()
            self.recovery_key.show()
        show_failure(self.error, exc, {"recovery_key": self.recovery_key}, self)


def install_backup(window: MainWindow) -> QLabel | None:
    """File → Back up…, the reminder in the status bar (returned) and the start-of-day checks, for
    administrators; None for other officers."""
    if window.officer.role != ADMIN:
        return None
    action = QAction(QCoreApplication.translate("BackupDialog", "&Back up…"), window)
    action.setObjectName("backUp")

    def open_dialog() -> BackupDialog:
        dialog = BackupDialog(window.store, window.officer.officer_id, window)
        dialog.finished.connect(lambda _r: _remind(window, reminder))
        dialog.open()
        return dialog

    action.triggered.connect(open_dialog)
    window.menu_file.insertAction(window.action_sign_out, action)
    reminder = QLabel(window)
    reminder.setObjectName("backupReminder")
    reminder.setStyleSheet("color: #b3261e;")
    reminder.hide()
    window.statusBar().addWidget(reminder)
    _remind(window, reminder)
    if os.environ.get(START_CHECKS, "1") != "0":
        start_checks(window, reminder)
    return reminder


def _remind(window: MainWindow, label: QLabel) -> None:
    store = window.store

    def shown(days: int | None) -> None:
        if days is None:
            label.hide()
            return
        if days < 0:
            label.setText(
                QCoreApplication.translate("BackupDialog", "No verified backup yet: File → Back up…")
            )
        else:
            label.setText(
                QCoreApplication.translate(
                    "BackupDialog", "Last verified backup {days} days ago: File → Back up…"
                ).format(days=days)
            )
        label.show()

    tasks.run_query(lambda: snapshots.days_since_verified_backup(store), shown, owner=window)


def _seal_scans(window: MainWindow) -> None:
    """A profile from before the store key: its clear scans sealed in the background, the count on the
    status bar (`attachments.seal_clear_scans`: resumable, each clear file removed once its copy verifies)."""
    store = window.store
    progress = tasks.Progress(window)
    progress.changed.connect(
        lambda done, total, _text: window.statusBar().showMessage(
            QCoreApplication.translate("BackupDialog", "Encrypting the stored scans: {done}/{total}").format(
                done=done, total=total
            )
        )
    )

    def sealed(tally: SealTally | None) -> None:
        if tally is None or not (tally.sealed or tally.damaged):
            return
        log.info("clear scans sealed: %d, damaged and left: %d", tally.sealed, len(tally.damaged))
        window.statusBar().showMessage(
            QCoreApplication.translate("BackupDialog", "Stored scans encrypted: {count}").format(
                count=tally.sealed
            ),
            15_000,
        )

    tasks.run_query(
        lambda: attachments.seal_clear_scans(store, progress),
        sealed,
        lambda exc: log.warning("sealing the scans failed: %s", exc),
        owner=window,
    )


def start_checks(window: MainWindow, reminder: QLabel) -> None:
    """A recovery key for a profile from before the store key (shown once), its clear scans sealed, then
    the daily snapshot."""
    from desktop.store import settings

    store = window.store
    with store.session() as session:
        if settings.is_demo(session):
            return
    created = store_key.ensure_store_key(store.profile)
    if created is not None:
        from desktop.ui.recovery_key_dialog import RecoveryKeyDialog

        RecoveryKeyDialog(store, created, window).open()

    _seal_scans(window)

    def snapshot() -> backup.BackupInfo | None:
        try:
            key = store_key.load_store_key(store.profile)
        except Exception:  # no key in the keyring (locked, absent): no automatic snapshot today
            log.warning("daily snapshot skipped: the store key is not in the keyring")
            return None
        return snapshots.daily_snapshot(store, key, record=False)

    def taken(made: backup.BackupInfo | None) -> None:
        if made is not None:
            tasks.run_write(
                lambda: backup.mark_verified(store, made), lambda _r: _remind(window, reminder), owner=window
            )

    tasks.run_query(snapshot, taken, lambda exc: log.warning("daily snapshot failed: %s", exc), owner=window)

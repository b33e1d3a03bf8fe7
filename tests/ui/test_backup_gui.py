"""Backups in the GUI (issue 18): File → Sao lưu… writes and verifies a backup with progress, asks for the
recovery key when the keyring has none, and the status bar's reminder goes once a backup is verified; at
the administrator's first window of a day a profile without a store key shows its recovery key once (and
the dialog stays until its last group is typed back) and the daily snapshot is taken."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import null
from pytestqt.qtbot import QtBot

from PySide6.QtGui import QAction

from desktop.services import audit, backup, snapshots, store_key
from desktop.services.accounts import SignedIn
from desktop.services.attachments import blob_store
from desktop.store.engine import Store
from desktop.ui.backup_dialog import START_CHECKS, BackupDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.recovery_key_dialog import RecoveryKeyDialog
from tests.sync_helpers import MemoryKeyring
from tests.ui.helpers import type_text

pytestmark = pytest.mark.usefixtures("vietnamese")


def _window(qtbot: QtBot, store: Store, officer: SignedIn) -> MainWindow:
    win = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _action(win: MainWindow, name: str) -> QAction:
    (found,) = [a for a in win.findChildren(QAction) if a.objectName() == name]
    return found


def test_back_up_from_the_file_menu_with_progress_then_verified(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn], memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    store, officer = ready_store
    recovery = store_key.create_store_key(store.profile)
    win = _window(qtbot, store, officer)
    assert win.backup_reminder is not None and win.backup_reminder.isVisible()
    assert "Chưa có bản sao lưu" in win.backup_reminder.text()
    action = _action(win, "backUp")
    assert action.text().replace("&", "") == "Sao lưu…"
    action.trigger()
    (dialog,) = win.findChildren(BackupDialog)
    values: list[int] = []
    dialog.progress.valueChanged.connect(values.append)
    dialog.start_button.click()
    assert "thư mục" in dialog.error.text()  # no folder chosen yet
    dialog.folder.setText(str(tmp_path))
    keyring.set_keyring(null.Keyring())  # the keyring is locked or gone: the recovery key is asked for
    store_key.forget_unlocked()  # nor has this process unlocked it
    dialog.start_button.click()
    assert dialog.recovery_key.isVisible() and "khoá khôi phục" in dialog.error.text()
    type_text(dialog.recovery_key, recovery)
    dialog.start_button.click()
    assert dialog.made is not None and dialog.made.path.parent == tmp_path
    assert "Đã sao lưu và kiểm tra" in dialog.status.text()
    assert values[-1] == 100 and any(0 < v < 100 for v in values)
    assert backup.verify_backup(dialog.made.path, recovery).commune_code == officer.unit_code
    lines = audit.audit_lines(store, 2)
    assert [line.action for line in lines] == [audit.BACKUP_VERIFIED, audit.BACKUP_CREATED]
    assert lines[0].officer == officer.username
    dialog.reject()
    assert not win.backup_reminder.isVisible()


def test_a_profile_without_a_store_key_shows_its_recovery_key_once_and_takes_the_snapshot(
    qtbot: QtBot,
    ready_store: tuple[Store, SignedIn],
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, officer = ready_store
    scan = b"%PDF-1.4 a scan kept before the store key\n" * 50
    clear = blob_store(store).put(scan, pages=1)  # no key yet: a clear file
    monkeypatch.setenv(START_CHECKS, "1")
    win = _window(qtbot, store, officer)
    (dialog,) = win.findChildren(RecoveryKeyDialog)
    shown = dialog.key_label.text()
    wrapped = store_key.read_wrapped(store.profile)
    assert wrapped is not None and wrapped.unwrap(shown) == store_key.load_store_key(store.profile)
    dialog.reject()  # Esc: the key would be lost; it stays
    assert dialog.isVisible() and not dialog.ok.isEnabled()
    type_text(dialog.confirm, "00000")
    assert not dialog.ok.isEnabled()
    dialog.confirm.clear()
    type_text(dialog.confirm, shown.rsplit("-", 1)[1].lower())
    assert dialog.ok.isEnabled()
    dialog.ok.click()
    assert not dialog.isVisible()
    (snapshot,) = (store.profile.root / snapshots.SNAPSHOTS_DIR).glob("*.mcbak")
    assert backup.verify_backup(snapshot).commune_code == officer.unit_code
    assert win.backup_reminder is not None and not win.backup_reminder.isVisible()  # verified today
    assert store_key.ensure_store_key(store.profile) is None  # never shown again
    blobs = blob_store(store)  # the clear scan is sealed now, and said so
    assert blobs.sealed and blobs.read(clear.sha256) == scan and not blobs.clear_path(clear.sha256).exists()
    assert "Đã mã hoá các bản số hoá: 1" in win.statusBar().currentMessage()

"""The start-up with an encrypted store (`desktop.ui.store_unlock`): a plain profile that has a store key is
encrypted behind a progress bar and then signs in; a keyring that cannot give the key asks for the recovery
key (a mistyped one is named) instead of failing."""

from __future__ import annotations

import keyring
from keyring.backends import null

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.services import store_key
from desktop.store import cipher
from desktop.store.engine import encrypt
from desktop.ui.app import Startup
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.store_unlock import RecoveryKeyPrompt
from tests.factories import make_dossier
from tests.ui.helpers import type_text


def _keyed(ready_store, memory_keyring) -> str:
    store, _ = ready_store
    with store.transaction() as session:
        make_dossier(session, "Lường Thị Bích Ngọc")
    recovery = store_key.create_store_key(store.profile)
    store.close()
    return recovery


def test_a_plain_profile_is_encrypted_at_start_then_signs_in(
    qtbot, startup: Startup, ready_store, memory_keyring
):
    _keyed(ready_store, memory_keyring)
    db = ready_store[0].profile.db_path
    assert not cipher.is_encrypted(db)
    assert startup.start()
    assert cipher.is_encrypted(db)
    assert isinstance(startup.window, LoginDialog)  # the progress dialog replaced by the sign-in screen
    assert not [
        w for w in QApplication.topLevelWidgets() if w.objectName() == "encryptProgress" and w.isVisible()
    ]


def test_a_locked_keyring_asks_for_the_recovery_key(
    qtbot, startup: Startup, ready_store, memory_keyring, vietnamese
):
    recovery = _keyed(ready_store, memory_keyring)
    profile = ready_store[0].profile
    assert encrypt(profile)
    cipher.forget(profile.root)
    keyring.set_keyring(null.Keyring())  # locked or absent (the fixture puts its own back)
    seen: list[str] = []

    def answer() -> None:
        prompt = QApplication.activeModalWidget()
        assert isinstance(prompt, RecoveryKeyPrompt)
        wrong = recovery[:-1] + ("0" if recovery[-1] != "0" else "1")  # a mistyped last group
        type_text(prompt.key, wrong)
        prompt.unlock()
        seen.append(prompt.error.text())
        prompt.key.clear()
        type_text(prompt.key, recovery.lower())
        prompt.unlock()

    QTimer.singleShot(0, answer)
    try:
        assert startup.start()
    finally:
        cipher.forget(profile.root)
    assert "Nhóm thứ 8" in seen[0]  # the mistyped group named, in Vietnamese
    assert isinstance(startup.window, LoginDialog)

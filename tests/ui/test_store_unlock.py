"""The start-up with an encrypted store (`desktop.ui.store_unlock`): a plain profile that has a store key is
encrypted behind a progress bar and then signs in; a keyring that cannot give the key asks for the recovery
key (a mistyped one is named) instead of failing; a PC whose keyring cannot keep the key is set up
encrypted all the same and asks for the recovery key at every start."""

from __future__ import annotations

import keyring
from keyring.backends import null

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.services import store_key
from desktop.store import cipher
from desktop.store.engine import encrypt
from desktop.ui.app import Startup
from desktop.ui.backup_dialog import START_CHECKS
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.recovery_key_dialog import RecoveryKeyDialog
from desktop.ui.setup_dialog import SetupDialog
from desktop.ui.store_unlock import RecoveryKeyPrompt
from tests.factories import make_dossier
from tests.ui.helpers import type_text
from tests.ui.test_startup import fill_setup


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
    store_key.forget_unlocked()  # nor has this process unlocked it
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


def _restart(startup: Startup) -> None:
    """As when the application is closed: windows, store, and what the process had unlocked."""
    for widget in QApplication.topLevelWidgets():
        widget.close()
    startup.close_store()
    assert startup.data_dir is not None
    cipher.forget(startup.data_dir)
    store_key.forget_unlocked()


def _answer_prompt(recovery: str | None, seen: list[RecoveryKeyPrompt]) -> None:
    """Type `recovery` into the prompt once it is up (None: "Not now"/"Quit")."""

    def answer() -> None:
        prompt = QApplication.activeModalWidget()
        assert isinstance(prompt, RecoveryKeyPrompt)
        seen.append(prompt)
        if recovery is None:
            prompt.reject()
            return
        prompt.key.setText(recovery)
        prompt.unlock()

    QTimer.singleShot(0, answer)


def test_a_pc_whose_keyring_cannot_keep_the_key_is_set_up_encrypted_and_asks_at_each_start(
    qtbot, qapp, data_dir, keyless, vietnamese, monkeypatch
):
    monkeypatch.setenv(START_CHECKS, "1")  # the recovery key shown after setup, as in the application
    startup = Startup(data_dir)
    try:
        assert startup.start()
        setup = startup.window
        assert isinstance(setup, SetupDialog)
        fill_setup(setup)
        setup.create_button.click()

        login = startup.window
        assert isinstance(login, LoginDialog)
        db = data_dir / "motcua.sqlite3"
        assert cipher.is_encrypted(db) and not store_key.in_keyring(data_dir)  # encrypted, keyring or not
        shown = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, RecoveryKeyDialog) and w.isVisible()
        ]
        assert len(shown) == 1  # the recovery key, shown once over the sign-in screen
        recovery = shown[0].recovery_key
        shown[0].confirm.setText(recovery.rsplit("-", 1)[1])
        shown[0].ok.click()
        with startup.store.transaction() as session:  # type: ignore[union-attr]
            make_dossier(session, "Lường Thị Bích Ngọc", id_number="038190001234")
        _restart(startup)
        for path in data_dir.rglob("*"):  # nothing in clear: not the officer, not the citizen
            if path.is_file():
                data = path.read_bytes()
                assert "Hằng".encode() not in data and "Ngọc".encode() not in data, path
                assert b"038190001234" not in data, path

        seen: list[RecoveryKeyPrompt] = []
        _answer_prompt(recovery, seen)  # the next start: the prompt, the store opens with the typed key
        again = Startup(data_dir)
        try:
            assert again.start()
            assert len(seen) == 1 and not seen[0].optional
            assert isinstance(again.window, LoginDialog)
        finally:
            _restart(again)

        _answer_prompt(None, seen)  # "Quit": nothing opens without the key
        third = Startup(data_dir)
        try:
            assert not third.start() and third.exit_code != 0
        finally:
            _restart(third)
    finally:
        _restart(startup)


def test_a_plain_keyringless_profile_is_encrypted_once_the_recovery_key_is_typed(
    qtbot, startup: Startup, ready_store, keyless, vietnamese
):
    store, _ = ready_store
    with store.transaction() as session:
        make_dossier(session, "Lường Thị Bích Ngọc")
    recovery = store_key.create_store_key(store.profile)  # an upgrade on a PC without a usable keyring
    store.close()
    db = store.profile.db_path
    _restart(startup)
    seen: list[RecoveryKeyPrompt] = []
    _answer_prompt(None, seen)  # "Not now": the counter still opens, the data as it was
    assert startup.start()
    assert seen[0].optional and isinstance(startup.window, LoginDialog) and not cipher.is_encrypted(db)
    assert seen[0].buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "&Để sau"
    _restart(startup)

    _answer_prompt(recovery, seen)  # the next start: the key typed, then the same conversion as an upgrade
    again = Startup(startup.data_dir)
    try:
        assert again.start()
        assert cipher.is_encrypted(db) and isinstance(again.window, LoginDialog)
    finally:
        _restart(again)

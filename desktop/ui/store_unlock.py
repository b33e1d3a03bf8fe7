"""Before the store opens: the recovery key asked for when the keyring cannot give the encrypted store's key
(locked, absent, another PC: on a PC without a usable keyring, at every start), and a plain database
encrypted in place with a progress bar (`desktop.store.engine.encrypt`, on the writer thread), also once
the recovery key has unwrapped the key of a profile whose keyring never held it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from desktop.core import limits
from desktop.core.errors import AppError, ValidationError
from desktop.store import cipher
from desktop.store.profile import Profile
from desktop.ui import errors, tasks
from desktop.ui.form_helpers import show_inline_error
from desktop.ui.text_limit import limit


class RecoveryKeyPrompt(QDialog):
    """The recovery key, typed from the printed sheet, unlocks the store for this session (and is kept in
    the keyring when it can be)."""

    def __init__(self, profile: Profile, parent: QWidget | None = None, *, optional: bool = False) -> None:
        super().__init__(parent)
        self.profile = profile
        self.optional = optional  # a plain database still to encrypt: "Not now" goes on without it
        self.setObjectName("recoveryKeyPrompt")
        self.setWindowTitle(self.tr("Recovery key"))
        intro = QLabel(
            self.tr(
                "The data of this counter is encrypted and the system's password store did not give its key "
                "(it is locked, missing, or this is another computer). Type the recovery key printed at setup."
            )
            if not optional
            else self.tr(
                "The data of this counter is to be encrypted, and the system's password store did not give "
                "its key (it is locked or missing). Type the recovery key printed at setup to encrypt it now, "
                "or choose Not now: the data stays as it is and this is asked again at the next start."
            )
        )
        intro.setWordWrap(True)
        self.key = QLineEdit()
        limit(self.key, limits.RECOVERY_KEY)
        self.key.setObjectName("recoveryKey")
        self.key.setPlaceholderText("7K3QD-1M0XV-…")
        form = QFormLayout()
        label = QLabel(self.tr("&Recovery key:"))
        label.setBuddy(self.key)
        form.addRow(label, self.key)
        self.error = QLabel()
        self.error.setObjectName("recoveryError")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Open"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("&Not now") if optional else self.tr("&Quit")
        )
        self.buttons.accepted.connect(self.unlock)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.key.setFocus()

    def unlock(self) -> None:
        from desktop.services import store_key  # cryptography: only when the key is asked for

        try:
            store_key.unlock_profile(self.profile, self.key.text())
        except ValidationError as exc:
            show_inline_error(self.error, str(exc), self.key)
            return
        self.accept()


def key_missing(profile: Profile) -> bool:
    """The profile's database is encrypted (or is to be: a plain one in a profile with a store key, or a
    new one) and its key is not at hand (ask for the recovery key)."""
    try:
        cipher.key_for(profile.db_path)
        if cipher.needs_encrypting(profile.db_path):
            cipher.profile_key(profile.root)
    except ValidationError:
        return True
    return False


def unlock(profile: Profile, parent: QWidget | None = None) -> bool:
    """Ask for the recovery key until it opens the store; False when the officer quits. A plain database
    still to encrypt may wait ("Not now": True, it stays plain until a start that has the key)."""
    if not key_missing(profile):
        return True
    optional = cipher.needs_encrypting(profile.db_path)
    prompt = RecoveryKeyPrompt(profile, parent, optional=optional)
    return prompt.exec() == QDialog.DialogCode.Accepted or optional


def can_encrypt(profile: Profile) -> bool:
    """A plain database in a profile with a store key whose key the keyring gives."""
    if not cipher.needs_encrypting(profile.db_path):
        return False
    try:
        return cipher.profile_key(profile.root) is not None
    except AppError:
        return False


def encrypt_with_progress(
    profile: Profile, show: Callable[[QWidget], None], then: Callable[[], None]
) -> None:
    """Encrypt the plain database on the writer thread behind a progress bar (given to `show` first), then
    `then()` (also when it failed: the plain file is kept whole and the message shown; a later start tries
    again)."""
    dialog = QProgressDialog()
    dialog.setObjectName("encryptProgress")
    dialog.setWindowTitle(QCoreApplication.translate("EncryptProgress", "Encrypting the data"))
    dialog.setLabelText(
        QCoreApplication.translate(
            "EncryptProgress",
            "Encrypting the data of this counter (once, after the update). Do not switch the computer off.",
        )
    )
    dialog.setCancelButton(None)  # cut half-way, the plain file is still whole
    dialog.setRange(0, 100)
    dialog.setMinimumDuration(0)
    progress = tasks.Progress(dialog)
    progress.changed.connect(lambda done, _total, _text: dialog.setValue(done))

    def work() -> bool:
        from desktop.store.engine import encrypt

        return encrypt(profile, lambda fraction: progress(int(fraction * 100), 100))

    def done(_converted: bool) -> None:
        then()  # its next screen replaces the dialog

    def failed(exc: BaseException) -> None:
        errors.show_error(exc, dialog)
        then()

    show(dialog)
    tasks.run_write(work, done, failed, owner=dialog)

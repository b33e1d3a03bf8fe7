"""The sign-in screen: the officer's username and password, checked by `accounts.sign_in`.

It shows before the store is open (`store=None`; SQLAlchemy is not imported yet, see `desktop.ui.app`):
the officer types while the store opens, and `set_store()` hands it over. Signing in before that checks
the password against the profile's database read-only (`desktop.ui.sign_in`), with a busy bar, and
goes on by itself once the store is there.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import (
    QDialog,
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
from desktop.core.errors import ValidationError
from desktop.ui.errors import show_error
from desktop.ui.form_helpers import error_label, show_inline_error
from desktop.ui.sign_in import SignInAttempt
from desktop.ui.text_limit import limit

if TYPE_CHECKING:
    from desktop.services.accounts import SignedIn
    from desktop.store.engine import Store
    from desktop.store.profile import Profile


class _Hint(QLabel):
    """The demo profile's credentials, selectable to copy: from when the mouse first comes over them, since
    setting that flag makes PySide6's Qt namespace (80 ms), which the sign-in screen does not wait for."""

    _selectable = False

    def enterEvent(self, event: QEnterEvent) -> None:
        if not self._selectable:
            from PySide6.QtCore import Qt

            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._selectable = True
        super().enterEvent(event)


class LoginDialog(QDialog):
    """Emits `signed_in(SignedIn)` and closes with Accepted once the password is right."""

    signed_in = Signal(object)  # SignedIn
    checking = Signal()  # with the store open, the password is being checked (Argon2 leaves the GUI free)

    def __init__(
        self,
        store: Store | None,
        unit_name: str = "",
        username: str = "",
        hint: str = "",
        parent: QWidget | None = None,
        *,
        profile: Profile | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.store = store
        self.profile = profile  # where to check a password submitted before the store is open
        self._attempt: SignInAttempt | None = None
        self._uncounted: list[str] = []  # usernames refused before the store was open (counted once it is)
        self.setWindowTitle(self.tr("Sign in"))  # Qt appends " — Một Cửa"
        self.setMinimumWidth(400)

        # plain text in a bold font: a rich-text label (or naming Qt.TextFormat) made PySide build the Qt
        # namespace's ~130 enums before the first screen (about 40 ms, benchmarks/startup.py); a name that
        # Qt could take for markup goes the slow way, escaped
        name = unit_name or self.tr("Một Cửa")
        title = QLabel(f"<span>{html.escape(name)}</span>" if "<" in name else name, self)
        title.setObjectName("loginUnit")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.username = QLineEdit(username, self)
        limit(self.username, limits.USERNAME, counter=False)  # the sign-in screen shows before Qt.* is made
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        limit(self.password, limits.PASSWORD, counter=False)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Username:"), self.username)
        form.addRow(self.tr("Pass&word:"), self.password)

        self.hint = _Hint(hint, self)
        self.hint.setObjectName("loginHint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        self.error = error_label(self)
        self.busy = QProgressBar(self)
        self.busy.setObjectName("loginBusy")
        self.busy.setRange(0, 0)  # no known length: Qt animates it
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.hide()

        self.sign_in_button = QPushButton(self.tr("&Sign in"), self)
        self.sign_in_button.setObjectName("signIn")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        quit_button = QPushButton(self.tr("&Quit"), self)
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(self.sign_in_button)
        QWidget.setTabOrder(quit_button, self.sign_in_button)  # the order of the row (Enter signs in)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addLayout(buttons)
        (self.password if username else self.username).setFocus()

    def set_store(self, store: Store) -> None:
        """The store is open: a sign-in already submitted goes on."""
        self.store = store
        if self._attempt is not None:
            self._attempt.set_store(store)
        if self._uncounted:
            from desktop.services.accounts import note_refused
            from desktop.ui import tasks

            names = list(self._uncounted)
            tasks.run_write(lambda: note_refused(store, names), owner=self)
            self._uncounted.clear()

    def submit(self) -> None:
        self._busy(True)
        show_inline_error(self.error, "")
        attempt = SignInAttempt(self.username.text(), self.password.text(), self.store, self.profile, self)
        attempt.succeeded.connect(self._done)
        attempt.failed.connect(self._failed)
        attempt.store_ready.connect(self.checking.emit)
        self._attempt = attempt
        attempt.start()

    def _busy(self, busy: bool) -> None:
        self.sign_in_button.setEnabled(not busy)
        self.busy.setVisible(busy)

    def _done(self, officer: SignedIn) -> None:
        self._forget_attempt()
        self._busy(False)
        self.signed_in.emit(officer)
        self.accept()

    def _forget_attempt(self) -> None:
        if self._attempt is not None:
            self._attempt.deleteLater()
            self._attempt = None

    def _failed(self, exc: BaseException) -> None:
        self._forget_attempt()
        self._busy(False)
        if isinstance(exc, ValidationError):
            if self.store is None:  # checked from the file: the lockout counts it once the store is open
                self._uncounted.append(self.username.text())
            self.password.clear()
            show_inline_error(self.error, str(exc), self.password)
        else:
            show_error(exc, self)

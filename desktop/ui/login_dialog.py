"""The sign-in screen: the officer's username and password, checked by `accounts.sign_in`.

It shows before the store is open (`store=None`; SQLAlchemy is not imported yet, see `desktop.ui.app`):
the officer types while the store opens, and `set_store()` hands it over. Signing in before that waits,
with a busy bar, and goes on by itself once the store is there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
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

from desktop.core.errors import ValidationError
from desktop.ui import tasks
from desktop.ui.errors import show_error
from desktop.ui.form_helpers import error_label, show_inline_error

if TYPE_CHECKING:
    from desktop.services.accounts import SignedIn
    from desktop.store.engine import Store


class LoginDialog(QDialog):
    """Emits `signed_in(SignedIn)` and closes with Accepted once the password is right."""

    signed_in = Signal(object)  # SignedIn

    def __init__(
        self,
        store: Store | None,
        unit_name: str = "",
        username: str = "",
        hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.store = store
        self._waiting = False  # the officer asked to sign in before the store was open
        self.setWindowTitle(self.tr("Sign in"))  # Qt appends " — Một Cửa"
        self.setMinimumWidth(400)

        title = QLabel(f"<b>{unit_name}</b>" if unit_name else self.tr("<b>Một Cửa</b>"), self)
        title.setObjectName("loginUnit")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        self.username = QLineEdit(username, self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Username:"), self.username)
        form.addRow(self.tr("Pass&word:"), self.password)

        self.hint = QLabel(hint, self)
        self.hint.setObjectName("loginHint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        if hint:  # the demo profile's credentials, to copy
            from PySide6.QtCore import Qt  # the Qt namespace takes 80 ms to create: only when needed

            self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addLayout(buttons)
        (self.password if username else self.username).setFocus()

    def set_store(self, store: Store) -> None:
        """The store is open: check the password the officer already submitted, if any."""
        self.store = store
        if self._waiting:
            self._waiting = False
            self._check()

    def submit(self) -> None:
        self._busy(True)
        show_inline_error(self.error, "")
        if self.store is None:
            self._waiting = True  # set_store() goes on
            return
        self._check()

    def _check(self) -> None:
        from desktop.services.accounts import sign_in

        username, password, store = self.username.text(), self.password.text(), self.store
        assert store is not None
        tasks.run_write(lambda: sign_in(store, username, password), self._done, self._failed, owner=self)

    def _busy(self, busy: bool) -> None:
        self.sign_in_button.setEnabled(not busy)
        self.busy.setVisible(busy)

    def _done(self, officer: SignedIn) -> None:
        self._busy(False)
        self.signed_in.emit(officer)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, ValidationError):
            self.password.clear()
            show_inline_error(self.error, str(exc), self.password)
        else:
            show_error(exc, self)

"""The sign-in screen: the officer's username and password, checked by `accounts.sign_in`."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ValidationError
from desktop.services.accounts import SignedIn, sign_in
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.errors import show_error
from desktop.ui.form_helpers import error_label, show_inline_error


class LoginDialog(QDialog):
    """Emits `signed_in(SignedIn)` and closes with Accepted once the password is right."""

    signed_in = Signal(object)  # SignedIn

    def __init__(
        self,
        store: Store,
        unit_name: str = "",
        username: str = "",
        hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.store = store
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
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint.setVisible(bool(hint))
        self.error = error_label(self)

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
        layout.addLayout(buttons)
        (self.password if username else self.username).setFocus()

    def submit(self) -> None:
        username, password, store = self.username.text(), self.password.text(), self.store
        self.sign_in_button.setEnabled(False)
        show_inline_error(self.error, "")
        tasks.run_write(lambda: sign_in(store, username, password), self._done, self._failed, owner=self)

    def _done(self, officer: SignedIn) -> None:
        self.sign_in_button.setEnabled(True)
        self.signed_in.emit(officer)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.sign_in_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.password.clear()
            show_inline_error(self.error, str(exc), self.password)
        else:
            show_error(exc, self)

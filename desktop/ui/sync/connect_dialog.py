"""Sync → "Connect to the provincial server…": enrol this workstation and set how it reaches the server.

The provincial username and password are sent once (off the GUI thread) and never kept; the device token
goes to the OS keyring (`sync.client.enrol`). The CA bundle, proxy and daily end-of-day time are profile
settings, kept only when the server answers through them ("Save settings only" changes them on an enrolled
workstation without a new login). Wrong password, unreachable server or proxy, a certificate that cannot
be verified: a Vietnamese message under the form, the cursor in the field to correct, nothing typed lost.
The workstation number is sent with the enrolment; when the province says another workstation of the
commune holds it, the officer picks another one here and connects again, or, when this computer replaces
that one, the unit administrator ticks "replaces the workstation" and connects with their account (the
server refuses other accounts: its message is shown, the cursor in the username).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core import limits
from desktop.core.errors import AppError, SyncError, SyncErrorKind, ValidationError
from desktop.services.sync_control import ConnectionSettings, connect, update_settings
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.errors import show_error
from desktop.ui.form_helpers import error_label, show_inline_error
from desktop.ui.text_limit import limit

if TYPE_CHECKING:
    from sync.client.enrol import Enrolled


class ConnectDialog(QDialog):
    """Emits `connected(Enrolled)` and closes once the server has enrolled this workstation."""

    connected = Signal(object)  # Enrolled
    settings_saved = Signal()

    def __init__(
        self,
        store: Store,
        current: ConnectionSettings,
        username: str = "",
        reason: str = "",
        enrolled: bool = False,
        workstation: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.store = store
        self.setWindowTitle(self.tr("Connect to the provincial server"))
        self.setMinimumWidth(520)

        self.reason = QLabel(reason, self)
        self.reason.setObjectName("connectReason")
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(reason))

        self.server_url = self._line(
            "serverUrl", limits.URL, current.server_url, "https://motcua.gialai.gov.vn"
        )
        self.username = self._line("provincialUsername", limits.USERNAME, username)
        self.password = self._line("provincialPassword", limits.PASSWORD)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        account = QFormLayout()
        account.addRow(self.tr("&Server address:"), self.server_url)
        account.addRow(self.tr("Provincial &username:"), self.username)
        account.addRow(self.tr("Pass&word:"), self.password)
        self.workstation = QSpinBox(self)
        self.workstation.setObjectName("connectWorkstation")
        self.workstation.setRange(1, 99)
        self.workstation.setValue(workstation)
        self.workstation.setToolTip(
            self.tr(
                "Each workstation of the commune has its own number; it splits the offline dossier codes."
            )
        )
        account.addRow(self.tr("&Workstation number:"), self.workstation)
        self.replace_workstation = QCheckBox(
            self.tr("This computer &replaces the workstation that holds this number"), self
        )
        self.replace_workstation.setObjectName("replaceWorkstation")
        self.replace_workstation.setToolTip(
            self.tr(
                "Only the unit administrator's account may: the old computer can no longer sync. "
                "Otherwise ask the province to replace it."
            )
        )
        account.addRow("", self.replace_workstation)

        self.ca_bundle = self._line(
            "caBundle", limits.PATH, current.ca_bundle, self.tr("system certificates")
        )
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.setObjectName("browseCa")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(browse)
        self.proxy_url = self._line(
            "proxyUrl", limits.URL, current.proxy_url, self.tr("none (direct connection)")
        )
        self.end_of_day_on = QCheckBox(self.tr("&Daily full sync at"), self)
        self.end_of_day_on.setObjectName("endOfDayOn")
        self.end_of_day = QTimeEdit(self)
        self.end_of_day.setObjectName("endOfDay")
        self.end_of_day.setDisplayFormat("HH:mm")
        at = QTime.fromString(current.end_of_day, "HH:mm")
        self.end_of_day_on.setChecked(at.isValid())
        self.end_of_day.setTime(at if at.isValid() else QTime(16, 30))
        self.end_of_day_on.toggled.connect(self.end_of_day.setEnabled)
        self.end_of_day.setEnabled(at.isValid())
        eod_row = QHBoxLayout()
        eod_row.addWidget(self.end_of_day_on)
        eod_row.addWidget(self.end_of_day)
        eod_row.addStretch(1)
        connection = QFormLayout()
        ca_label = QLabel(self.tr("&CA certificate file:"), self)
        ca_label.setBuddy(
            self.ca_bundle
        )  # addRow(text, layout) sets none: the "&" showed and Alt did nothing
        connection.addRow(ca_label, ca_row)
        connection.addRow(self.tr("HTTP &proxy:"), self.proxy_url)
        connection.addRow(eod_row)
        settings_box = QGroupBox(self.tr("Connection settings"), self)
        settings_box.setLayout(connection)

        self.busy = QLabel(self.tr("Connecting to the provincial server…"), self)
        self.busy.setObjectName("connectBusy")
        self.busy.hide()
        self.error = error_label(self)
        self.connect_button = QPushButton(self.tr("C&onnect"), self)
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self.submit)
        # an enrolled workstation may change its connection settings without a new login
        self.save_button = QPushButton(self.tr("&Save settings only"), self)
        self.save_button.setObjectName("saveSettings")
        self.save_button.setAutoDefault(False)
        self.save_button.setVisible(enrolled)
        self.save_button.clicked.connect(self.save_only)
        cancel = QPushButton(self.tr("&Cancel"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.connect_button)
        QWidget.setTabOrder(cancel, self.connect_button)  # the order of the row

        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addLayout(account)
        layout.addWidget(settings_box)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        first_empty = next((f for f in (self.server_url, self.username) if not f.text()), self.password)
        first_empty.setFocus()

    def _line(self, name: str, maximum: int, text: str = "", placeholder: str = "") -> QLineEdit:
        line = QLineEdit(text, self)
        limit(line, maximum)  # a setting kept from before the limits stays whole
        line.setObjectName(name)
        line.setPlaceholderText(placeholder)
        return line

    def _browse_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("CA certificate of the province"),
            "",
            self.tr("Certificates (*.pem *.crt);;All files (*)"),
        )
        if path:
            self.ca_bundle.setText(path)

    def settings(self) -> ConnectionSettings:
        return ConnectionSettings(
            server_url=self.server_url.text(),
            ca_bundle=self.ca_bundle.text(),
            proxy_url=self.proxy_url.text(),
            end_of_day=self.end_of_day.time().toString("HH:mm") if self.end_of_day_on.isChecked() else "",
        )

    def submit(self) -> None:
        store, config = self.store, self.settings()
        username, password = self.username.text(), self.password.text()
        workstation, replacing = self.workstation.value(), self.replace_workstation.isChecked()
        self._set_busy(True)
        show_inline_error(self.error, "")
        tasks.run_query(
            lambda: connect(store, config, username, password, workstation, replacing),
            self._done,
            self._failed,
            owner=self,
        )

    def save_only(self) -> None:
        store, config = self.store, self.settings()
        self._set_busy(True)
        show_inline_error(self.error, "")
        tasks.run_query(lambda: update_settings(store, config), self._saved, self._failed, owner=self)

    def _saved(self, _result: None) -> None:
        self._set_busy(False)
        self.settings_saved.emit()
        self.accept()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.connect_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)

    def _done(self, enrolled: Enrolled) -> None:
        self._set_busy(False)
        self.password.clear()
        self.connected.emit(enrolled)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(exc, AppError):
            show_error(exc, self)
            return
        show_inline_error(self.error, str(exc), self._field_for(exc))

    def _field_for(self, exc: AppError) -> QWidget:
        fields: dict[str, QWidget] = {
            "server_url": self.server_url,
            "username": self.username,
            "ca_bundle": self.ca_bundle,
            "proxy_url": self.proxy_url,
            "end_of_day": self.end_of_day,
            "workstation": self.workstation,
        }
        if isinstance(exc, ValidationError):
            return fields.get(exc.field or "", self.server_url)
        from sync.client.credentials import KeyringUnavailable
        from sync.client.http import Forbidden, TlsError

        if isinstance(exc, TlsError):
            return self.ca_bundle
        if isinstance(exc, KeyringUnavailable):
            return self.connect_button  # the account was right: keep it, fix the keyring, connect again
        if isinstance(exc, SyncError) and exc.kind is SyncErrorKind.CONFLICT:
            return self.workstation  # another workstation of the commune has this number
        if isinstance(exc, Forbidden):  # another unit's account, or one that may not replace a workstation
            self.password.clear()
            self.username.selectAll()
            return self.username
        if isinstance(exc, SyncError) and exc.kind is SyncErrorKind.AUTH:
            self.password.clear()
            return self.password
        return self.server_url

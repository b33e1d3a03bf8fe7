"""File → Officers… (administrators only): the officers of the profile with their role and state; add one,
reset a password, disable or enable, lift a lockout; this workstation's auto-lock delay; the audit log.

Everything goes through the Qt-free `desktop.services.officers` (read on the query pool, changes on the
writer thread); a refusal (password policy, the last administrator…) shows under the list in Vietnamese.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import limits, roles
from desktop.services import officers
from desktop.services.audit import AuditLine, audit_lines
from desktop.services.credentials import SignedIn
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.form_helpers import error_label, show_failure, show_inline_error
from desktop.ui.text_limit import limit


def _when(moment: Any) -> str:
    return moment.strftime("%d/%m/%Y %H:%M") if moment is not None else "—"


def _all_filled(fields: list[QLineEdit], error: QLabel) -> bool:
    """Enter on an empty required field does not submit: the cursor goes to the first empty one."""
    empty = next((field for field in fields if not field.text().strip()), None)
    if empty is not None:
        show_inline_error(
            error, QCoreApplication.translate("OfficersDialog", "Please fill in this field."), empty
        )
    return empty is None


def _passwords_match(first: QLineEdit, again: QLineEdit, error: QLabel) -> bool:
    if first.text() != again.text():
        show_inline_error(
            error, QCoreApplication.translate("OfficersDialog", "The two passwords differ."), again
        )
        return False
    return True


def _password_pair(parent: QWidget) -> tuple[QLineEdit, QLineEdit]:
    """A new password and its repetition, both hidden while typed."""
    fields = []
    for name in ("newPassword", "newPasswordAgain"):
        field = QLineEdit(parent)
        limit(field, limits.PASSWORD)
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        fields.append(field)
    return fields[0], fields[1]


def _lay_out(dialog: QDialog, form: QFormLayout, below: list[QWidget], check: Callable[[], None]) -> None:
    """The form, the widgets below it, then OK (which runs `check`) and Cancel."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(check)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    for widget in below:
        layout.addWidget(widget)
    layout.addWidget(buttons)


class AddOfficerDialog(QDialog):
    """Username, full name, role and the first password of a new officer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addOfficer")
        self.setWindowTitle(self.tr("Add an officer"))
        self.username = QLineEdit(self)
        limit(self.username, limits.USERNAME)
        self.username.setObjectName("newUsername")
        self.full_name = QLineEdit(self)
        limit(self.full_name, limits.OFFICER_NAME)
        self.full_name.setObjectName("newFullName")
        self.role = QComboBox(self)
        self.role.setObjectName("newRole")
        for key, text in role_texts().items():
            self.role.addItem(text, key)
        self.role.setCurrentIndex(self.role.findData(roles.OFFICER))
        self.password, self.password_again = _password_pair(self)
        form = QFormLayout()
        form.addRow(self.tr("&Username:"), self.username)
        form.addRow(self.tr("&Full name:"), self.full_name)
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow(self.tr("R&epeat password:"), self.password_again)
        hint = QLabel(self.tr("At least 8 characters, not only digits, not the username."), self)
        self.error = error_label(self)
        _lay_out(self, form, [hint, self.error], self._check)

    def _check(self) -> None:
        required = [self.username, self.full_name, self.password, self.password_again]
        if _all_filled(required, self.error) and _passwords_match(
            self.password, self.password_again, self.error
        ):
            self.accept()


class NewPasswordDialog(QDialog):
    """A new password for one officer, typed twice."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resetPassword")
        self.setWindowTitle(self.tr("New password for {username}").format(username=username))
        self.password, self.password_again = _password_pair(self)
        form = QFormLayout()
        form.addRow(self.tr("New pass&word:"), self.password)
        form.addRow(self.tr("R&epeat password:"), self.password_again)
        self.error = error_label(self)
        _lay_out(self, form, [self.error], self._check)

    def _check(self) -> None:
        required = [self.password, self.password_again]
        if _all_filled(required, self.error) and _passwords_match(
            self.password, self.password_again, self.error
        ):
            self.accept()


def role_texts() -> dict[str, str]:
    return {
        roles.ADMIN: QCoreApplication.translate("OfficersDialog", "Administrator"),
        roles.OFFICER: QCoreApplication.translate("OfficersDialog", "Counter officer"),
        roles.READONLY: QCoreApplication.translate("OfficersDialog", "Read-only (leader, inspector)"),
    }


class OfficersDialog(QDialog):
    """The administrator's list of officers; `auto_lock_changed(minutes)` once a new delay is saved."""

    auto_lock_changed = Signal(int)

    def __init__(self, store: Store, admin: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officersDialog")
        self.store, self.admin = store, admin
        self.rows: list[officers.OfficerRow] = []
        self.setWindowTitle(self.tr("Officers"))
        self.setMinimumSize(760, 420)

        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("officerTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Username"),
                self.tr("Full name"),
                self.tr("Role"),
                self.tr("State"),
                self.tr("Last sign-in"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.add_button.setObjectName("addOfficerButton")
        self.add_button.clicked.connect(self.add)
        self.reset_button = QPushButton(self.tr("&Reset password…"), self)
        self.reset_button.setObjectName("resetPasswordButton")
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button = QPushButton(self.tr("&Disable"), self)
        self.active_button.setObjectName("toggleActiveButton")
        self.active_button.clicked.connect(self.toggle_active)
        self.unlock_button = QPushButton(self.tr("&Lift lockout"), self)
        self.unlock_button.setObjectName("liftLockoutButton")
        self.unlock_button.clicked.connect(self.lift_lockout)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.active_button, self.unlock_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.auto_lock = QSpinBox(self)
        self.auto_lock.setObjectName("autoLockMinutes")
        self.auto_lock.setRange(*officers.AUTO_LOCK_RANGE)
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setValue(officers.auto_lock_minutes(store))
        save_lock = QPushButton(self.tr("Sa&ve"), self)
        save_lock.setObjectName("saveAutoLock")
        save_lock.clicked.connect(self.save_auto_lock)
        lock_row = QHBoxLayout()
        lock_label = QLabel(self.tr("Lock this workstation's screen after &idle time:"), self)
        lock_label.setBuddy(self.auto_lock)
        lock_row.addWidget(lock_label)
        lock_row.addWidget(self.auto_lock)
        lock_row.addWidget(save_lock)
        lock_row.addStretch(1)

        self.error = error_label(self)
        officers_page = QWidget(self)
        page = QVBoxLayout(officers_page)
        page.addWidget(self.table)
        page.addLayout(buttons)
        page.addLayout(lock_row)

        self.audit = QTableWidget(0, 5, self)
        self.audit.setObjectName("auditTable")
        self.audit.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Workstation"),
                self.tr("Who"),
                self.tr("What"),
                self.tr("Officer concerned"),
            ]
        )
        self.audit.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.audit.horizontalHeader().setStretchLastSection(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(officers_page, self.tr("&Officers"))
        self.tabs.addTab(self.audit, self.tr("Audit &log"))

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(close)
        # the pages joined the Tab chain when added to the tabs, after Close: Close goes last again
        QWidget.setTabOrder(save_lock, close.button(QDialogButtonBox.StandardButton.Close))
        self.reload()

    # ---- reading --------------------------------------------------------------------------------------

    def reload(self) -> None:
        store = self.store
        tasks.run_query(lambda: (officers.list_officers(store), audit_lines(store)), self._show, owner=self)

    def _show(self, found: tuple[list[officers.OfficerRow], list[AuditLine]]) -> None:
        self.rows, lines = found
        selected = self.selected()
        texts = role_texts()
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            if row.locked_until is not None:
                state = self.tr("locked until {time}").format(time=_when(row.locked_until))
            else:
                state = self.tr("active") if row.active else self.tr("disabled")
            cells = (
                row.username,
                row.full_name,
                texts.get(row.role, row.role),
                state,
                _when(row.last_login_at),
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
            if selected is not None and row.id == selected.id:
                self.table.selectRow(r)
        self.audit.setRowCount(len(lines))
        for r, line in enumerate(lines):
            detail = f"{line.label} ({line.detail})" if line.detail else line.label
            cells = (_when(line.at), str(line.workstation), line.officer or "?", detail, line.subject)
            for c, text in enumerate(cells):
                self.audit.setItem(r, c, QTableWidgetItem(text))
        self._selection_changed()

    def selected(self) -> officers.OfficerRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def select(self, username: str) -> None:
        for r, row in enumerate(self.rows):
            if row.username == username:
                self.table.selectRow(r)

    def _selection_changed(self) -> None:
        row = self.selected()
        for button in (self.reset_button, self.active_button):
            button.setEnabled(row is not None)
        self.unlock_button.setEnabled(row is not None and row.locked_until is not None)
        self.active_button.setText(
            self.tr("&Enable") if row is not None and not row.active else self.tr("&Disable")
        )

    # ---- changes --------------------------------------------------------------------------------------

    def _change(self, work: Callable[[], object]) -> None:
        show_inline_error(self.error, "")
        tasks.run_write(
            work, lambda _r: self.reload(), lambda exc: show_failure(self.error, exc, {}, self), owner=self
        )

    def add(self) -> AddOfficerDialog:
        dialog = AddOfficerDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        store, admin = self.store, self.admin

        def chosen() -> None:
            username, name = dialog.username.text(), dialog.full_name.text()
            password, role = dialog.password.text(), str(dialog.role.currentData())
            self._change(lambda: officers.add_officer(store, admin, username, name, password, role))

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def reset_password(self) -> NewPasswordDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = NewPasswordDialog(row.username, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        store, admin, username = self.store, self.admin, row.username

        def chosen() -> None:
            password = dialog.password.text()
            self._change(lambda: officers.reset_password(store, admin, username, password))

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        if (row := self.selected()) is not None:
            store, admin, username, active = self.store, self.admin, row.username, not row.active
            self._change(lambda: officers.set_active(store, admin, username, active))

    def lift_lockout(self) -> None:
        if (row := self.selected()) is not None:
            store, admin, username = self.store, self.admin, row.username
            self._change(lambda: officers.lift_lockout(store, admin, username))

    def save_auto_lock(self) -> None:
        store, admin, minutes = self.store, self.admin, self.auto_lock.value()
        show_inline_error(self.error, "")

        def saved(value: int) -> None:
            self.auto_lock_changed.emit(value)
            self.reload()

        def failed(exc: BaseException) -> None:
            show_failure(self.error, exc, {"auto_lock": self.auto_lock}, self)

        tasks.run_write(
            lambda: officers.set_auto_lock_minutes(store, admin, minutes), saved, failed, owner=self
        )

"""First-run setup: the commune, this workstation and the first officer account (or the demo profile)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core import limits
from desktop.services.accounts import SetupData, SignedIn, complete_setup
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.form_helpers import error_label, show_failure, show_inline_error
from desktop.ui.province_combo import province_combo
from desktop.ui.text_limit import limit


class SetupDialog(QDialog):
    """Collects `SetupData`; on success emits `completed(SignedIn)` and closes with Accepted."""

    completed = Signal(object)  # SignedIn
    demo_requested = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.store = store
        # Qt appends the application name ("… — Một Cửa"), so the title does not start with it
        self.setWindowTitle(self.tr("First-run setup"))
        self.setMinimumWidth(560)

        intro = QLabel(
            self.tr(
                "Welcome. Enter your commune and the first officer account of this workstation. "
                "To look around first, open the demo profile with synthetic dossiers."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.unit_name = QLineEdit(self)
        limit(self.unit_name, limits.UNIT_NAME)
        self.unit_name.setObjectName("unitName")
        self.unit_name.setPlaceholderText(self.tr("e.g. Xã Ia Grai"))
        self.unit_code = QLineEdit(self)
        limit(self.unit_code, limits.UNIT_CODE)
        self.unit_code.setObjectName("unitCode")
        self.unit_code.setPlaceholderText(self.tr("as issued by the province, e.g. H21.55.10"))
        self.province = province_combo(self)
        province_edit = self.province.lineEdit()
        if province_edit is not None:
            province_edit.setPlaceholderText(self.tr("choose or type"))
        self.workstation = QSpinBox(self)
        self.workstation.setObjectName("workstation")
        self.workstation.setRange(1, 99)

        unit_box = QGroupBox(self.tr("Commune or ward"), self)
        unit_form = QFormLayout(unit_box)
        unit_form.addRow(self.tr("&Name:"), self.unit_name)
        unit_form.addRow(self.tr("Agency &identifier code:"), self.unit_code)
        unit_form.addRow(self.tr("&Province:"), self.province)
        unit_form.addRow(self.tr("&Workstation number:"), self.workstation)

        self.username = QLineEdit(self)
        limit(self.username, limits.USERNAME)
        self.username.setObjectName("username")
        self.full_name = QLineEdit(self)
        limit(self.full_name, limits.OFFICER_NAME)
        self.full_name.setObjectName("fullName")
        self.password = QLineEdit(self)
        limit(self.password, limits.PASSWORD)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit(self)
        limit(self.password_again, limits.PASSWORD)
        self.password_again.setObjectName("passwordAgain")
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)

        officer_box = QGroupBox(self.tr("First officer (administrator)"), self)
        officer_form = QFormLayout(officer_box)
        officer_form.addRow(self.tr("&Username:"), self.username)
        officer_form.addRow(self.tr("&Full name:"), self.full_name)
        officer_form.addRow(self.tr("Pass&word:"), self.password)
        officer_form.addRow(self.tr("&Repeat password:"), self.password_again)

        self.error = error_label(self)

        self.demo_button = QPushButton(self.tr("Open &demo profile"), self)
        self.demo_button.setObjectName("openDemo")
        self.demo_button.setAutoDefault(False)
        self.demo_button.clicked.connect(self.demo_requested.emit)
        self.create_button = QPushButton(self.tr("&Create and continue"), self)
        self.create_button.setObjectName("createProfile")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(unit_box)
        layout.addWidget(officer_box)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._fields: dict[str, QWidget] = {
            "unit_name": self.unit_name,
            "unit_code": self.unit_code,
            "province": self.province,
            "workstation": self.workstation,
            "username": self.username,
            "full_name": self.full_name,
            "password": self.password,
        }
        self.unit_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def data(self) -> SetupData:
        return SetupData(
            unit_name=self.unit_name.text(),
            unit_code=self.unit_code.text(),
            province=self.province.currentText(),
            workstation=self.workstation.value(),
            username=self.username.text(),
            full_name=self.full_name.text(),
            password=self.password.text(),
        )

    def submit(self) -> None:
        """Check the two passwords, then create the profile off the GUI thread."""
        if self.password.text() != self.password_again.text():
            show_inline_error(self.error, self.tr("The two passwords differ."), self.password_again)
            return
        show_inline_error(self.error, "")
        data, store = self.data(), self.store
        self._busy(True)
        tasks.run_write(lambda: complete_setup(store, data), self._done, self._failed, owner=self)

    def _busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)
        self.demo_button.setEnabled(not busy)

    def _done(self, officer: SignedIn) -> None:
        self._busy(False)
        self.completed.emit(officer)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        show_failure(self.error, exc, self._fields, self)

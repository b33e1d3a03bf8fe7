"""The applicant part of the intake form (chủ hồ sơ), in the order of the printed receipt (form 01).

Every field is capped (`maxLength`) and checked inline when the officer leaves it, with the same core
checks `receive_dossier` applies; warnings (an ID number that disagrees with the date of birth) are shown
in amber and do not block saving.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.core.cccd import CardData
from desktop.core.errors import ValidationError
from desktop.core.validation import check_email, check_personal_id, check_phone, parse_date
from desktop.services import addresses
from desktop.services.address_mapping import CardAddress, map_card_address
from desktop.services.intake_draft import (
    MAX_ADDRESS,
    MAX_DATE,
    MAX_EMAIL,
    MAX_ID,
    MAX_NAME,
    MAX_PHONE,
    ORGANISATION,
    PERSON,
    ApplicantDraft,
)
from desktop.services.intake_validate import check_tax_code
from desktop.ui.intake.fields import FieldBox, add_row
from desktop.ui.text_limit import set_whole


def line_edit(parent: QWidget, name: str, cap: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setMaxLength(cap)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


class ApplicantForm(QWidget):
    """Kind, name, ID number, date of birth, gender, address (new units or free text), phone, e-mail."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, FieldBox] = {}
        form = self.form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)

        self.kind = QComboBox(self)
        self.kind.setObjectName("applicantKind")
        self.kind.addItem(self.tr("Person"), PERSON)
        self.kind.addItem(self.tr("Organisation"), ORGANISATION)
        self.full_name = line_edit(self, "fullName", MAX_NAME)
        self.id_number = line_edit(self, "idNumber", MAX_ID, self.tr("12 digits"))
        self.date_of_birth = line_edit(self, "dateOfBirth", MAX_DATE, self.tr("dd/mm/yyyy"))
        self.gender = QComboBox(self)
        self.gender.setObjectName("gender")
        self.gender.addItem("—", "")
        self.gender.addItem(self.tr("Male"), "male")
        self.gender.addItem(self.tr("Female"), "female")
        self.old_id_number = line_edit(self, "oldIdNumber", MAX_ID, self.tr("old 9-digit ID card, if any"))
        self.id_issue_date = line_edit(self, "idIssueDate", MAX_DATE, self.tr("dd/mm/yyyy"))
        self.address = line_edit(
            self, "address", MAX_ADDRESS, self.tr("house number, village / hamlet — or the full old address")
        )
        self.province = QComboBox(self)
        self.province.setObjectName("province")
        self.province.addItem("—", "")
        for unit in addresses.provinces():
            self.province.addItem(unit.name, unit.code)
        self.ward = QComboBox(self)
        self.ward.setObjectName("ward")
        self.ward.setEditable(True)
        self.ward.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.ward.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        # the address printed before the July 2025 merger, and the current units it may now be in
        self.old_address = QLabel(self)
        self.old_address.setObjectName("oldAddress")
        self.old_address.setWordWrap(True)
        self.old_address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unit_choice = QComboBox(self)
        self.unit_choice.setObjectName("unitChoice")
        self.mapped: CardAddress | None = None
        self.phone = line_edit(self, "phone", MAX_PHONE, self.tr("e.g. 0912 345 678"))
        self.email = line_edit(self, "email", MAX_EMAIL)

        self._row(form, self.tr("Applicant is"), self.kind, "applicant.kind")
        self._row(form, self.tr("&Full name"), self.full_name, "applicant.full_name")
        self._row(form, self.tr("Personal &ID number"), self.id_number, "applicant.id_number")
        self._row(form, self.tr("Date of &birth"), self.date_of_birth, "applicant.date_of_birth")
        self._row(form, self.tr("Gender"), self.gender, "applicant.gender")
        self._row(form, self.tr("Old ID card number"), self.old_id_number, "applicant.old_id_number")
        self._row(form, self.tr("ID issue date"), self.id_issue_date, "applicant.id_issue_date")
        self._row(form, self.tr("Province / city"), self.province, "applicant.province_code")
        self._row(form, self.tr("Commune / ward"), self.ward, "applicant.ward_code")
        self._row(form, self.tr("&Address"), self.address, "applicant.address")
        form.addRow(self.old_address)
        self._row(form, self.tr("Now in"), self.unit_choice, "applicant.unit_choice")
        self._show_mapping(None)
        self._row(form, self.tr("&Phone"), self.phone, "applicant.phone")
        self._row(form, self.tr("E-&mail"), self.email, "applicant.email")

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.province.currentIndexChanged.connect(self._fill_wards)
        for edit in (self.full_name, self.id_number, self.date_of_birth, self.old_id_number,
                     self.id_issue_date, self.address, self.phone, self.email):  # fmt: skip
            edit.textChanged.connect(self.changed)
        for combo in (self.kind, self.gender, self.province, self.ward):
            combo.currentIndexChanged.connect(self.changed)
        self.unit_choice.activated.connect(self._choose_unit)
        self.address.editingFinished.connect(self._address_typed)
        self.id_number.editingFinished.connect(self.check_id)
        self.date_of_birth.editingFinished.connect(self._check_dob)
        self.gender.currentIndexChanged.connect(self.check_id)
        self.phone.editingFinished.connect(self._check_phone)
        self.email.editingFinished.connect(self._check_email)

    def _row(self, form: QFormLayout, label: str, field: QWidget, path: str) -> None:
        box = FieldBox(field, path, self)
        self.boxes[path] = box
        add_row(form, label, box)

    def _kind_changed(self) -> None:
        """An organisation has a name and a tax code instead of a person's name and ID number."""
        person = self.kind.currentData() == PERSON
        labels = {
            "applicant.full_name": self.tr("&Full name") if person else self.tr("Name of the &organisation"),
            "applicant.id_number": self.tr("Personal &ID number") if person else self.tr("&Tax code"),
        }
        for path, text in labels.items():
            label = self.form.labelForField(self.boxes[path])
            if isinstance(label, QLabel):
                label.setText(text)
        self.id_number.setPlaceholderText(self.tr("12 digits") if person else self.tr("10 or 13 digits"))
        for widget in (self.date_of_birth, self.gender, self.old_id_number, self.id_issue_date):
            widget.setEnabled(person)
        self.check_id()

    # ---- inline checks -------------------------------------------------------------------------------

    def _dob(self) -> date | None:
        try:
            return parse_date(self.date_of_birth.text()) if self.date_of_birth.text().strip() else None
        except ValidationError:
            return None

    def check_id(self) -> None:
        box = self.boxes["applicant.id_number"]
        box.clear()
        text = self.id_number.text()
        if not text.strip():
            return
        if self.kind.currentData() != PERSON:
            try:
                check_tax_code(text)
            except ValidationError as exc:
                box.show_error(str(exc))
            return
        try:
            person = check_personal_id(text, self._dob(), self.gender.currentData() or None)
        except ValidationError as exc:
            box.show_error(str(exc))
            return
        if person.warnings:
            box.show_warning(" ".join(person.warnings))

    def _check(self, path: str, edit: QLineEdit, check: object) -> None:
        box = self.boxes[path]
        box.clear()
        if not edit.text().strip():
            return
        try:
            check(edit.text())  # type: ignore[operator]
        except ValidationError as exc:
            box.show_error(str(exc))

    def _check_dob(self) -> None:
        self._check("applicant.date_of_birth", self.date_of_birth, lambda t: parse_date(t, label="Ngày sinh"))
        self.check_id()

    def _check_phone(self) -> None:
        self._check("applicant.phone", self.phone, check_phone)

    def _check_email(self) -> None:
        self._check("applicant.email", self.email, check_email)

    # ---- addresses -----------------------------------------------------------------------------------

    def _fill_wards(self) -> None:
        code = self.province.currentData() or ""
        self.ward.blockSignals(True)
        self.ward.clear()
        self.ward.addItem("", "")
        for unit in addresses.wards(code):
            self.ward.addItem(unit.name, unit.code)
        self.ward.setCurrentIndex(0)
        self.ward.blockSignals(False)

    def apply_old_address(self, text: str) -> bool:
        """Fill the province and commune from an address written before the merger; the old text is shown
        beside them. One candidate is filled, several are offered in `unit_choice`, none changes nothing."""
        mapped = map_card_address(text)
        if not mapped.communes:
            self._show_mapping(None)
            return False
        self._show_mapping(mapped)
        if len(mapped.communes) == 1:
            self._choose_unit(0)
        else:  # split: nothing changes until the officer picks (saved unpicked, the old text stays whole)
            self.unit_choice.setCurrentIndex(-1)
            self.unit_choice.setPlaceholderText(self.tr("— choose the current commune —"))
        return True

    def needs_choice(self) -> bool:
        """The old commune was split: the officer picks the current one."""
        return (
            self.mapped is not None and len(self.mapped.communes) > 1 and self.unit_choice.currentIndex() < 0
        )

    def _show_mapping(self, mapped: CardAddress | None) -> None:
        self.mapped = mapped
        self.unit_choice.clear()
        box = self.boxes["applicant.unit_choice"]
        label = self.form.labelForField(box)
        for widget in (self.old_address, box, label):
            if widget is not None:
                widget.setVisible(mapped is not None)
        if mapped is None:
            self.old_address.clear()
            return
        self.old_address.setText(
            self.tr("Address on the ID card (before the merger): {address}").format(address=mapped.old.text)
        )
        for choice in mapped.communes:
            self.unit_choice.addItem(choice.label, choice.ward_code)
        self.unit_choice.addItem(self.tr("Keep the address as written, without a commune"), "")

    def _choose_unit(self, index: int) -> None:
        if self.mapped is None or index < 0:
            return
        self.unit_choice.setCurrentIndex(index)
        communes = self.mapped.communes
        if index < len(communes):
            choice = communes[index]
            self.province.setCurrentIndex(max(0, self.province.findData(choice.province_code)))
            self.ward.setCurrentIndex(max(0, self.ward.findData(choice.ward_code)))
            self.address.setText(self.mapped.street)
        else:  # keep the old text as it was, no units
            self.province.setCurrentIndex(0)
            self.address.setText(self.mapped.old.text)

    def _address_typed(self) -> None:
        """An old address typed or pasted whole, while no unit is chosen yet, is read like a card's."""
        if self.mapped is None and not self.province.currentData() and self.address.text().strip():
            self.apply_old_address(self.address.text())

    def _ward_code(self) -> str:
        index = self.ward.findText(self.ward.currentText())
        return str(self.ward.itemData(index) or "") if index >= 0 else ""

    # ---- data ----------------------------------------------------------------------------------------

    def to_draft(self) -> ApplicantDraft:
        return ApplicantDraft(
            kind=self.kind.currentData(),
            full_name=self.full_name.text(),
            id_number=self.id_number.text(),
            old_id_number=self.old_id_number.text(),
            id_issue_date=self.id_issue_date.text(),
            date_of_birth=self.date_of_birth.text(),
            gender=self.gender.currentData() or "",
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.text(),
            province_code=self.province.currentData() or "",
            ward_code=self._ward_code(),
        )

    def load(self, a: ApplicantDraft) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(a.kind)))
        set_whole(self.full_name, a.full_name)  # an old draft over the limit is shown whole
        self.id_number.setText(a.id_number)
        self.old_id_number.setText(a.old_id_number)
        self.id_issue_date.setText(a.id_issue_date)
        self.date_of_birth.setText(a.date_of_birth)
        self.gender.setCurrentIndex(max(0, self.gender.findData(a.gender)))
        self.province.setCurrentIndex(max(0, self.province.findData(a.province_code)))
        self.ward.setCurrentIndex(max(0, self.ward.findData(a.ward_code)))
        set_whole(self.address, a.address)
        self.phone.setText(a.phone)
        self.email.setText(a.email)
        self._show_mapping(None)
        for box in self.boxes.values():
            box.clear()

    def fill_from_card(self, card: CardData) -> None:
        """Fill the identity fields from a scanned ID card; the card's address is kept as free text."""
        self.kind.setCurrentIndex(self.kind.findData(PERSON))
        self.full_name.setText(card.full_name)
        self.id_number.setText(card.id_number)
        self.old_id_number.setText(card.old_id_number or "")
        self.date_of_birth.setText(f"{card.date_of_birth:%d/%m/%Y}")
        self.id_issue_date.setText(f"{card.issue_date:%d/%m/%Y}")
        self.gender.setCurrentIndex(self.gender.findData(card.gender))
        self.province.setCurrentIndex(0)
        self.address.setText(card.address)
        self.apply_old_address(card.address)
        for box in self.boxes.values():
            box.clear()
        self.check_id()

    def show_errors(self, errors: dict[str, str]) -> None:
        for path, box in self.boxes.items():
            if path in errors:
                box.show_error(errors[path])
            else:
                box.clear()
        if "applicant.id_number" not in errors:
            self.check_id()  # keep the soft warnings visible

"""The rest of the receipt after the papers: number of sets, the submitter when different from the
applicant, how the dossier came in (channel), how the result goes back (counter or public postal service
with an address), and notes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QSpinBox, QWidget

from desktop.services.intake_draft import MAX_ADDRESS, MAX_ID, MAX_NAME, MAX_NOTES, MAX_PHONE, IntakeDraft
from desktop.ui.intake.applicant_form import line_edit
from desktop.ui.intake.fields import FieldBox, add_row
from desktop.ui.text_limit import set_whole


class SubmitterBox(QGroupBox):
    """Tick to enter the person who hands the dossier in on behalf of the applicant."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Submitted by someone else (tick to enter)"))
        self.setObjectName("submitterBox")
        self.setCheckable(True)
        self.setChecked(False)
        self.boxes: dict[str, FieldBox] = {}
        self.name = line_edit(self, "submitterName", MAX_NAME)
        self.id_number = line_edit(self, "submitterId", MAX_ID)
        self.phone = line_edit(self, "submitterPhone", MAX_PHONE)
        form = QFormLayout(self)
        for label, edit, path in (
            (self.tr("Submitter's name"), self.name, "submitter_name"),
            (self.tr("Submitter's ID number"), self.id_number, "submitter_id_number"),
            (self.tr("Submitter's phone"), self.phone, "submitter_phone"),
        ):
            box = FieldBox(edit, path, self)
            self.boxes[path] = box
            add_row(form, label, box)
            edit.textChanged.connect(self.changed)
        self.toggled.connect(self.changed)


class DetailsForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, FieldBox] = {}
        self.sets = QSpinBox(self)
        self.sets.setObjectName("setsCount")
        self.sets.setRange(1, 99)
        self.delivery = QComboBox(self)
        self.delivery.setObjectName("delivery")
        self.delivery.addItem(self.tr("At the counter"), "counter")
        self.delivery.addItem(self.tr("By public postal service"), "postal")
        self.delivery_address = line_edit(
            self, "deliveryAddress", MAX_ADDRESS, self.tr("empty: the applicant's address")
        )
        self.channel = QComboBox(self)
        self.channel.setObjectName("channel")
        self.channel.addItem(self.tr("Directly at the counter"), "direct")
        self.channel.addItem(self.tr("By post"), "postal")
        self.channel.addItem(self.tr("Online"), "online")
        self.notes = line_edit(self, "notes", MAX_NOTES)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for label, widget, path in (
            (self.tr("Number of sets"), self.sets, "sets_count"),
            (self.tr("Result &delivered"), self.delivery, "delivery"),
            (self.tr("Delivery address"), self.delivery_address, "delivery_address"),
            (self.tr("Received &via"), self.channel, "channel"),
            (self.tr("&Notes"), self.notes, "notes"),
        ):
            box = FieldBox(widget, path, self)
            self.boxes[path] = box
            add_row(form, label, box)
        self.delivery.currentIndexChanged.connect(self._delivery_changed)
        self._delivery_changed()
        self.sets.valueChanged.connect(self.changed)
        self.delivery.currentIndexChanged.connect(self.changed)
        self.channel.currentIndexChanged.connect(self.changed)
        self.delivery_address.textChanged.connect(self.changed)
        self.notes.textChanged.connect(self.changed)

    def _delivery_changed(self) -> None:
        self.delivery_address.setEnabled(self.delivery.currentData() == "postal")

    def fill(self, draft: IntakeDraft) -> None:
        """Copy these fields into `draft`."""
        draft.sets_count = self.sets.value()
        draft.delivery = self.delivery.currentData()
        draft.delivery_address = self.delivery_address.text() if draft.delivery == "postal" else ""
        draft.channel = self.channel.currentData()
        draft.notes = self.notes.text()

    def load(self, draft: IntakeDraft) -> None:
        self.sets.setValue(draft.sets_count)
        self.delivery.setCurrentIndex(max(0, self.delivery.findData(draft.delivery)))
        set_whole(self.delivery_address, draft.delivery_address)
        self.channel.setCurrentIndex(max(0, self.channel.findData(draft.channel)))
        set_whole(self.notes, draft.notes)

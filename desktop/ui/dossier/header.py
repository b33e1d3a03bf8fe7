"""The header of the dossier view: code, status, procedure, applicant, dates, pauses and the sync state."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGridLayout, QLabel, QWidget

from desktop.services.dossier_detail import DossierDetail
from desktop.ui.labels import status_label
from sync.client.status import DossierSync

OVERDUE_STYLE = "color: #b00020; font-weight: bold;"
REJECTED_STYLE = "color: #b00020;"


def when(value: datetime | None) -> str:
    return value.strftime("%H:%M %d/%m/%Y") if value is not None else "—"


def _person(name: str, id_number: str, phone: str) -> str:
    contact = " · ".join(p for p in (id_number, phone) if p)
    return f"{name} ({contact})" if contact else name


class DossierHeader(QWidget):
    """Two columns of read-only facts; every value label has an object name for tests and styling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = self._value("codeValue")
        self.code.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.status = self._value("statusValue")
        self.procedure = self._value("procedureValue")
        self.applicant = self._value("applicantValue")
        self.submitter = self._value("submitterValue")
        self.postal = self._value("postalValue")
        self.received = self._value("receivedValue")
        self.due = self._value("dueValue")
        self.paused = self._value("pausedValue")
        self.reason = self._value("reasonValue")
        self.sync = self._value("syncValue")
        self.digitised = self._value("digitisedValue")

        left = self.left = QFormLayout()
        left.addRow(self.tr("Dossier code"), self.code)
        left.addRow(self.tr("Status"), self.status)
        left.addRow(self.tr("Procedure"), self.procedure)
        left.addRow(self.tr("Applicant"), self.applicant)
        left.addRow(self.tr("Submitted by"), self.submitter)
        left.addRow(self.tr("Result by post to"), self.postal)
        left.addRow(self.tr("Note"), self.reason)
        right = QFormLayout()
        right.addRow(self.tr("Received"), self.received)
        right.addRow(self.tr("Appointment"), self.due)
        right.addRow(self.tr("Clock stopped"), self.paused)
        right.addRow(self.tr("Digitised"), self.digitised)
        right.addRow(self.tr("Sync"), self.sync)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

    def _value(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_detail(self, detail: DossierDetail) -> None:
        self.code.setText(detail.code)
        self.status.setText(status_label(detail.status))
        self.procedure.setText(f"{detail.procedure_code} — {detail.procedure_name}")
        self.applicant.setText(
            _person(detail.applicant_name, detail.applicant_id_number, detail.applicant_phone)
        )
        self.submitter.setText(
            _person(detail.submitter_name, detail.submitter_id_number, detail.submitter_phone)
        )
        self.left.setRowVisible(self.submitter, bool(detail.submitter_name))
        self.postal.setText(detail.postal_address)
        self.left.setRowVisible(self.postal, detail.by_post)
        self.received.setText(when(detail.received_at))
        due = when(detail.due_at)
        if detail.original_due_at is not None:
            due += " " + self.tr("(extended; was {date})").format(date=when(detail.original_due_at))
        if detail.overdue:
            due += " — " + self.tr("overdue")
        result = {
            "early": self.tr("result ready early"),
            "on_time": self.tr("result ready on time"),
            "late": self.tr("result ready late"),
        }.get(detail.timeliness)
        if result:
            due += " — " + result
        self.due.setText(due)
        self.due.setStyleSheet(OVERDUE_STYLE if detail.overdue else "")
        self.due.setProperty("overdue", detail.overdue)
        self.paused.setText(self.paused_text(detail.paused, detail.paused_since))
        self.reason.setText(detail.reason)
        self.left.setRowVisible(self.reason, bool(detail.reason))
        self.digitised.setText(
            self.tr("{done} of {total} paper(s)").format(done=detail.digitised_lines, total=len(detail.lines))
        )
        sync = self.sync_text(detail.sync)
        if detail.review_note:  # both facts, until an officer settles it
            sync = self.tr("Needs review: {note}").format(note=detail.review_note) + "\n" + sync
        self.sync.setText(sync)
        self.sync.setStyleSheet(
            REJECTED_STYLE if detail.sync.state == "rejected" or detail.review_note else ""
        )

    def paused_text(self, paused: timedelta, since: datetime | None) -> str:
        if not paused and since is None:
            return self.tr("No")
        minutes = int(paused.total_seconds() // 60)
        days, rest = divmod(minutes, 24 * 60)
        text = self.tr("{days} d {hours} h {minutes} min").format(
            days=days, hours=rest // 60, minutes=rest % 60
        )
        if since is not None:
            text += " " + self.tr("(stopped since {time})").format(time=when(since))
        return text

    def sync_text(self, sync: DossierSync) -> str:
        if sync.state == "rejected":
            # The province's own reason, already Vietnamese ("Tỉnh từ chối thay đổi #n: …"), from sync/.
            return sync.message
        if sync.state == "pending":
            return self.tr("%n change(s) waiting to be sent", "", sync.pending)
        if sync.state == "synced":
            return self.tr("Sent to the province")
        return self.tr("Nothing to send")

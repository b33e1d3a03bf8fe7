"""The result's dialogs: "Có kết quả" (result ready), "Trả kết quả" (return at the counter or by post) and
"Bưu chính đã phát" (the post delivered a result handed to it).

Both follow `dialogs._ActionDialog`: opened window-modally, the cursor in the first field, OK refused with a
red Vietnamese line while something required is missing. The return dialog starts on the owner, whose name
and ID number come from the applicant; another receiver kind clears them for the person at the counter.
The delivery dialog opens on its optional note with today's date above it, so Enter records a delivery
made today; a day after today or before the hand-over to the post is refused on its red line.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from desktop.core import limits
from desktop.core.timeutil import VN_TZ, now_local
from desktop.services.dossier_detail import DossierDetail
from desktop.services.result import Receiver, ReceiverKind
from desktop.ui.dossier.dialogs import NO_PROBLEM, Problem, _ActionDialog
from desktop.ui.shortcuts import give_shortcut
from desktop.ui.text_limit import limit

COUNTER, POST = "counter", "post"


class ResultDialog(_ActionDialog):
    """The processing body's result is at the counter (status 9): granted, or refused with the reason."""

    def __init__(self, detail: DossierDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Result ready"),
            self.tr("Record the result of dossier {code} that the processing office sent back.").format(
                code=detail.code
            ),
            self.tr("Record the result"),
            parent,
        )
        self.kind = QComboBox(self)
        self.kind.setObjectName("resultKind")
        self.kind.addItem(self.tr("Granted"), "granted")
        self.kind.addItem(self.tr("Refused"), "refused")
        self.refused_reason = QLineEdit(self)
        limit(self.refused_reason, limits.REASON)
        self.refused_reason.setObjectName("refusedReason")
        self.document_number = QLineEdit(self)
        limit(self.document_number, limits.NUMBER)
        self.document_number.setObjectName("documentNumber")
        self.signer = QLineEdit(self)
        limit(self.signer, limits.SHORT_TEXT)
        self.signer.setObjectName("signer")
        today = now_local().date()
        self.issued = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.issued.setObjectName("issuedOn")
        self.issued.setDisplayFormat("dd/MM/yyyy")
        self.issued.setCalendarPopup(True)
        self.form.addRow(self.tr("Result"), self.kind)
        self.form.addRow(self.tr("Reason for refusal"), self.refused_reason)
        self.form.addRow(self.tr("Document number"), self.document_number)
        self.form.addRow(self.tr("Signed by"), self.signer)
        self.form.addRow(self.tr("Signed on"), self.issued)
        self.scan = QLineEdit(self)
        limit(self.scan, limits.PATH)
        self.scan.setObjectName("resultScan")
        self.scan.setPlaceholderText(self.tr("A PDF or image of the result (optional)"))
        browse = QPushButton(self.tr("Choose a file…"), self)
        give_shortcut(browse, "Ctrl+O")
        browse.setObjectName("chooseResultScan")
        browse.clicked.connect(self._choose_scan)
        self.form.addRow(self.tr("Scan of the result"), self.scan)
        self.form.addRow("", browse)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self, *_: object) -> None:
        self.refused_reason.setEnabled(self.kind.currentData() == "refused")

    def _choose_scan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Scan of the result"),
            "",
            self.tr("PDF or images (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"),
        )
        if path:
            self.scan.setText(path)

    def scan_path(self) -> Path | None:
        text = self.scan.text().strip()
        return Path(text) if text else None

    def values(self) -> dict[str, Any]:
        """The service's keyword arguments (`desktop.services.result.record_result`)."""
        d = self.issued.date()
        refused = self.kind.currentData() == "refused"
        return {
            "refused_reason": self.refused_reason.text().strip() if refused else "",
            "document_number": self.document_number.text().strip(),
            "signer": self.signer.text().strip(),
            "issued_at": datetime(d.year(), d.month(), d.day(), tzinfo=VN_TZ),
            "scan": self.scan_path(),
        }

    def problem(self) -> Problem:
        if self.kind.currentData() == "refused" and not self.refused_reason.text().strip():
            return self.tr("Please enter the reason for the refusal."), self.refused_reason
        scan = self.scan_path()
        if scan is not None and not scan.is_file():
            return self.tr("There is no file at this path."), self.scan
        return NO_PROBLEM


class ReturnDialog(_ActionDialog):
    """The result is handed over (status 10): at the counter to the owner, an authorised person or someone
    else, or to the post for a dossier whose result goes by post."""

    def __init__(self, detail: DossierDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Return the result"),
            self.tr(
                "Hand the result of dossier {code} to the citizen; the hand-over receipt is printed next."
            ).format(code=detail.code),
            self.tr("Result returned"),
            parent,
        )
        self.detail = detail
        self.mode = QComboBox(self)
        self.mode.setObjectName("returnMode")
        self.mode.addItem(self.tr("At the counter"), COUNTER)
        self.mode.addItem(self.tr("By post"), POST)
        self.receiver_kind = QComboBox(self)
        self.receiver_kind.setObjectName("receiverKind")
        self.receiver_kind.addItem(self.tr("The applicant"), ReceiverKind.OWNER.value)
        self.receiver_kind.addItem(self.tr("An authorised person"), ReceiverKind.AUTHORISED.value)
        self.receiver_kind.addItem(self.tr("Someone else"), ReceiverKind.OTHER.value)
        self.receiver = QLineEdit(detail.applicant_name, self)
        limit(self.receiver, limits.SHORT_TEXT)
        self.receiver.setObjectName("receiver")
        self.receiver_id = QLineEdit(detail.applicant_id_number, self)
        limit(self.receiver_id, limits.ID)
        self.receiver_id.setObjectName("receiverId")
        self.authorisation = QLineEdit(self)
        limit(self.authorisation, limits.SHORT_TEXT)
        self.authorisation.setObjectName("authorisation")
        self.authorisation.setPlaceholderText(self.tr("Number and date of the authorisation"))
        self.originals = QPlainTextEdit(self)
        limit(self.originals, limits.REASON)
        self.originals.setObjectName("originalsReturned")
        self.originals.setTabChangesFocus(True)
        self.originals.setFixedHeight(60)
        self.waybill = QLineEdit(self)
        limit(self.waybill, limits.NUMBER)
        self.waybill.setObjectName("waybill")
        if detail.by_post:
            self.form.addRow(self.tr("How"), self.mode)
        else:  # outside the form it sat over the explanation, first in Tab order
            self.mode.hide()
        self.form.addRow(self.tr("Received by"), self.receiver_kind)
        self.form.addRow(self.tr("Full name"), self.receiver)
        self.form.addRow(self.tr("ID number"), self.receiver_id)
        self.form.addRow(self.tr("Authorisation"), self.authorisation)
        self.form.addRow(self.tr("Originals given back"), self.originals)
        self.form.addRow(self.tr("Postal waybill"), self.waybill)
        self.mode.setCurrentIndex(1 if detail.by_post else 0)
        self.receiver_kind.currentIndexChanged.connect(self._kind_changed)
        self.mode.currentIndexChanged.connect(self._enable)
        self._enable()

    def by_post(self) -> bool:
        return bool(self.mode.currentData() == POST)

    def _kind(self) -> ReceiverKind:
        return ReceiverKind(self.receiver_kind.currentData())

    def _kind_changed(self, *_: object) -> None:
        owner = self._kind() is ReceiverKind.OWNER
        self.receiver.setText(self.detail.applicant_name if owner else "")
        self.receiver_id.setText(self.detail.applicant_id_number if owner else "")
        self._enable()

    def _enable(self, *_: object) -> None:
        post = self.by_post()
        for field in (self.receiver_kind, self.receiver, self.receiver_id, self.originals):
            field.setEnabled(not post)
        self.authorisation.setEnabled(not post and self._kind() is ReceiverKind.AUTHORISED)
        self.waybill.setEnabled(post)

    def receiver_value(self) -> Receiver:
        return Receiver(
            self._kind(),
            self.receiver.text().strip(),
            self.receiver_id.text().strip(),
            self.authorisation.text().strip() if self.authorisation.isEnabled() else "",
            self.originals.toPlainText().strip(),
        )

    def problem(self) -> Problem:
        if self.by_post():
            return (
                NO_PROBLEM
                if self.waybill.text().strip()
                else (self.tr("Please enter the waybill."), self.waybill)
            )
        kind = self._kind()
        if kind is not ReceiverKind.OWNER and not self.receiver.text().strip():
            return self.tr("Please enter the name of the person taking the result."), self.receiver
        if kind is not ReceiverKind.OWNER and not self.receiver_id.text().strip():
            return self.tr("Please enter their ID number."), self.receiver_id
        if kind is ReceiverKind.AUTHORISED and not self.authorisation.text().strip():
            return self.tr("Please enter the authorisation's number and date."), self.authorisation
        return NO_PROBLEM


class DeliveredDialog(_ActionDialog):
    """The post delivered the result it was handed (status stays 10): the day it did, and a note."""

    def __init__(self, detail: DossierDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Delivered by the post"),
            self.tr(
                "Record the day the post delivered the result of dossier {code}, handed to the post on {day}."
            ).format(
                code=detail.code, day=f"{detail.with_post_since:%d/%m/%Y}" if detail.with_post_since else ""
            ),
            self.tr("Record the delivery"),
            parent,
        )
        self.posted_on = detail.with_post_since.date() if detail.with_post_since else None
        today = now_local().date()
        self.day = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day.setObjectName("deliveredOn")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        self.note = QLineEdit(self)
        self.note.setObjectName("deliveryNote")
        limit(self.note, limits.REASON)
        self.note.setPlaceholderText(self.tr("Optional, e.g. who signed for it"))
        self.form.addRow(self.tr("Delivered on"), self.day)
        self.form.addRow(self.tr("Note"), self.note)

    def showEvent(self, event: QShowEvent) -> None:
        """The date is filled in: the cursor starts in the note (Shift+Tab reaches the date)."""
        super().showEvent(event)
        if not event.spontaneous():
            self.note.setFocus(Qt.FocusReason.TabFocusReason)

    def delivered_on(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def values(self) -> dict[str, Any]:
        """The service's keyword arguments (`desktop.services.result.record_delivery`)."""
        return {"delivered_at": self.delivered_on(), "note": self.note.text().strip()}

    def problem(self) -> Problem:
        day, today = self.delivered_on(), now_local().date()
        if day > today:
            return self.tr("The delivery day cannot be after today ({today}).").format(
                today=f"{today:%d/%m/%Y}"
            ), self.day
        if self.posted_on is not None and day < self.posted_on:
            return self.tr("The post cannot have delivered it before it was handed over on {day}.").format(
                day=f"{self.posted_on:%d/%m/%Y}"
            ), self.day
        return NO_PROBLEM

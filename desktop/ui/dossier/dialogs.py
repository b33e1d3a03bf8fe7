"""The small dialogs of the dossier actions: each collects what its service needs and is the confirmation.

Every dialog is opened window-modally (`open()`) by the dossier view, which runs the service when it is
accepted. Each opens with the cursor in its first input field (Tab goes through the fields in order, then
OK, Cancel). `accept()` refuses while a required field is empty: the red line under the form says what is
missing (in Vietnamese) and the cursor goes to that field, so Enter or Space on OK never submits an empty
form.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core import limits
from desktop.core.appointment import parse_manual_due
from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ, now_local
from desktop.services.dossier_detail import DossierDetail
from desktop.services.intake import MissingItem
from desktop.ui.form_helpers import error_label, show_inline_error
from desktop.ui.text_limit import limit

Problem = tuple[str, QWidget | None]  # what to correct ("" when nothing) and the field to correct it in
NO_PROBLEM: Problem = ("", None)


class _ActionDialog(QDialog):
    """Title, a short explanation, a form, an error line, OK/Cancel."""

    def __init__(self, title: str, explanation: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        intro = QLabel(explanation, self)
        intro.setWordWrap(True)
        self.form = QFormLayout()
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        ok.setObjectName("okButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def fields(self) -> list[QWidget]:
        """The form's input fields, top to bottom (labels and other widgets without Tab focus left out)."""
        found = []
        for row in range(self.form.rowCount()):
            for role in (QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole):
                item = self.form.itemAt(row, role)
                widget = item.widget() if item is not None else None
                if widget is not None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    found.append(widget)
        return found

    def showEvent(self, event: QShowEvent) -> None:
        """Tab follows the form then OK, Cancel; the cursor starts in the first field, not on OK."""
        buttons = (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel)
        chain = [*self.fields(), *(self.buttons.button(which) for which in buttons)]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        start = next((field for field in self.fields() if field.isEnabled()), None)
        if start is not None and not event.spontaneous():
            start.setFocus(Qt.FocusReason.TabFocusReason)
        super().showEvent(event)

    def problem(self) -> Problem:
        """What is still missing and where (`NO_PROBLEM` when the dialog may be accepted)."""
        return NO_PROBLEM

    def accept(self) -> None:
        message, field = self.problem()
        show_inline_error(self.error, message, field)
        if not message:
            super().accept()


class ReasonDialog(_ActionDialog):
    """Refuse (form 03) or stop processing (form 05): a required reason."""

    def __init__(self, title: str, explanation: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(title, explanation, ok_text, parent)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        limit(self.reason, limits.REASON)
        self.form.addRow(self.tr("Reason"), self.reason)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def problem(self) -> Problem:
        return NO_PROBLEM if self.reason_text() else (self.tr("Please enter the reason."), self.reason)


class SupplementDialog(ReasonDialog):
    """Form 02: tick the papers to supplement (or add one by name), and the reason."""

    def __init__(self, detail: DossierDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Request a supplement"),
            self.tr(
                "Tick the papers the applicant must supplement or complete. The legal clock stops until "
                "they are brought; form 02 is printed next."
            ),
            self.tr("Request supplement"),
            parent,
        )
        self.documents = QListWidget(self)
        self.documents.setObjectName("missingDocuments")
        self.documents.setWordWrap(True)  # long official paper names stay readable
        self.setMinimumWidth(680)
        for line in detail.lines:
            item = QListWidgetItem(f"{line.number}. {line.name}", self.documents)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, line.number)
        self.other = QLineEdit(self)
        limit(self.other, limits.DOCUMENT_NAME)
        self.other.setObjectName("otherDocument")
        self.other.setPlaceholderText(self.tr("Another paper, not in the list (optional)"))
        self.form.insertRow(0, self.tr("Papers"), self.documents)
        self.form.insertRow(1, self.tr("Other paper"), self.other)

    def set_checked(self, number: int, checked: bool = True) -> None:
        for row in range(self.documents.count()):
            item = self.documents.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == number:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def missing(self) -> list[MissingItem]:
        reason = self.reason_text()
        items = [
            MissingItem(reason, position=int(item.data(Qt.ItemDataRole.UserRole)))
            for item in (self.documents.item(row) for row in range(self.documents.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]
        if self.other.text().strip():
            items.append(MissingItem(reason, name=self.other.text().strip()))
        return items

    def problem(self) -> Problem:
        if not self.missing():
            return self.tr("Tick at least one paper, or name another one."), self.documents
        return super().problem()


def _qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


class ExtendDialog(ReasonDialog):
    """Form 04: a new appointment (suggested in working days after the current one, or chosen) and why."""

    def __init__(self, detail: DossierDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Apologise and extend"),
            self.tr("Propose a new appointment and give the reason for the delay; form 04 is printed next."),
            self.tr("Extend"),
            parent,
        )
        self.current = detail.due_at
        self.choices = QComboBox(self)
        self.choices.setObjectName("extensionChoice")
        for days, moment in enumerate(detail.extension_choices, start=1):
            self.choices.addItem(
                self.tr("%n working day(s) later: ", "", days) + moment.strftime("%H:%M %d/%m/%Y"), moment
            )
        self.choices.addItem(self.tr("Another date"), None)
        self.new_due = QDateTimeEdit(self)
        self.new_due.setObjectName("newDue")
        self.new_due.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.new_due.setCalendarPopup(True)
        self.choices.currentIndexChanged.connect(self._choice_changed)
        if detail.due_at is not None:
            self.form.insertRow(
                0, self.tr("Current appointment"), QLabel(detail.due_at.strftime("%H:%M %d/%m/%Y"))
            )
        self.form.insertRow(1, self.tr("New appointment"), self.choices)
        self.form.insertRow(2, "", self.new_due)
        self.choices.setCurrentIndex(min(1, self.choices.count() - 1))
        self._choice_changed()

    def _choice_changed(self, *_: object) -> None:
        moment = self.choices.currentData()
        if isinstance(moment, datetime):
            self.new_due.setDateTime(_qdatetime(moment))
        elif self.current is not None and self.new_due.dateTime() < _qdatetime(self.current):
            self.new_due.setDateTime(_qdatetime(self.current))
        self.new_due.setEnabled(not isinstance(moment, datetime))

    def new_due_at(self) -> datetime:
        value = self.new_due.dateTime()
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=VN_TZ)

    def problem(self) -> Problem:
        if self.current is not None and self.new_due_at() <= self.current:
            field = self.new_due if self.new_due.isEnabled() else self.choices
            return self.tr("The new appointment must be after the current one."), field
        return super().problem()


class ApologyDialog(ReasonDialog):
    """The late apology (form 04): why the result is late, who signs, how it was sent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Late apology"),
            self.tr(
                "The result comes after the appointment: record the written apology to the applicant "
                "(the return needs it); form 04 is printed next."
            ),
            self.tr("Record the apology"),
            parent,
        )
        self.signer = QLineEdit(self)
        limit(self.signer, limits.SHORT_TEXT)
        self.signer.setObjectName("signer")
        self.signer.setPlaceholderText(self.tr("Name and title of the head who signs"))
        self.form.addRow(self.tr("Signed by"), self.signer)
        self.sent_via = QComboBox(self)
        self.sent_via.setObjectName("sentVia")
        for value, text in (
            ("paper", self.tr("On paper")),
            ("sms", self.tr("SMS")),
            ("email", self.tr("E-mail")),
            ("zalo", self.tr("Zalo")),
        ):
            self.sent_via.addItem(text, value)
        self.form.addRow(self.tr("Sent by"), self.sent_via)

    def values(self) -> tuple[str, str, str]:
        return self.reason_text(), self.signer.text().strip(), str(self.sent_via.currentData())

    def problem(self) -> Problem:
        if not self.reason_text():
            return super().problem()
        if not self.signer.text().strip():
            return self.tr("Please enter who signs the apology."), self.signer
        return NO_PROBLEM


class HandOverDialog(_ActionDialog):
    """Hand the dossier to the processing body (status 4; the control slip 06 is printed next)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Hand over for processing"),
            self.tr(
                "Name the office or officer who takes the dossier; the process control slip is printed next."
            ),
            self.tr("Hand over"),
            parent,
        )
        self.unit = QLineEdit(self)
        limit(self.unit, limits.BODY)
        self.unit.setObjectName("processingUnit")
        self.receiver = QLineEdit(self)
        limit(self.receiver, limits.BODY)
        self.receiver.setObjectName("receiver")
        self.form.addRow(self.tr("Processing office"), self.unit)
        self.form.addRow(self.tr("Received by"), self.receiver)

    def problem(self) -> Problem:
        if self.unit.text().strip():
            return NO_PROBLEM
        return self.tr("Please name the processing office."), self.unit


class RegisterRangeDialog(_ActionDialog):
    """Form 07: the tracking register over a range of receiving dates (this month by default)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Print the tracking register"),
            self.tr("Dossiers received between these two dates (inclusive) are listed."),
            self.tr("Preview"),
            parent,
        )
        today = now_local().date()
        self.date_from = QDateEdit(QDate(today.year, today.month, 1), self)
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit, name in ((self.date_from, "dateFrom"), (self.date_to, "dateTo")):
            edit.setObjectName(name)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.form.addRow(self.tr("From"), self.date_from)
        self.form.addRow(self.tr("To"), self.date_to)

    def range(self) -> tuple[date, date]:
        a, b = self.date_from.date(), self.date_to.date()
        return date(a.year(), a.month(), a.day()), date(b.year(), b.month(), b.day())

    def problem(self) -> Problem:
        first, last = self.range()
        if last < first:
            return self.tr("The end date must not be before the start date."), self.date_to
        return NO_PROBLEM


class EndOfDayDialog(_ActionDialog):
    """The end-of-day sheet: the day to print (today by default)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Print the end-of-day sheet"),
            self.tr(
                "The day's dossiers received, handed over and returned, fees, scans, and whether everything"
                " has reached the province."
            ),
            self.tr("Preview"),
            parent,
        )
        today = now_local().date()
        self.day_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day_edit.setObjectName("day")
        self.day_edit.setDisplayFormat("dd/MM/yyyy")
        self.day_edit.setCalendarPopup(True)
        self.form.addRow(self.tr("Day"), self.day_edit)

    def day(self) -> date:
        chosen = self.day_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())


def _amount(text: str) -> int | None:
    """A typed amount of VND ('1.250.000'), or None when it is not a positive whole number."""
    from desktop.core.errors import ValidationError
    from desktop.services.obligation import parse_amount

    try:
        return parse_amount(text)
    except ValidationError:
        return None


class ObligationDialog(_ActionDialog):
    """The body's notice of a financial obligation (status 4 → 6): number, body, amount, dates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Financial obligation"),
            self.tr(
                "Copy the notice of the tax office or issuing body: the dossier waits for the payment "
                "(the legal clock keeps running)."
            ),
            self.tr("Record the notice"),
            parent,
        )
        today = now_local().date()
        self.notice = QLineEdit(self)
        limit(self.notice, limits.NUMBER)
        self.notice.setObjectName("noticeNumber")
        self.body = QLineEdit(self)
        limit(self.body, limits.BODY)
        self.body.setObjectName("issuingBody")
        self.amount = QLineEdit(self)
        limit(self.amount, limits.NUMBER, counter=False)
        self.amount.setObjectName("amount")
        self.amount.setPlaceholderText("1.250.000")
        self.notice_date = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.notice_date.setObjectName("noticeDate")
        self.pay_by = QDateEdit(QDate(today.year, today.month, today.day).addDays(10), self)
        self.pay_by.setObjectName("payBy")
        for edit in (self.notice_date, self.pay_by):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.form.addRow(self.tr("Notice number"), self.notice)
        self.form.addRow(self.tr("Issued by"), self.body)
        self.form.addRow(self.tr("Amount (VND)"), self.amount)
        self.form.addRow(self.tr("Notice date"), self.notice_date)
        self.form.addRow(self.tr("Pay by"), self.pay_by)

    @staticmethod
    def _day(edit: QDateEdit) -> date:
        value = edit.date()
        return date(value.year(), value.month(), value.day())

    def values(self) -> tuple[str, str, int, date, date]:
        """(notice number, issuing body, amount, notice date, pay-by date), once `problem()` is clear."""
        amount = _amount(self.amount.text()) or 0
        return (
            self.notice.text(),
            self.body.text(),
            amount,
            self._day(self.notice_date),
            self._day(self.pay_by),
        )

    def problem(self) -> Problem:
        if not self.notice.text().strip():
            return self.tr("Please enter the notice number."), self.notice
        if not self.body.text().strip():
            return self.tr("Please name the body that issued the notice."), self.body
        if _amount(self.amount.text()) is None:
            return self.tr("The amount must be a positive whole number of dong."), self.amount
        if self._day(self.pay_by) < self._day(self.notice_date):
            return self.tr("The pay-by date must not be before the notice date."), self.pay_by
        return NO_PROBLEM


class ObligationMetDialog(_ActionDialog):
    """The applicant paid the obligation (status 6 → 4): the payment document, the amount, where."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Financial obligation met"),
            self.tr(
                "Enter the number of the payment document (receipt, payment order); the dossier goes back "
                "to processing. Leave the amount empty when it is the notice's."
            ),
            self.tr("Record the payment"),
            parent,
        )
        self.document = QLineEdit(self)
        limit(self.document, limits.NUMBER)
        self.document.setObjectName("documentNumber")
        self.amount = QLineEdit(self)
        limit(self.amount, limits.NUMBER, counter=False)
        self.amount.setObjectName("amount")
        self.place = QLineEdit(self)
        limit(self.place, limits.BODY)
        self.place.setObjectName("place")
        self.form.addRow(self.tr("Payment document"), self.document)
        self.form.addRow(self.tr("Amount paid (VND)"), self.amount)
        self.form.addRow(self.tr("Paid at (place)"), self.place)

    def values(self) -> tuple[str, int | None, str]:
        """(document number, amount or None for the notice's, place)."""
        return self.document.text(), _amount(self.amount.text()), self.place.text()

    def problem(self) -> Problem:
        if not self.document.text().strip():
            return self.tr("Please enter the number of the payment document."), self.document
        if self.amount.text().strip() and _amount(self.amount.text()) is None:
            return self.tr("The amount must be a positive whole number of dong."), self.amount
        return NO_PROBLEM


class AppointmentDialog(_ActionDialog):
    """Accepting an online submission whose procedure has no confirmed time limit (issue 22): the officer
    types the appointment's date and time; nothing is suggested."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Appointment"),
            self.tr(
                "The time limit of this procedure is not confirmed in the catalogue: enter the appointment "
                "date and time agreed with the applicant. The dossier is then received and the receipt printed."
            ),
            self.tr("Accept"),
            parent,
        )
        self.due_date = QLineEdit(self)
        limit(self.due_date, 10, counter=False)
        self.due_date.setObjectName("dueDate")
        self.due_date.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.due_time = QLineEdit(self)
        limit(self.due_time, 5, counter=False)
        self.due_time.setObjectName("dueTime")
        self.due_time.setPlaceholderText(self.tr("hh:mm"))
        self.form.addRow(self.tr("Appointment date"), self.due_date)
        self.form.addRow(self.tr("Appointment time"), self.due_time)

    def due_at(self) -> datetime | None:
        try:
            return parse_manual_due(self.due_date.text(), self.due_time.text())
        except ValidationError:
            return None

    def problem(self) -> Problem:
        try:
            due = parse_manual_due(self.due_date.text(), self.due_time.text())
        except ValidationError as exc:
            return str(exc), self.due_time if self.due_date.text().strip() else self.due_date
        if due is None:
            return self.tr("Please enter the appointment date and time."), self.due_date
        return NO_PROBLEM

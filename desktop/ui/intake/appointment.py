"""The live appointment line of the intake view, and its warning when the official schedule is unknown.

The appointment a dossier received now would get is recomputed when the procedure changes and every 30
seconds. When the receipt or the appointment falls in a year without an official civil-service schedule
(`WorkCalendar.covers`), a warning under it says the date counts only the statutory holidays. Outside office
hours (before opening, at lunch, after closing, on a day off) another warning says so and from which
session the appointment counts (`appointment.counting_starts`; issue 21 item 6).

A procedure whose time limit the catalogue leaves unconfirmed (issue 22) gets no computed appointment:
"Time limit not confirmed" shows in its place, with what the catalogue says, and the officer types the
appointment's date and time (nothing is suggested); an administrator can confirm the limit from here
(`confirm_requested`, `desktop/ui/time_limit_dialog.py`).
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.core.appointment import counting_starts, parse_manual_due
from desktop.core.timeutil import now_local
from desktop.services.intake_lookup import IntakeContext, ProcedureChoice
from desktop.ui.intake.fields import ERROR_STYLE


class AppointmentBox(QWidget):
    """The "Appointment if received now" line and, when needed, the schedule warning; for a procedure
    without a confirmed time limit, the officer's appointment instead."""

    confirm_requested = Signal(str)  # the procedure's code: an administrator confirms its limit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.manual = QWidget(self)
        self.manual.setObjectName("manualAppointment")
        self.due_date = QLineEdit(self.manual)
        self.due_date.setObjectName("dueDate")
        self.due_date.setMaxLength(10)
        self.due_date.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.due_time = QLineEdit(self.manual)
        self.due_time.setObjectName("dueTime")
        self.due_time.setMaxLength(5)
        self.due_time.setPlaceholderText(self.tr("hh:mm"))
        self.confirm_button = QPushButton(self.tr("&Confirm the time limit…"), self.manual)
        self.confirm_button.setObjectName("confirmTimeLimit")
        self.confirm_button.setVisible(False)
        self.confirm_button.clicked.connect(self._confirm)
        date_label = QLabel(self.tr("Appointment date"), self.manual)
        date_label.setBuddy(self.due_date)
        time_label = QLabel(self.tr("time"), self.manual)
        time_label.setBuddy(self.due_time)
        row = QHBoxLayout(self.manual)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (date_label, self.due_date, time_label, self.due_time):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.confirm_button)
        self.manual.hide()
        self.due_message = QLabel(self)
        self.due_message.setObjectName("msg:due")
        self.due_message.setStyleSheet(ERROR_STYLE)
        self.due_message.setWordWrap(True)
        self.due_message.hide()
        self._code = ""
        self.admin = False
        self.label = QLabel(self)
        self.label.setObjectName("appointment")
        self.label.setWordWrap(True)  # "…17:00, Thứ Ba 01/12/2026 (Trong ngày (nhận trước 15:00))" is long
        self.warning = QLabel(self)
        self.warning.setObjectName("scheduleWarning")
        self.warning.setStyleSheet(ERROR_STYLE)
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.outside_hours = QLabel(self)
        self.outside_hours.setObjectName("outsideHoursWarning")
        self.outside_hours.setStyleSheet(ERROR_STYLE)
        self.outside_hours.setWordWrap(True)
        self.outside_hours.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.manual)
        layout.addWidget(self.due_message)
        layout.addWidget(self.outside_hours)
        layout.addWidget(self.warning)

    def text(self) -> str:
        return self.label.text()

    def clear(self) -> None:
        self.label.clear()
        self.label.setStyleSheet("")
        self.manual.hide()
        self.show_error("")
        for warning in (self.warning, self.outside_hours):
            warning.clear()
            warning.hide()

    @property
    def needs_entry(self) -> bool:
        """Whether the officer must give the appointment (the procedure's limit is not confirmed)."""
        return not self.manual.isHidden()

    def entered_due(self) -> datetime | None:
        """The appointment typed (None: nothing typed); a Vietnamese ValidationError for a malformed one."""
        return parse_manual_due(self.due_date.text(), self.due_time.text())

    def reset_entry(self) -> None:
        """A new citizen, or another procedure: nothing typed, no message."""
        self.due_date.clear()
        self.due_time.clear()
        self.show_error("")

    def show_error(self, text: str) -> None:
        self.due_message.setText(text)
        self.due_message.setVisible(bool(text))

    def _confirm(self) -> None:
        if self._code:
            self.confirm_requested.emit(self._code)

    def _when(self, moment: datetime) -> tuple[str, str, str]:
        return moment.strftime("%H:%M"), QLocale().dayName(moment.isoweekday()), moment.strftime("%d/%m/%Y")

    def refresh(self, context: IntakeContext | None, choice: ProcedureChoice | None) -> None:
        if choice is None or context is None:
            self._code = ""
            self.clear()
            return
        if not choice.time_confirmed:
            self._unconfirmed(choice)
            return
        self.manual.hide()
        self.show_error("")
        self.label.setStyleSheet("")
        received = now_local()
        due = context.due_for(choice.code, received)
        if due is None:
            self.clear()
            return
        time, day, date = self._when(due)
        self.label.setText(
            self.tr("Appointment if received now: <b>{time}, {day} {date}</b> ({rule})").format(
                time=time, day=day, date=date, rule=choice.rule.label()
            )
        )
        self._outside_hours(counting_starts(received, context.calendar, context.hours))
        year = context.calendar.uncovered_year(received.date(), due.date())
        if year is None:
            self.warning.clear()
            self.warning.hide()
            return
        self.warning.setText(
            self.tr(
                "No official day-off schedule for {year} yet: the appointment counts only the statutory "
                "holidays; please check it."
            ).format(year=year)
        )
        self.warning.show()

    def _unconfirmed(self, choice: ProcedureChoice) -> None:
        """No appointment is computed: say so where it would be, and ask for it."""
        if choice.code != self._code:
            self.reset_entry()
        self._code = choice.code
        said = html.escape(choice.time_text.strip()) or self.tr("no time limit given")
        self.label.setStyleSheet(ERROR_STYLE)
        self.label.setText(
            self.tr(
                "<b>Time limit not confirmed</b> (the catalogue says: {said}). Enter the appointment date and "
                "time agreed with the applicant."
            ).format(said=said)
        )
        self.confirm_button.setVisible(self.admin)
        self.manual.show()
        for warning in (self.warning, self.outside_hours):
            warning.clear()
            warning.hide()

    def _outside_hours(self, starts: datetime | None) -> None:
        if starts is None:
            self.outside_hours.clear()
            self.outside_hours.hide()
            return
        time, day, date = self._when(starts)
        self.outside_hours.setText(
            self.tr(
                "Outside working hours: the appointment counts from the next working session, {time}, {day} "
                "{date}."
            ).format(time=time, day=day, date=date)
        )
        self.outside_hours.show()

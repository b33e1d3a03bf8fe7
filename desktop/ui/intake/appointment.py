"""The live appointment line of the intake view, and its warning when the official schedule is unknown.

The appointment a dossier received now would get is recomputed when the procedure changes and every 30
seconds. When the receipt or the appointment falls in a year without an official civil-service schedule
(`WorkCalendar.covers`), a warning under it says the date counts only the statutory holidays. Outside office
hours (before opening, at lunch, after closing, on a day off) another warning says so and from which
session the appointment counts (`appointment.counting_starts`; issue 21 item 6).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.core.appointment import counting_starts
from desktop.core.timeutil import now_local
from desktop.services.intake_lookup import IntakeContext, ProcedureChoice
from desktop.ui.intake.fields import ERROR_STYLE


class AppointmentBox(QWidget):
    """The "Appointment if received now" line and, when needed, the schedule warning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        layout.addWidget(self.outside_hours)
        layout.addWidget(self.warning)

    def text(self) -> str:
        return self.label.text()

    def clear(self) -> None:
        self.label.clear()
        for warning in (self.warning, self.outside_hours):
            warning.clear()
            warning.hide()

    def _when(self, moment: datetime) -> tuple[str, str, str]:
        return moment.strftime("%H:%M"), QLocale().dayName(moment.isoweekday()), moment.strftime("%d/%m/%Y")

    def refresh(self, context: IntakeContext | None, choice: ProcedureChoice | None) -> None:
        if choice is None or context is None:
            self.clear()
            return
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

"""The live appointment line of the intake view, and its warning when the official schedule is unknown.

The appointment a dossier received now would get is recomputed when the procedure changes and every 30
seconds. When the receipt or the appointment falls in a year without an official civil-service schedule
(`WorkCalendar.covers`), a warning under it says the date counts only the statutory holidays.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.warning)

    def text(self) -> str:
        return self.label.text()

    def clear(self) -> None:
        self.label.clear()
        self.warning.clear()
        self.warning.hide()

    def refresh(self, context: IntakeContext | None, choice: ProcedureChoice | None) -> None:
        if choice is None or context is None:
            self.clear()
            return
        received = now_local()
        due = context.due_for(choice.code, received)
        if due is None:
            self.clear()
            return
        self.label.setText(
            self.tr("Appointment if received now: <b>{time}, {day} {date}</b> ({rule})").format(
                time=due.strftime("%H:%M"),
                day=QLocale().dayName(due.isoweekday()),
                date=due.strftime("%d/%m/%Y"),
                rule=choice.rule.label(),
            )
        )
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

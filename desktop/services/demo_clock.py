"""Moments of the demo dossiers' lives on the office time line, so they fall inside office hours.

A position is office time in microseconds from the calendar's first working day, as the legal clock counts
it (`desktop.core.appointment`): only working days, only inside the unit's sessions.
"""

from __future__ import annotations

from datetime import datetime

from desktop.core.appointment import OfficeHours
from desktop.core.calendar import WorkCalendar
from desktop.core.timeutil import VN_TZ, as_local

HOUR_US = 3_600_000_000


def office_position(calendar: WorkCalendar, hours: OfficeHours, moment: datetime) -> int:
    """Office time up to `moment`; outside office hours counts as the next office moment."""
    local = as_local(moment)
    index = calendar.working_day_index(local.date())
    if not calendar.is_working_day(local.date()):
        return index * hours.day_length
    return index * hours.day_length + hours.offset_of(local.time())


def office_moment(calendar: WorkCalendar, hours: OfficeHours, position: int, late: bool = True) -> datetime:
    """The local time at an office-time position: always inside a session of a working day (`late`: at a
    day's boundary the next working day's opening, else the previous one's closing)."""
    index, offset = divmod(position, hours.day_length)
    if offset == 0 and not late:
        index, offset = index - 1, hours.day_length
    day = calendar.day_at_index(index)
    return datetime.combine(day, hours.time_at(offset, late), VN_TZ)

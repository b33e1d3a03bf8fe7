"""The officer's worklists (lifecycle §5): their names, and the moments each definition is measured against.

`current_due` = `extended_due_at`, else `due_at`. The clock runs in statuses 2, 4 and 6 (`CLOCK_RUNNING`);
status 5 is on no clock list. With `now` and `today` from the (server-corrected) clock:

| name | definition |
| --- | --- |
| `to-hand-over` | status `received`; late when now is past the hand-over deadline (`handover_deadline`) |
| `due-today` | clock running, now ≤ `current_due` < tomorrow 00:00 |
| `due-soon` | clock running, now ≤ `current_due` < the day after the N-th working day after today (N = 3; includes `due-today`) |
| `overdue` | clock running, `current_due` < now (never overlaps `due-today`) |
| `waiting-supplement` | status `supplement_requested`; working days waited since the request |
| `financial` | status `financial_obligation` |
| `ready` | status `result_ready`; working days waited since the result was ready |
| `returned-today` | status `returned`, today 00:00 ≤ `returned_at` < tomorrow 00:00 |
| `online-waiting` | status `registered` (submitted on the public portal, not yet accepted or refused); working days waited since submission |
| `needs-review` | flagged "Cần xem lại" (`review_note`: a step from the province or another workstation the rules could not settle), any status |

Every list is sorted by `current_due`, oldest first (`online-waiting`, with no appointment yet: in order of arrival). This module is pure: the store runs the queries
(`desktop.store.worklists`), the service (`desktop.services.worklists`) supplies the calendar and the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from desktop.core.errors import ValidationError
from desktop.core.status import CLOCK_RUNNING, Status
from desktop.core.timeutil import VN_TZ, as_local

if TYPE_CHECKING:  # the main window names the lists at start-up, before the calendar (holidays) is loaded
    from desktop.core.appointment import OfficeHours
    from desktop.core.calendar import WorkCalendar

DUE_SOON_DAYS = 3  # `due_soon_days` (lifecycle §5: 1–3, default 3)
HANDOVER_CUTOFF = time(15, 0)  # `handover_cutoff` (lifecycle §2, §8 [U])


class Worklist(StrEnum):
    TO_HAND_OVER = "to-hand-over"
    DUE_TODAY = "due-today"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    WAITING_SUPPLEMENT = "waiting-supplement"
    FINANCIAL = "financial"
    READY = "ready"
    RETURNED_TODAY = "returned-today"
    ONLINE_WAITING = "online-waiting"
    NEEDS_REVIEW = "needs-review"


# the tab's Vietnamese name (lifecycle §5), printed by `motcua worklist`
TITLES_VI: dict[Worklist, str] = {
    Worklist.TO_HAND_OVER: "Chờ chuyển xử lý",
    Worklist.DUE_TODAY: "Đến hạn hôm nay",
    Worklist.DUE_SOON: "Sắp đến hạn",
    Worklist.OVERDUE: "Quá hạn",
    Worklist.WAITING_SUPPLEMENT: "Chờ bổ sung",
    Worklist.FINANCIAL: "Chờ nghĩa vụ tài chính",
    Worklist.READY: "Có kết quả – chờ trả",
    Worklist.RETURNED_TODAY: "Đã trả hôm nay",
    Worklist.ONLINE_WAITING: "Chờ tiếp nhận trực tuyến",
    Worklist.NEEDS_REVIEW: "Cần xem lại",
}

# the statuses whose legal clock runs (lifecycle: 2, 4, 6 unless `pause_on_financial_obligation`)
CLOCK_LIST_STATUSES = tuple(sorted(CLOCK_RUNNING, key=lambda s: s.value))
# lists of one status
STATUS_OF: dict[Worklist, Status] = {
    Worklist.TO_HAND_OVER: Status.RECEIVED,
    Worklist.WAITING_SUPPLEMENT: Status.SUPPLEMENT_REQUESTED,
    Worklist.FINANCIAL: Status.FINANCIAL_OBLIGATION,
    Worklist.READY: Status.RESULT_READY,
    Worklist.RETURNED_TODAY: Status.RETURNED,
    Worklist.ONLINE_WAITING: Status.REGISTERED,
}


def parse_worklist(name: str) -> Worklist:
    """The worklist called `name`; a Vietnamese ValidationError listing the valid names otherwise."""
    try:
        return Worklist(name.strip())
    except ValueError:
        valid = ", ".join(w.value for w in Worklist)
        raise ValidationError(
            f"Không có danh sách công việc '{name}'. Các danh sách: {valid}.", "worklist"
        ) from None


@dataclass(frozen=True)
class Moments:
    """The bounds the definitions compare `current_due` and `returned_at` with, for one `now`."""

    now: datetime
    today: date
    tomorrow: datetime  # today's end (00:00 of the next day)
    start_of_today: datetime
    due_soon_end: datetime  # 00:00 after the N-th working day after today


def moments(now: datetime, calendar: WorkCalendar, due_soon_days: int = DUE_SOON_DAYS) -> Moments:
    local = as_local(now)
    today = local.date()
    start = datetime.combine(today, time(0), VN_TZ)
    last = calendar.add_working_days(today, due_soon_days)
    return Moments(
        now=local,
        today=today,
        tomorrow=start + timedelta(days=1),
        start_of_today=start,
        due_soon_end=datetime.combine(last + timedelta(days=1), time(0), VN_TZ),
    )


def handover_deadline(
    received_at: datetime, calendar: WorkCalendar, hours: OfficeHours, cutoff: time = HANDOVER_CUTOFF
) -> datetime:
    """When a received dossier should have been handed over (lifecycle §2 Hand over): by the close of the
    working day it was received, or by the end of the next working morning when it was received after the
    cut-off (15:00 itself is in time) or at or after closing time. Received on a day off: by the close of
    the next working day."""
    local = as_local(received_at)
    day = local.date()
    if not calendar.is_working_day(day):
        return datetime.combine(calendar.next_working_day(day), hours.end, VN_TZ)
    if local.time() > min(cutoff, hours.end) or local.time() >= hours.end:
        morning_end = hours.sessions[0][1]
        return datetime.combine(calendar.next_working_day(day), morning_end, VN_TZ)
    return datetime.combine(day, hours.end, VN_TZ)


def working_days_since(start: datetime, today: date, calendar: WorkCalendar) -> int:
    """Working days from the day of `start` to `today`: 0 on the same day, 1 on the next working day …"""
    first = as_local(start).date()
    if today <= first:
        return 0
    return max(
        0, calendar.working_day_index(today + timedelta(days=1)) - calendar.working_day_index(first) - 1
    )


def next_boundary(now: datetime, hours: OfficeHours, cutoff: time = HANDOVER_CUTOFF) -> datetime:
    """The next moment after `now` at which a list can change by the clock alone, not counting appointments
    passing: midnight (today, tomorrow), the opening and closing of a session, the hand-over cut-off."""
    local = as_local(now)
    day = local.date()
    marks = sorted({t for session in hours.sessions for t in session} | {cutoff})
    for mark in marks:
        moment = datetime.combine(day, mark, VN_TZ)
        if moment > local:
            return moment
    return datetime.combine(day + timedelta(days=1), time(0), VN_TZ)

"""The appointment (ngày hẹn trả kết quả): receipt time + processing time over the working calendar.

Semantics (domain §4), decided here and stored with each dossier as `Dossier.time_rule`
(`time_rule_record`) next to `Dossier.calendar_version`:

* **Office time.** The clock runs only inside the unit's office hours (`OfficeHours`, default 07:30–11:30
  and 13:30–17:00) on working days of the `WorkCalendar`. Every instant maps to a position on this office
  time line (microseconds of office time); an instant outside office hours maps to the next session start.
* **Start.** The clock starts at the receipt of the complete dossier (`received_at`). Received inside a
  session, it starts at once; received before a session, during the lunch break, after hours or on a day off,
  it starts at the next session start.
* **"days"** — N working days: the same clock time N working days later (a working day is one day of office
  time, so 1.5 days from 07:30 is 11:15 the next working day). When the result falls exactly on a session
  boundary the later side is shown: received 07:30 Monday + 1 day = 07:30 Tuesday, not 17:00 Monday;
  received 12:10 (lunch) + 2 days = 13:30 two working days later.
* **"hours"** — N working hours consume N hours of office time; a result on a boundary is shown on the
  earlier side (the end of a session: 15:00 + 2 hours = 17:00 the same day, not 07:30 the next).
* **"sameday"** (certification, civil-status copies: Decree 23/2015 art. 21) — received on a working day
  by the cut-off (`ProcessingTime.cutoff`, e.g. 15:00, itself included; none means the end of office
  hours): due at the end of that day's office hours; received after the cut-off (or at or after closing
  time), or on a day off: the end of the next working day's office hours. The amount is 0 (up to 1 is accepted and read the same way).
* **"caldays"** — N calendar days ("Ngày" in the national database; Civil Code 2015 arts. 147–148, domain §4):
  counted from the day after the receipt (whatever its hour, a day off included), the period ends at the end of
  the N-th day (the close of office hours); when that day is a weekly rest day, a holiday or a swapped day off,
  at the end of the next working day. A pause moves the last day by the calendar days it spans (from the day it
  begins to the day it ends; overlapping pauses count once, a pause after the appointment changes nothing).
  Received Friday 09:00 + 1 day: Saturday is off, so the end of Monday; + 0 days: the end of the receipt day.
* **Pauses** (supplement requests): the office time inside each pause after the start, and before the
  clock ran out, does not count, so a pause of k working days moves the appointment by exactly k working
  days. Overlapping pauses count once.
* **Pauses of a "sameday" procedure** do not add their minutes to the end of the day (that would move a
  one-minute pause to the next morning). The supplement completes the dossier, and the same-day rule counts
  from the receipt of the complete dossier (domain §4: the clock restarts when it is complete), so the
  rule is applied again at the end of each pause that begins before the appointment: resumed on a working
  day by the cut-off (and before closing time), the appointment is the end of that day's office hours;
  resumed after the cut-off, after hours or on a day off, the end of the next working day's. The
  appointment never moves earlier: a pause that begins after it (the clock had run out) changes nothing,
  and the later of the two days is kept.
  Received 09:00 (cut-off 15:00), paused 10:00–10:01: still due 17:00 the same day; resumed at 15:20:
  due 17:00 the next working day.
* The result is always an aware +07:00 datetime on a working day inside office hours (session ends
  included), never before the receipt, and monotone in the amount; it is rounded up to the whole minute
  (1.33 hours from 09:00 is 10:20, not 10:19:48).

Hand-written because no library computes business time over a custom calendar with lunch breaks, swapped
Saturdays and pause intervals; the calendar itself is `desktop.core.calendar` over the `holidays` package.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Any, Protocol

from desktop.core.calendar import WorkCalendar
from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ, as_local

UNITS = ("days", "hours", "sameday", "caldays")
MAX_DAYS = 365
MAX_HOURS = MAX_DAYS * 8
_US_PER_SECOND = 1_000_000
_US_PER_MINUTE = 60 * _US_PER_SECOND
_US_PER_HOUR = 3600 * _US_PER_SECOND


def _us(t: time) -> int:
    """Microseconds since midnight."""
    return ((t.hour * 60 + t.minute) * 60 + t.second) * _US_PER_SECOND + t.microsecond


def _from_us(value: int) -> time:
    seconds, micro = divmod(value, _US_PER_SECOND)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return time(hour, minute, second, micro)


def _parse_time(value: Any, field: str) -> time:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError(f"Giờ không hợp lệ: {value!r} (dạng HH:MM).", field) from exc


@dataclass(frozen=True)
class OfficeHours:
    """The sessions of a working day, e.g. morning and afternoon; stored in `Unit.office_hours` JSON."""

    sessions: tuple[tuple[time, time], ...] = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0)))

    def __post_init__(self) -> None:
        if not self.sessions:
            raise ValidationError("Giờ làm việc phải có ít nhất một buổi.", "office_hours")
        previous_end = -1
        for start, end in self.sessions:
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValidationError("Giờ làm việc là giờ địa phương, không kèm múi giờ.", "office_hours")
            if not previous_end <= _us(start) < _us(end):
                raise ValidationError(
                    "Các buổi làm việc phải theo thứ tự, không chồng nhau, giờ bắt đầu trước giờ kết thúc.",
                    "office_hours",
                )
            previous_end = _us(end)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> OfficeHours:
        """Read `{"sessions": [["07:30", "11:30"], ["13:30", "17:00"]]}`; empty or None gives the default."""
        if not data or not data.get("sessions"):
            return cls()
        sessions = tuple(
            (_parse_time(pair[0], "office_hours"), _parse_time(pair[1], "office_hours"))
            for pair in data["sessions"]
        )
        return cls(sessions)

    def to_dict(self) -> dict[str, Any]:
        return {"sessions": [[s.strftime("%H:%M"), e.strftime("%H:%M")] for s, e in self.sessions]}

    @cached_property
    def _bounds(self) -> tuple[tuple[int, int], ...]:
        return tuple((_us(s), _us(e)) for s, e in self.sessions)

    @cached_property
    def day_length(self) -> int:
        """Office time of one working day, in microseconds."""
        return sum(e - s for s, e in self._bounds)

    def offset_of(self, t: time) -> int:
        """Office time elapsed on a working day before the clock time t (0 … day_length)."""
        value = _us(t)
        return sum(min(max(value, s), e) - s for s, e in self._bounds)

    def time_at(self, offset: int, late: bool) -> time:
        """Clock time at an office-time offset; on a session boundary the later (or earlier) side."""
        acc = 0
        bounds = self._bounds
        for i, (s, e) in enumerate(bounds):
            length = e - s
            if offset < acc + length or (offset == acc + length and (not late or i == len(bounds) - 1)):
                return _from_us(s + offset - acc)
            acc += length
        return _from_us(bounds[-1][1])

    def contains(self, t: time) -> bool:
        """Whether t lies inside a session (both ends included)."""
        value = _us(t)
        return any(s <= value <= e for s, e in self._bounds)

    @property
    def end(self) -> time:
        return self.sessions[-1][1]


class _HasProcessingTime(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def time_amount(self) -> float: ...
    @property
    def time_unit(self) -> str: ...
    @property
    def cutoff(self) -> time | None: ...
    @property
    def time_confirmed(self) -> bool: ...


class UnconfirmedTimeLimit(ValidationError):
    """The catalogue does not give this procedure's time limit unambiguously: no appointment is computed."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"Thủ tục {code} có thời hạn giải quyết chưa xác nhận: hãy nhập ngày hẹn trả kết quả "
            "(hoặc quản trị viên xác nhận thời hạn của thủ tục).",
            "due",
        )
        self.code = code


@dataclass(frozen=True)
class ProcessingTime:
    """A procedure's statutory processing time: `amount` in `unit` ("days" | "hours" | "sameday" | "caldays")."""

    amount: float
    unit: str
    cutoff: time | None = None

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValidationError(
                f"Đơn vị thời hạn '{self.unit}' không hợp lệ (days, hours, sameday hoặc caldays).", "unit"
            )
        amount = self.amount
        if not isinstance(amount, int | float) or not math.isfinite(amount):
            raise ValidationError(f"Thời hạn giải quyết không hợp lệ: {amount!r}.", "amount")
        if amount < 0:
            raise ValidationError("Thời hạn giải quyết không được là số âm.", "amount")
        if self.unit == "days" and amount > MAX_DAYS:
            raise ValidationError(
                f"Thời hạn {amount:g} ngày làm việc là bất thường (tối đa {MAX_DAYS}).", "amount"
            )
        if self.unit == "caldays" and (amount > MAX_DAYS or amount != int(amount)):
            raise ValidationError(
                f"Thời hạn {amount:g} ngày phải là số ngày nguyên, tối đa {MAX_DAYS}.", "amount"
            )
        if self.unit == "hours" and amount > MAX_HOURS:
            raise ValidationError(
                f"Thời hạn {amount:g} giờ làm việc là bất thường (tối đa {MAX_HOURS}).", "amount"
            )
        if self.unit == "sameday" and amount > 1:
            raise ValidationError(
                "Thời hạn 'trong ngày' không nhận số lượng (dùng 0); "
                "nếu cần nhiều ngày, hãy dùng đơn vị ngày làm việc.",
                "amount",
            )

    @classmethod
    def from_procedure(cls, procedure: _HasProcessingTime) -> ProcessingTime:
        """The rule of a catalogue `Procedure` (time_amount, time_unit, cutoff); refused when the catalogue
        marks its time limit unconfirmed (the officer gives the appointment instead)."""
        if not procedure.time_confirmed:
            raise UnconfirmedTimeLimit(procedure.code)
        return cls(float(procedure.time_amount or 0), procedure.time_unit or "days", procedure.cutoff)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProcessingTime:
        cutoff = data.get("cutoff")
        return cls(
            float(data.get("amount", 0)),
            str(data.get("unit", "days")),
            _parse_time(cutoff, "cutoff") if cutoff else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "amount": self.amount,
            "unit": self.unit,
            "cutoff": self.cutoff.strftime("%H:%M") if self.cutoff else None,
        }

    def label(self) -> str:
        """Vietnamese wording for receipts, e.g. "05 ngày làm việc", "Trong ngày (trước 15:00)"."""
        if self.unit == "sameday":
            return f"Trong ngày (nhận trước {self.cutoff:%H:%M})" if self.cutoff else "Trong ngày"
        amount = f"{self.amount:02g}" if self.amount == int(self.amount) else f"{self.amount:g}"
        if self.unit == "caldays":
            return f"{amount} ngày"
        return f"{amount} {'ngày' if self.unit == 'days' else 'giờ'} làm việc"


def time_rule_record(rule: ProcessingTime, hours: OfficeHours) -> dict[str, Any]:
    """What to store in `Dossier.time_rule`: the rule and the office hours it was applied with."""
    return {**rule.to_dict(), "office_hours": hours.to_dict()["sessions"]}


MANUAL_KEY = "manual"  # `Dossier.time_rule` of an appointment the officer entered: no rule was applied
MAX_MANUAL_DAYS = 366  # an appointment entered by hand further than this after the receipt is refused


def manual_rule_record(hours: OfficeHours) -> dict[str, Any]:
    """`Dossier.time_rule` when the catalogue gives no confirmed limit and the officer entered the
    appointment: marked `manual` (reports and the timeline tell it apart), with the office hours in force
    (a supplement pause moves that appointment by the working time paused, `shift_by_pause`)."""
    return {
        MANUAL_KEY: True,
        "amount": None,
        "unit": "",
        "cutoff": None,
        "office_hours": hours.to_dict()["sessions"],
    }


def is_manual(record: Mapping[str, Any] | None) -> bool:
    """Whether a stored `time_rule` is an appointment the officer entered by hand."""
    return bool(record and record.get(MANUAL_KEY))


def parse_manual_due(day: str, clock: str) -> datetime | None:
    """The appointment as the officer typed it: a date (dd/mm/yyyy, `validation.parse_date`) and a time
    (HH:MM), both required (nothing is assumed); None when both are empty. A Vietnamese ValidationError
    (field `due`) for what is missing or does not parse."""
    from desktop.core.validation import parse_date

    if not day.strip() and not clock.strip():
        return None
    if not day.strip():
        raise ValidationError("Hãy nhập ngày hẹn trả kết quả (ngày/tháng/năm).", "due")
    if not clock.strip():
        raise ValidationError("Hãy nhập giờ hẹn trả kết quả (giờ:phút, ví dụ 16:00).", "due")
    on = parse_date(day, "due", "Ngày hẹn trả")
    return datetime.combine(on, _parse_time(clock.strip(), "due"), VN_TZ)


def check_manual_due(due: datetime | None, received: datetime, now: datetime, code: str) -> datetime:
    """The appointment the officer entered for a procedure without confirmed limit: required, after the
    receipt and not in the past, at most `MAX_MANUAL_DAYS` later; a Vietnamese ValidationError otherwise."""
    if due is None:
        raise UnconfirmedTimeLimit(code)
    local = as_local(due)
    if local <= as_local(received):
        raise ValidationError("Ngày hẹn trả kết quả phải sau thời điểm tiếp nhận hồ sơ.", "due")
    if local <= as_local(now):
        raise ValidationError("Ngày hẹn trả kết quả đã qua: hãy nhập một thời điểm trong tương lai.", "due")
    if (local - as_local(received)).days > MAX_MANUAL_DAYS:
        raise ValidationError(
            f"Ngày hẹn trả kết quả quá xa (hơn {MAX_MANUAL_DAYS} ngày sau khi tiếp nhận): hãy kiểm tra lại.",
            "due",
        )
    return local.replace(second=0, microsecond=0)


class _Clock:
    """Positions on the office time line: working-day index × day length + offset within the day."""

    def __init__(self, calendar: WorkCalendar, hours: OfficeHours) -> None:
        self.calendar = calendar
        self.hours = hours
        self.day = hours.day_length

    def position(self, moment: datetime) -> int:
        local = as_local(moment)
        d = local.date()
        index = self.calendar.working_day_index(d)
        if not self.calendar.is_working_day(d):
            return index * self.day
        return index * self.day + self.hours.offset_of(local.time())

    def moment(self, position: int, late: bool) -> datetime:
        index, offset = divmod(position, self.day)
        if offset == 0 and not late:
            index, offset = index - 1, self.day
        day: date = self.calendar.day_at_index(index)
        return datetime.combine(day, self.hours.time_at(offset, late), VN_TZ)


def counting_starts(
    received_at: datetime, calendar: WorkCalendar, hours: OfficeHours = OfficeHours()
) -> datetime | None:
    """When the clock of a dossier received at `received_at` starts, if not at once: received outside
    office hours (before opening, at lunch, after closing or on a day off), the next session's start
    (**Start** above); None when received inside a session (its end excluded: nothing is left of it)."""
    clock = _Clock(calendar, hours)
    received = as_local(received_at)
    starts = clock.moment(clock.position(received), late=True)
    return starts if starts > received else None


def compute_due(
    received_at: datetime,
    rule: ProcessingTime,
    calendar: WorkCalendar,
    hours: OfficeHours = OfficeHours(),
    pauses: Sequence[tuple[datetime, datetime]] = (),
) -> datetime:
    """The appointment for a dossier received at `received_at` (see the module docstring)."""
    if rule.unit == "caldays":
        return _caldays_due(as_local(received_at), rule, calendar, hours, pauses)
    clock = _Clock(calendar, hours)
    received = as_local(received_at)
    start = clock.position(received)
    day = clock.day
    if rule.unit == "days":
        due = start + round(rule.amount * day)
        late = True
    elif rule.unit == "hours":
        due = start + round(rule.amount * _US_PER_HOUR)
        late = False
    else:
        due = _sameday_end(received, rule, calendar, hours, day)
        late = False
    if rule.unit == "sameday":
        for begin_at, end_at in _checked(pauses):
            if end_at <= max(begin_at, received):
                continue  # no pause at all, or over before the receipt
            if clock.position(begin_at) >= due:
                break  # the clock had run out
            due = max(due, _sameday_end(end_at, rule, calendar, hours, day))
    else:
        for begin, end in _merged(clock, pauses, start):
            if begin >= due:
                break
            due += end - begin
    due = -(-due // _US_PER_MINUTE) * _US_PER_MINUTE  # up to the whole minute (sessions are whole minutes)
    if due == start:
        late = True  # nothing to count: the start itself, never a boundary before the receipt
    return clock.moment(due, late)


def shift_by_pause(
    moment: datetime,
    pause: tuple[datetime, datetime],
    calendar: WorkCalendar,
    hours: OfficeHours = OfficeHours(),
) -> datetime:
    """`moment` moved later by the office time `pause` (start, end) covered: how an extended appointment
    follows a supplement pause (lifecycle §2, "an extended due moves by the same working time")."""
    clock = _Clock(calendar, hours)
    begin, end = (clock.position(t) for t in pause)
    if end <= begin:
        return as_local(moment)
    return clock.moment(clock.position(moment) + end - begin, True)


HANDOVER_CUTOFF = time(15, 0)  # lifecycle §2 / §8 `handover_cutoff` [U]


def handover_deadline(
    received_at: datetime,
    calendar: WorkCalendar,
    hours: OfficeHours = OfficeHours(),
    cutoff: time = HANDOVER_CUTOFF,
) -> datetime:
    """When the counter must have handed a dossier over (lifecycle §2): the close of the working day it was
    received (of the next one when received on a day off), or the end of the next working day's first
    session when received after `cutoff`."""
    local = as_local(received_at)
    day = local.date()
    if not calendar.is_working_day(day):
        return datetime.combine(calendar.next_working_day(day), hours.end, VN_TZ)
    if local.time() <= cutoff:
        return datetime.combine(day, hours.end, VN_TZ)
    return datetime.combine(calendar.next_working_day(day), hours.sessions[0][1], VN_TZ)


def _sameday_end(
    received: datetime, rule: ProcessingTime, calendar: WorkCalendar, hours: OfficeHours, day: int
) -> int:
    """The office-time position of a same-day appointment for a dossier complete at `received`."""
    received = as_local(received)
    cutoff = min(rule.cutoff or hours.end, hours.end)
    receipt_day = received.date()
    index = calendar.working_day_index(receipt_day)  # the receipt day, or the next working day
    clock_time = received.time()
    # "after 15:00" (Decree 23 art. 21): 15:00 itself is still the same day; closing time is not
    if calendar.is_working_day(receipt_day) and (clock_time > cutoff or clock_time >= hours.end):
        index += 1
    return (index + 1) * day


def _caldays_due(
    received: datetime,
    rule: ProcessingTime,
    calendar: WorkCalendar,
    hours: OfficeHours,
    pauses: Sequence[tuple[datetime, datetime]],
) -> datetime:
    """A calendar-day appointment (**"caldays"** above)."""
    last = received.date() + timedelta(days=int(rule.amount))
    spans: list[tuple[datetime, datetime]] = []  # the pauses after the receipt, overlapping ones merged
    for begin_at, end_at in _checked(pauses):
        begin = max(begin_at, received)
        if end_at <= begin:
            continue
        if spans and begin <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end_at))
        else:
            spans.append((begin, end_at))
    for begin, end in spans:
        if begin >= datetime.combine(_working_on_or_after(last, calendar), hours.end, VN_TZ):
            break  # the clock had run out
        last += end.date() - begin.date()
    return datetime.combine(_working_on_or_after(last, calendar), hours.end, VN_TZ)


def _working_on_or_after(day: date, calendar: WorkCalendar) -> date:
    return day if calendar.is_working_day(day) else calendar.next_working_day(day)


def _checked(pauses: Sequence[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """The pauses in local time, sorted by their start; a pause that ends before it begins is refused."""
    local = [(as_local(begin), as_local(end)) for begin, end in pauses]
    for begin, end in local:
        if end < begin:
            raise ValidationError("Khoảng tạm dừng có thời điểm kết thúc trước thời điểm bắt đầu.", "pauses")
    return sorted(local)


def _merged(clock: _Clock, pauses: Sequence[tuple[datetime, datetime]], start: int) -> list[tuple[int, int]]:
    """Pauses as sorted, disjoint office-time intervals after the start."""
    spans: list[tuple[int, int]] = []
    for begin_at, end_at in _checked(pauses):
        begin, end = max(clock.position(begin_at), start), max(clock.position(end_at), start)
        if end > begin:
            spans.append((begin, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for begin, end in spans:
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((begin, end))
    return merged

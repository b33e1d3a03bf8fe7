"""Appointment times: official-schedule examples."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from desktop.core.appointment import (
    OfficeHours,
    ProcessingTime,
    compute_due,
    counting_starts,
    time_rule_record,
)
from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ
from desktop.store.calendar_files import load_calendar

CAL = load_calendar()
CUT = time(15, 0)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=VN_TZ)


@pytest.mark.parametrize(
    ("received", "amount", "unit", "expected"),
    [
        ("2026-01-09T09:00", 2, "days", "2026-01-12T09:00"),  # Sat 10/01 is worked
        ("2026-01-08T09:00", 2, "days", "2026-01-10T09:00"),
        ("2025-12-31T09:00", 1, "days", "2026-01-05T09:00"),  # 01/01 and 02/01 off
        ("2026-02-12T10:00", 3, "days", "2026-02-24T10:00"),  # across Tết 14-22/02
        ("2026-01-09T12:10", 2, "days", "2026-01-12T13:30"),  # lunch: starts at 13:30
        ("2026-01-09T18:00", 1, "days", "2026-01-12T07:30"),  # after hours: next session
        ("2026-01-11T09:00", 1, "days", "2026-01-13T07:30"),  # Sunday: starts Monday 07:30
        ("2026-11-20T10:00", 2, "days", "2026-11-25T10:00"),  # Culture Day 24/11
        ("2026-01-09T15:00", 2, "hours", "2026-01-09T17:00"),
        ("2026-01-09T16:00", 2, "hours", "2026-01-10T08:30"),
        ("2026-01-09T11:00", 1, "hours", "2026-01-09T14:00"),
        ("2026-01-09T09:00", 1.33, "hours", "2026-01-09T10:20"),  # 10:19:48, up to the minute
        ("2026-01-09T09:00", 0.001, "hours", "2026-01-09T09:01"),  # 3.6 s
        ("2026-01-09T09:00:30", 1, "days", "2026-01-10T09:01"),  # seconds: up to the minute
        ("2026-01-09T14:59", 0, "sameday", "2026-01-09T17:00"),
        ("2026-01-09T15:00", 0, "sameday", "2026-01-09T17:00"),  # at 15:00: not "after 15:00" yet
        ("2026-01-09T15:00:01", 0, "sameday", "2026-01-10T17:00"),  # after the cut-off
        ("2026-01-09T15:10", 0, "sameday", "2026-01-10T17:00"),
        ("2026-01-11T09:00", 0, "sameday", "2026-01-12T17:00"),  # Sunday
        ("2026-01-01T09:00", 0, "sameday", "2026-01-05T17:00"),  # holiday
    ],
)
def test_examples(received, amount, unit, expected):
    rule = ProcessingTime(amount, unit, CUT if unit == "sameday" else None)
    assert compute_due(at(received), rule, CAL) == at(expected)


@pytest.mark.parametrize(
    ("received", "starts"),
    [
        ("2026-01-09T09:00", None),  # inside the morning session
        ("2026-01-09T07:30", None),  # at opening
        ("2026-01-09T16:59:59", None),
        ("2026-01-09T07:00", "2026-01-09T07:30"),  # before opening
        ("2026-01-09T12:10", "2026-01-09T13:30"),  # lunch
        ("2026-01-09T11:30", "2026-01-09T13:30"),  # the morning session has just ended
        ("2026-01-09T17:00", "2026-01-10T07:30"),  # closing time; Saturday 10/01 is worked
        ("2026-01-09T18:00", "2026-01-10T07:30"),
        ("2026-01-11T09:00", "2026-01-12T07:30"),  # Sunday
        ("2026-02-16T10:00", "2026-02-23T07:30"),  # Tết
    ],
)
def test_counting_starts_at_the_next_session_when_received_outside_hours(received, starts):
    assert counting_starts(at(received), CAL) == (at(starts) if starts else None)
    if starts:  # the appointment counts from there: the same as if received at that moment
        rule = ProcessingTime(2, "days")
        assert compute_due(at(received), rule, CAL) == compute_due(at(starts), rule, CAL)


def test_result_is_aware_local_time():
    due = compute_due(datetime(2026, 3, 2, 8, 0), ProcessingTime(3, "days"), CAL)
    assert due.utcoffset() is not None and due.utcoffset().total_seconds() == 7 * 3600


def test_pause_extends_the_appointment():
    rule = ProcessingTime(3, "days")
    plain = compute_due(at("2026-03-02T09:00"), rule, CAL)
    paused = compute_due(
        at("2026-03-02T09:00"), rule, CAL, pauses=[(at("2026-03-03T09:00"), at("2026-03-05T09:00"))]
    )
    assert plain == at("2026-03-05T09:00")
    assert paused == at("2026-03-09T09:00")


@pytest.mark.parametrize(
    ("received", "paused", "resumed", "expected"),
    [
        # a one-minute supplement pause on a same-day procedure: still due at closing time that day
        ("2026-01-09T09:00", "2026-01-09T10:00", "2026-01-09T10:01", "2026-01-09T17:00"),
        ("2026-01-09T09:00", "2026-01-09T14:00", "2026-01-09T15:00", "2026-01-09T17:00"),  # by the cut-off
        ("2026-01-09T09:00", "2026-01-09T14:00", "2026-01-09T15:20", "2026-01-10T17:00"),  # after it
        ("2026-01-09T09:00", "2026-01-09T16:50", "2026-01-09T17:00", "2026-01-10T17:00"),  # at closing time
        ("2026-01-09T09:00", "2026-01-09T10:00", "2026-01-13T09:00", "2026-01-13T17:00"),  # days later
        ("2026-01-09T09:00", "2026-01-09T10:00", "2026-01-11T09:00", "2026-01-12T17:00"),  # back on a Sunday
        ("2026-01-09T15:10", "2026-01-10T08:00", "2026-01-10T08:01", "2026-01-10T17:00"),  # received late
        ("2026-01-09T09:00", "2026-01-09T17:30", "2026-01-12T09:00", "2026-01-09T17:00"),  # after the due
    ],
)
def test_a_sameday_pause_applies_the_sameday_rule_again_at_the_resumption(
    received, paused, resumed, expected
):
    rule = ProcessingTime(0, "sameday", CUT)
    assert compute_due(at(received), rule, CAL, pauses=[(at(paused), at(resumed))]) == at(expected)


def test_sameday_pauses_that_overlap_resume_at_the_latest_end():
    rule = ProcessingTime(0, "sameday", CUT)
    pauses = [
        (at("2026-01-09T10:00"), at("2026-01-09T14:00")),
        (at("2026-01-09T11:00"), at("2026-01-09T15:30")),
        (at("2026-01-09T10:30"), at("2026-01-09T10:31")),
    ]
    assert compute_due(at("2026-01-09T09:00"), rule, CAL, pauses=pauses) == at("2026-01-10T17:00")


@pytest.mark.parametrize(
    ("amount", "unit"), [(-1, "days"), (float("nan"), "days"), (1000, "days"), (1e6, "hours"), (2, "sameday")]
)
def test_bad_rules(amount, unit):
    with pytest.raises(ValidationError):
        ProcessingTime(amount, unit)


def test_office_hours_roundtrip_and_validation():
    hours = OfficeHours.from_dict({"sessions": [["07:00", "11:30"], ["13:00", "16:30"]]})
    assert OfficeHours.from_dict(hours.to_dict()) == hours
    assert OfficeHours.from_dict({}) == OfficeHours()
    with pytest.raises(ValidationError):
        OfficeHours.from_dict({"sessions": [["13:00", "16:30"], ["07:00", "11:30"]]})
    due = compute_due(at("2026-01-09T16:00"), ProcessingTime(1, "hours"), CAL, hours)
    assert due == at("2026-01-10T07:30")


def test_time_rule_record_round_trips():
    rule = ProcessingTime(0, "sameday", CUT)
    hours = OfficeHours(((time(7, 0), time(11, 0)), (time(13, 0), time(17, 0))))
    record = time_rule_record(rule, hours)
    assert ProcessingTime.from_dict(record) == rule
    assert OfficeHours.from_dict({"sessions": record["office_hours"]}) == hours
    assert rule.label() == "Trong ngày (nhận trước 15:00)"
    assert ProcessingTime(5, "days").label() == "05 ngày làm việc"
    assert ProcessingTime(1.5, "hours").label() == "1.5 giờ làm việc"


def test_from_procedure_reads_the_catalogue_fields(ready_store):
    from sqlalchemy import select

    from desktop.store.models import Procedure

    store, _officer = ready_store
    with store.session() as session:
        birth = session.scalars(select(Procedure).where(Procedure.code == "1.001193")).first()
        land = session.scalars(select(Procedure).where(Procedure.code == "1.004884")).first()
        assert ProcessingTime.from_procedure(birth) == ProcessingTime(0, "sameday", CUT)
        assert ProcessingTime.from_procedure(land) == ProcessingTime(5, "days")

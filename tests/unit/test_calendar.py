"""The working-day calendar against the official civil-servant schedules (domain §4)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.calendar import CalendarException
from desktop.core.errors import ValidationError
from desktop.store.calendar_files import load_calendar


@pytest.fixture(scope="module")
def cal():
    return load_calendar()


@pytest.mark.parametrize(
    ("day", "worked"),
    [
        (date(2026, 1, 1), False),  # New Year
        (date(2026, 1, 2), False),  # swapped off (CV 12729/VPCP-KGVX), missing from holidays
        (date(2026, 1, 10), True),  # Saturday worked instead, missing from holidays
        (date(2026, 1, 3), False),  # ordinary Saturday
        (date(2026, 2, 13), True),  # Friday before Tết
        (date(2026, 2, 16), False),  # Tết eve
        (date(2026, 2, 20), False),  # mùng 4
        (date(2026, 2, 23), True),  # back to work after the 9-day break
        (date(2026, 4, 27), False),  # Hùng Kings observed (10/3 lunar is Sunday 26/04)
        (date(2026, 11, 24), False),  # Culture Day
        (date(2026, 11, 23), True),  # proposed swap, unadopted
        (date(2024, 4, 29), False),
        (date(2024, 5, 4), True),  # Saturday worked (CV 2450/VPCP-KGVX)
        (date(2025, 1, 27), False),  # Tết 2025: 25/01-02/02
        (date(2025, 2, 3), True),
        (date(2025, 2, 15), False),  # recalled swap, unverified, not adopted
        (date(2025, 4, 26), True),
        (date(2025, 5, 2), False),
        (date(2025, 9, 1), False),
        (date(2027, 2, 8), False),  # Tết 2027 from the library's lunar calendar
    ],
)
def test_official_schedule(cal, day, worked):
    assert cal.is_working_day(day) is worked


def test_exceptions_list_departures_from_the_week(cal):
    found = {(e.day, e.kind) for e in cal.exceptions(2026)}
    assert (date(2026, 1, 2), "off") in found
    assert (date(2026, 1, 10), "work") in found
    assert (date(2026, 11, 24), "off") in found
    assert (date(2026, 4, 26), "off") not in found  # a Sunday holiday is not a departure
    days = [e.day for e in cal.exceptions(2026)]
    assert days == sorted(days)
    for e in cal.exceptions(2026):
        assert e.reason
        assert (e.kind == "work") == (e.day.weekday() >= 5)


def test_add_working_days_skips_swaps(cal):
    assert cal.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 10)
    assert cal.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)
    assert cal.add_working_days(date(2026, 1, 5), -1) == date(2025, 12, 31)
    assert cal.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert cal.add_working_days(date(2026, 5, 5), 0) == date(2026, 5, 5)
    assert cal.next_working_day(date(2026, 4, 29)) == date(2026, 5, 4)


def test_overrides_win_and_change_the_version(cal):
    adopted = load_calendar([CalendarException(date(2026, 11, 23), "off", "Nghỉ hoán đổi")])
    assert not adopted.is_working_day(date(2026, 11, 23))
    assert adopted.version != cal.version
    assert adopted.version.startswith(cal.version)
    assert all(p.day != date(2026, 11, 23) for p in adopted.unadopted)
    assert load_calendar().version == cal.version


def test_version_names_the_data(cal):
    assert cal.version.startswith("vn-2026.11-1/h")
    assert len(cal.version) <= 60


def test_bad_kind_and_years(cal):
    with pytest.raises(ValidationError):
        CalendarException(date(2026, 1, 1), "holiday")
    with pytest.raises(ValidationError):
        cal.exceptions(1850)
    assert cal.covers(2026) and not cal.covers(2027)

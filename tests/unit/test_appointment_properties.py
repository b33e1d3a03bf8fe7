"""Property-based checks of the appointment (hypothesis): the invariants the receipt promises."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.appointment import OfficeHours, ProcessingTime, compute_due
from desktop.core.timeutil import VN_TZ
from desktop.store.calendar_files import load_calendar

CAL = load_calendar()
HOURS = [
    OfficeHours(),
    OfficeHours(((time(7, 0), time(11, 30)), (time(13, 0), time(16, 30)))),
    OfficeHours(((time(8, 0), time(12, 0)), (time(13, 0), time(15, 0)), (time(15, 30), time(17, 30)))),
]

received_at = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31, 23, 59)).map(
    lambda d: d.replace(tzinfo=VN_TZ)
)
hours_st = st.sampled_from(HOURS)
days_rule = st.builds(ProcessingTime, st.integers(0, 40).map(float), st.just("days"))
any_rule = st.one_of(
    days_rule,
    st.builds(ProcessingTime, st.floats(0, 30, allow_nan=False), st.just("days")),
    st.builds(ProcessingTime, st.floats(0, 200, allow_nan=False), st.just("hours")),
    st.builds(ProcessingTime, st.just(0.0), st.just("sameday"), st.sampled_from([None, time(15), time(11)])),
)
relaxed = settings(deadline=None, max_examples=300)


@relaxed
@given(received_at, any_rule, hours_st)
def test_on_a_working_day_inside_office_hours_never_before_receipt(received, rule, hours):
    due = compute_due(received, rule, CAL, hours)
    assert due.utcoffset() == timedelta(hours=7)
    assert CAL.is_working_day(due.date())
    assert hours.contains(due.timetz().replace(tzinfo=None))
    assert due >= received


@relaxed
@given(received_at, st.sampled_from(["days", "hours"]), st.floats(0, 30), st.floats(0, 30), hours_st)
def test_monotone_in_the_amount(received, unit, a, b, hours):
    small, large = sorted((a, b))
    due_small = compute_due(received, ProcessingTime(small, unit), CAL, hours)
    due_large = compute_due(received, ProcessingTime(large, unit), CAL, hours)
    assert due_small <= due_large


@relaxed
@given(received_at, st.integers(1, 20), st.integers(1, 15), st.data(), hours_st)
def test_a_pause_of_k_working_days_moves_it_by_k_working_days(received, n, k, data, hours):
    rule = ProcessingTime(float(n), "days")
    due = compute_due(received, rule, CAL, hours)
    # the pause starts somewhere on the clock before the appointment, inside office hours (at least a few
    # minutes before it: times are rounded up to the minute)
    fraction = data.draw(st.floats(0, n - 0.01))
    begin = compute_due(received, ProcessingTime(fraction, "days"), CAL, hours)
    end = datetime.combine(CAL.add_working_days(begin.date(), k), begin.timetz())
    paused = compute_due(received, rule, CAL, hours, pauses=[(begin, end)])
    assert paused.timetz() == due.timetz()
    assert paused.date() == CAL.add_working_days(due.date(), k)


@relaxed
@given(received_at, st.integers(0, 20), st.integers(1, 30), hours_st)
def test_pauses_before_receipt_or_after_the_due_change_nothing(received, n, gap, hours):
    rule = ProcessingTime(float(n), "days")
    due = compute_due(received, rule, CAL, hours)
    before = (received - timedelta(days=gap + 1), received - timedelta(days=1))
    after = (due, due + timedelta(days=gap))
    assert compute_due(received, rule, CAL, hours, pauses=[before, after]) == due


@relaxed
@given(received_at, hours_st)
def test_sameday_is_the_receipt_day_or_the_next_working_day(received, hours):
    due = compute_due(received, ProcessingTime(0, "sameday", time(15)), CAL, hours)
    assert due.timetz().replace(tzinfo=None) == hours.end
    day = received.date()
    clock = received.time()  # "after 15:00" is the next day: 15:00 itself is not; closing time is
    if CAL.is_working_day(day) and clock <= min(time(15), hours.end) and clock < hours.end:
        assert due.date() == day
    else:
        assert due.date() == CAL.next_working_day(day)


@relaxed
@given(received_at, st.data(), hours_st, st.sampled_from([None, time(15), time(11)]))
def test_a_sameday_pause_is_a_new_receipt_at_the_resumption(received, data, hours, cutoff):
    rule = ProcessingTime(0, "sameday", cutoff)
    due = compute_due(received, rule, CAL, hours)
    # the pause begins before the appointment and lasts from nothing to a few days
    before_due = max(0, int((due - received).total_seconds()) - 1)
    begin = received + timedelta(seconds=data.draw(st.integers(0, before_due)))
    end = begin + timedelta(seconds=data.draw(st.integers(0, 5 * 86400)))
    paused = compute_due(received, rule, CAL, hours, pauses=[(begin, end)])
    if end == begin:
        assert paused == due  # no pause at all
    else:
        assert paused == max(due, compute_due(end, rule, CAL, hours))
    assert paused.timetz().replace(tzinfo=None) == hours.end and CAL.is_working_day(paused.date())
    cut = min(cutoff or hours.end, hours.end)
    if end.date() == due.date() and end.time() <= cut and end.time() < hours.end:
        assert paused == due  # resumed on the due day by the cut-off: the same appointment


@settings(deadline=None, max_examples=300)
@given(st.dates(min_value=date(2023, 6, 1), max_value=date(2027, 6, 30)), st.integers(-200, 200))
def test_add_working_days_counts_working_days(day, n):
    result = CAL.add_working_days(day, n)
    if n == 0:
        assert result == day
        return
    assert CAL.is_working_day(result)
    step = 1 if n > 0 else -1
    assert (result > day) == (n > 0)
    between = [
        day + timedelta(days=i)
        for i in range(step, (result - day).days + step, step)
        if CAL.is_working_day(day + timedelta(days=i))
    ]
    assert len(between) == abs(n)


def test_exceptions_describe_every_day_of_the_data_years():
    for year in CAL.years:
        listed = {e.day: e.kind for e in CAL.exceptions(year)}
        day = date(year, 1, 1)
        while day.year == year:
            weekday = day.weekday() < 5
            assert CAL.is_working_day(day) == (weekday != (day in listed)), day
            day += timedelta(days=1)

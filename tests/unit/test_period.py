"""Reporting periods (`desktop.core.period`) and the `motcua report` period options (lifecycle §6.1, §6.4)."""

from __future__ import annotations

import argparse
from datetime import date, datetime

import pytest

from desktop.commands.report import add_period_options, period_of
from desktop.core.errors import ValidationError
from desktop.core.period import Kind, containing, parse_period, parse_range
from desktop.core.timeutil import VN_TZ


@pytest.mark.parametrize(
    ("text", "cutoff", "start", "end", "label"),
    [
        ("2026-11", False, date(2026, 11, 1), date(2026, 11, 30), "Tháng 11/2026"),
        ("2028-02", False, date(2028, 2, 1), date(2028, 2, 29), "Tháng 02/2028"),
        ("2026-Q4", False, date(2026, 10, 1), date(2026, 12, 31), "Quý IV/2026"),
        ("2026q1", False, date(2026, 1, 1), date(2026, 3, 31), "Quý I/2026"),
        ("2026", False, date(2026, 1, 1), date(2026, 12, 31), "Năm 2026"),
        (
            "2026-11",
            True,
            date(2026, 10, 15),
            date(2026, 11, 14),
            "Tháng 11/2026 (từ 15/10/2026 đến 14/11/2026)",
        ),
        (
            "2026-Q4",
            True,
            date(2026, 9, 15),
            date(2026, 12, 14),
            "Quý IV/2026 (từ 15/09/2026 đến 14/12/2026)",
        ),
        (
            "2027-01",
            True,
            date(2026, 12, 15),
            date(2027, 1, 14),
            "Tháng 01/2027 (từ 15/12/2026 đến 14/01/2027)",
        ),
        ("2026", True, date(2025, 12, 15), date(2026, 12, 14), "Năm 2026 (từ 15/12/2025 đến 14/12/2026)"),
    ],
)
def test_named_periods(text: str, cutoff: bool, start: date, end: date, label: str) -> None:
    period = parse_period(text, cutoff)
    assert (period.start, period.end, period.label_vi()) == (start, end, label)


def test_bounds_are_whole_days_in_vietnam_time() -> None:
    assert parse_period("2026-11").bounds() == (
        datetime(2026, 11, 1, tzinfo=VN_TZ),
        datetime(2026, 12, 1, tzinfo=VN_TZ),
    )


def test_previous_period() -> None:
    assert parse_period("2026-01").previous() == parse_period("2025-12")
    assert parse_period("2026-Q1", True).previous() == parse_period("2025-Q4", True)
    assert parse_period("2026").previous().start == date(2025, 1, 1)
    week = parse_range("2026-11-09", "2026-11-15").previous()
    assert (week.start, week.end) == (date(2026, 11, 2), date(2026, 11, 8))
    assert containing(date(2026, 12, 3), Kind.QUARTER) == parse_period("2026-Q4")


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "26-11", "tháng 11", "", "2026-11-01"])
def test_malformed_period_names_the_expected_form(text: str) -> None:
    with pytest.raises(ValidationError, match="2026-Q4"):
        parse_period(text)


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_period_options(parser)
    return parser.parse_args(list(argv))


def test_command_options() -> None:
    assert period_of(_args("--period", "2026-Q4", "--cutoff")).start == date(2026, 9, 15)
    period = period_of(_args("--from", "01/11/2026", "--to", "2026-11-30"))
    assert (period.start, period.end, period.kind) == (date(2026, 11, 1), date(2026, 11, 30), Kind.RANGE)
    with pytest.raises(ValidationError, match="ngược"):
        period_of(_args("--from", "2026-12-31", "--to", "2026-12-01"))
    with pytest.raises(ValidationError, match="--from NGÀY --to NGÀY"):
        period_of(_args("--from", "2026-12-01"))
    with pytest.raises(ValidationError, match="không tồn tại"):
        period_of(_args("--from", "2026-02-30", "--to", "2026-03-01"))

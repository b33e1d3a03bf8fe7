"""`motcua calendar due|off` as the officer runs it, and overrides stored in a profile."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.calendar import CalendarException
from desktop.store.calendar_files import load_calendar
from desktop.store.calendar_repo import calendar_for, save_overrides
from desktop.store.models import CalendarOverride


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_profile(tmp_path: Path) -> Path:
    return tmp_path / "nowhere"


def test_due_prints_iso_local_time(capsys, no_profile):
    code, out, _ = run(capsys, "--data-dir", str(no_profile), "calendar", "due", "2026-01-09T09:00", "2")
    assert code == 0
    assert out == "2026-01-12T09:00:00+07:00\n"
    assert not no_profile.exists()  # nothing written without a profile


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["2026-01-09T14:00", "0", "--unit", "sameday"], "2026-01-09T17:00:00+07:00"),
        (["2026-01-09T09:00", "1.33", "--unit", "hours"], "2026-01-09T10:20:00+07:00"),
        (["2026-01-09T09:00", "0.0001", "--unit", "hours"], "2026-01-09T09:01:00+07:00"),
        (["2026-01-09T15:10", "0", "--unit", "sameday"], "2026-01-10T17:00:00+07:00"),
        (["2026-01-09T15:10", "0", "--unit", "sameday", "--cutoff", "16:00"], "2026-01-09T17:00:00+07:00"),
        (["2026-01-09T16:00", "2", "--unit", "hours"], "2026-01-10T08:30:00+07:00"),
        (["2026-01-09T02:00:00+00:00", "1"], "2026-01-10T09:00:00+07:00"),  # converted to +07:00
    ],
)
def test_due_units(capsys, no_profile, argv, expected):
    code, out, _ = run(capsys, "--data-dir", str(no_profile), "calendar", "due", *argv)
    assert (code, out.strip()) == (0, expected)


def test_off_lists_the_departures_from_the_week(capsys, no_profile):
    code, out, err = run(capsys, "--data-dir", str(no_profile), "calendar", "off", "2026")
    assert code == 0
    lines = out.splitlines()
    assert "2026-01-02 off Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)" in lines
    assert any(line.startswith("2026-01-10 work ") for line in lines)
    assert any(line.startswith("2026-11-24 off ") for line in lines)
    assert not any(line.startswith("2026-11-23") for line in lines)
    assert "2026-11-23" in err  # the unadopted proposal is mentioned, not applied
    for line in lines:
        day, kind, reason = line.split(" ", 2)
        assert kind in ("off", "work") and reason
        assert date.fromisoformat(day).year == 2026


@pytest.mark.parametrize(
    "argv",
    [
        ["due", "2026-02-30T09:00", "1"],
        ["due", "hôm qua", "1"],
        ["due", "2026-01-09T09:00", "-3"],
        ["due", "2026-01-09T09:00", "ba"],
        ["due", "2026-01-09T09:00", "inf"],
        ["due", "2026-01-09T09:00", "100000"],
        ["due", "2026-01-09T09:00", "5", "--unit", "weeks"],
        ["due", "2026-01-09T09:00", "0", "--unit", "sameday", "--cutoff", "25:00"],
        ["due", "1999-01-04T09:00", "1"],
        ["off", "2031"],
        ["off", "hai nghìn"],
    ],
)
def test_bad_input_exits_2_with_a_vietnamese_message(capsys, no_profile, argv):
    code, out, err = run(capsys, "--data-dir", str(no_profile), "calendar", *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("motcua: ") and len(err) > 20
    assert not no_profile.exists()


def test_profile_overrides_are_layered(capsys, store, data_dir):
    with store.transaction() as session:
        save_overrides(session, [CalendarException(date(2026, 11, 23), "off", "Nghỉ hoán đổi")], "gl-1")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "calendar", "due", "2026-11-20T10:00", "1")
    assert (code, out.strip()) == (0, "2026-11-25T10:00:00+07:00")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "calendar", "off", "2026")
    assert "2026-11-23 off Nghỉ hoán đổi" in out.splitlines()


def test_calendar_for_reads_rows_newest_last(store):
    with store.transaction() as session:
        assert calendar_for(session).version == load_calendar().version
        save_overrides(session, [CalendarException(date(2027, 2, 13), "work", "Làm bù")], "gl-1")
        session.add(CalendarOverride(day=date(2027, 2, 13), kind="off", reason="Huỷ làm bù", version="gl-2"))
    with store.session() as session:
        cal = calendar_for(session)
    assert not cal.is_working_day(date(2027, 2, 13))
    assert cal.covers(2027)
    assert "/ov-" in cal.version

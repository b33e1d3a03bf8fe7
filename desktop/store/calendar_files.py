"""Reading the legal clock's schedule files: the shipped `resources/calendar/vn-civil-service.json` and
one the province sends (`motcua calendar import FILE.json`).

`desktop.core.calendar` and `desktop.core.calendar_schedule` stay pure (no I/O): this module reads the
file and hands the decoded JSON to `parse_schedule`. `load_calendar` is the calendar of the shipped data
alone (or with extra layers); `desktop.store.calendar_repo.calendar_for` adds a profile's imported schedule
and overrides.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from desktop.core.calendar import CalendarData, CalendarException, WorkCalendar, build_calendar
from desktop.core.calendar_schedule import parse_schedule
from desktop.core.errors import NotFoundError, ValidationError
from desktop.resources import resource

SHIPPED_CALENDAR = ("calendar", "vn-civil-service.json")


def read_schedule_file(path: Path) -> CalendarData:
    """Read and check a schedule file; every problem is a Vietnamese ValidationError/NotFoundError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NotFoundError(f"Không tìm thấy tệp lịch '{path}'.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"Không đọc được tệp lịch '{path}' ({exc}).") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"Tệp lịch '{path}' không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}: {exc.msg})."
        ) from None
    return parse_schedule(raw)


@cache
def shipped_schedule() -> CalendarData:
    """The schedule shipped with the application (read and checked once per process)."""
    return read_schedule_file(resource(*SHIPPED_CALENDAR))


def load_calendar(
    extra_overrides: Iterable[CalendarException] = (), imported: CalendarData | None = None
) -> WorkCalendar:
    """The shipped schedule over the `holidays` package, an imported schedule, plus extra overrides
    (`desktop.core.calendar.build_calendar`)."""
    return build_calendar(shipped_schedule(), extra_overrides, imported)

"""Reading a civil-service schedule document: the shipped `vn-civil-service.json` or one the province sends.

The format (also documented in README, "Legal clock"):

    {
      "version": "gl-2027.01-1",          # <prefix>-YYYY.MM-N, compared by (YYYY, MM, N)
      "years": [2027],                    # the years whose official schedule this document gives
      "exceptions": [                     # departures from the Monday-Friday week, each with a reason
        {"day": "2027-02-11", "kind": "off", "reason": "..."},
        {"day": "2027-02-20", "kind": "work", "reason": "..."}
      ],
      "unadopted": [ ... ]                # optional: proposals listed but not applied (same entries)
    }

`country` (must be "VN"), `description` and a `source` per entry are optional and only informative.
Statutory holidays are never listed: they come from the `holidays` package. A year may have no exception
at all (no swap announced): listing it in `years` is what makes its schedule known.

`parse_schedule` checks everything and raises a `ValidationError` with a Vietnamese message on the first
problem; it reads no file and never touches the store (the command line, the sync and the tests share it;
`desktop.store.calendar_files.read_schedule_file` reads a file and hands it here).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from desktop.core.calendar import KINDS, MAX_YEAR, MIN_YEAR, CalendarData, CalendarException, version_key
from desktop.core.errors import ValidationError

MAX_REASON = 300  # CalendarOverride.reason
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _entry(raw: Any, where: str, years: set[int]) -> CalendarException:
    if not isinstance(raw, Mapping):
        raise ValidationError(f"{where}: mỗi ngày phải là một đối tượng có day, kind, reason.", "exceptions")
    day_text = raw.get("day")
    try:
        if not isinstance(day_text, str) or not _DAY.match(day_text):
            raise ValueError(day_text)
        day = date.fromisoformat(day_text)
    except ValueError:
        raise ValidationError(
            f"{where}: ngày {day_text!r} không hợp lệ (dạng NĂM-THÁNG-NGÀY, ví dụ 2027-02-11).", "day"
        ) from None
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ValidationError(
            f"{where} ({day_text}): loại ngày {kind!r} không hợp lệ (chỉ 'off' hoặc 'work').", "kind"
        )
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ValidationError(f"{where} ({day_text}): thiếu lý do (reason).", "reason")
    if len(reason) > MAX_REASON:
        raise ValidationError(f"{where} ({day_text}): lý do dài quá {MAX_REASON} ký tự.", "reason")
    if day.year not in years:
        raise ValidationError(
            f"{where}: ngày {day_text} thuộc năm {day.year}, không có trong danh sách năm (years).", "day"
        )
    return CalendarException(day, str(kind), reason.strip())


def _entries(raw: Mapping[str, Any], key: str, years: set[int]) -> tuple[CalendarException, ...]:
    items = raw.get(key, [])
    if not isinstance(items, list):
        raise ValidationError(f"Mục '{key}' phải là một danh sách.", key)
    found: dict[date, CalendarException] = {}
    for index, item in enumerate(items, start=1):
        entry = _entry(item, f"Mục '{key}', dòng {index}", years)
        previous = found.get(entry.day)
        if previous is not None:
            if previous.kind != entry.kind:
                raise ValidationError(
                    f"Ngày {entry.day.isoformat()} vừa là ngày nghỉ vừa là ngày làm việc trong mục '{key}'.",
                    "day",
                )
            raise ValidationError(f"Ngày {entry.day.isoformat()} được ghi hai lần trong mục '{key}'.", "day")
        found[entry.day] = entry
    return tuple(sorted(found.values()))


def _years(raw: Mapping[str, Any]) -> tuple[int, ...]:
    years = raw.get("years")
    if not isinstance(years, list) or not years:
        raise ValidationError('Thiếu danh sách năm (years), ví dụ "years": [2027].', "years")
    for year in years:
        if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
            raise ValidationError(
                f"Năm {year!r} trong danh sách năm không hợp lệ ({MIN_YEAR}–{MAX_YEAR}).", "years"
            )
    return tuple(sorted(set(years)))


def parse_schedule(raw: Any) -> CalendarData:
    """A checked schedule document (already decoded from JSON)."""
    if not isinstance(raw, Mapping):
        raise ValidationError('Tệp lịch phải là một đối tượng JSON dạng {"version": …, "years": …}.')
    version = raw.get("version")
    if not isinstance(version, str):
        raise ValidationError('Thiếu phiên bản lịch (version), ví dụ "version": "gl-2027.01-1".', "version")
    version_key(version)
    if raw.get("country", "VN") != "VN":
        raise ValidationError(
            f"Lịch của nước {raw.get('country')!r}, không phải của Việt Nam (VN).", "country"
        )
    years = _years(raw)
    exceptions = _entries(raw, "exceptions", set(years))
    unadopted = _entries(raw, "unadopted", set(years))
    return CalendarData(version, years, exceptions, unadopted)

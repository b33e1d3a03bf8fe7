"""The period a report covers (lifecycle §6.1, §6.4): a calendar month, quarter or year, a from–to range,
or the cut-off preset (from the 15th of the month before the period to the 14th of its last month).

`parse_period("2026-Q4")`, `parse_period("2026-11", preset="cutoff")`, `Period.between(first, last)`.
A period is [start 00:00, the day after the end 00:00) in Vietnam time (`start_at`, `end_at`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ

FORMS = "2026-11 (tháng), 2026-Q4 (quý), 2026 (năm) hoặc 01/10/2026-31/12/2026 (từ ngày đến ngày)"
PRESETS = ("calendar", "cutoff")
_ROMAN = ("I", "II", "III", "IV")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    """The days `first` … `last` (inclusive) and how the report names them."""

    first: date
    last: date
    label: str  # "Quý IV năm 2026", "Tháng 11 năm 2026", "Từ ngày 01/10/2026 đến ngày 31/12/2026"
    key: str  # for file names: "2026-Q4", "2026-11-cutoff", "20261001-20261231"

    @classmethod
    def between(cls, first: date, last: date) -> Period:
        if last < first:
            raise ValidationError(
                f"Kỳ báo cáo ngược: ngày kết thúc {last:%d/%m/%Y} trước ngày bắt đầu {first:%d/%m/%Y}. "
                f"Dạng kỳ: {FORMS}.",
                "period",
            )
        if (last - first).days > MAX_DAYS:
            raise ValidationError("Kỳ báo cáo dài quá 3 năm.", "period")
        return cls(
            first, last, f"Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}", f"{first:%Y%m%d}-{last:%Y%m%d}"
        )

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.first, time.min, VN_TZ)

    @property
    def end_at(self) -> datetime:
        """The moment after the period: the day after `last`, 00:00."""
        return datetime.combine(self.last + timedelta(days=1), time.min, VN_TZ)

    @property
    def dates(self) -> str:
        return f"từ ngày {self.first:%d/%m/%Y} đến ngày {self.last:%d/%m/%Y}"


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def parse_period(text: str, preset: str = "calendar") -> Period:
    """`2026-11`, `2026-Q4`, `2026` or `dd/mm/yyyy-dd/mm/yyyy` (also `..` between ISO dates); with
    `preset="cutoff"` a month, quarter or year runs from the 15th of the month before to the 14th of its
    last month. A Vietnamese ValidationError (field `period`) names the expected forms."""
    value = text.strip()
    if preset not in PRESETS:
        raise ValidationError(f"Cách tính kỳ '{preset}' không hợp lệ; chọn calendar hoặc cutoff.", "preset")
    bad = ValidationError(f"Kỳ báo cáo '{value}' không hợp lệ; dạng: {FORMS}.", "period")
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise bad
        first_month, last_month, label = month, month, f"Tháng {month} năm {year}"
    elif m := _QUARTER.match(value):
        year, quarter = int(m[1]), int(m[2])
        first_month, last_month = 3 * quarter - 2, 3 * quarter
        label = f"Quý {_ROMAN[quarter - 1]} năm {year}"
    elif m := _YEAR.match(value):
        year, first_month, last_month = int(m[1]), 1, 12
        label = f"Năm {year}"
    else:
        return _range(value, bad, preset)
    if not 2000 <= year <= 2100:
        raise bad
    key = value.upper()
    if preset == "cutoff":
        before = date(year, first_month, 1) - timedelta(days=1)
        first, last = before.replace(day=15), date(year, last_month, 14)
        return Period(first, last, f"{label} (kỳ chốt số liệu ngày 14)", f"{key}-cutoff")
    return Period(date(year, first_month, 1), _month_end(year, last_month), label, key)


def _range(value: str, bad: ValidationError, preset: str) -> Period:
    from desktop.core.validation import parse_date

    parts = value.split("..") if ".." in value else _split_dates(value)
    if len(parts) != 2 or preset != "calendar":
        raise bad
    try:
        first, last = (parse_date(p, "period", "Ngày của kỳ báo cáo") for p in parts)
    except ValidationError:
        raise bad from None
    return Period.between(first, last)


def _split_dates(value: str) -> list[str]:
    """`01/10/2026-31/12/2026`: the two dates around the dash."""
    m = re.match(r"^(\d{1,2}/\d{1,2}/\d{4})\s*-\s*(\d{1,2}/\d{1,2}/\d{4})$", value)
    return [m[1], m[2]] if m else []

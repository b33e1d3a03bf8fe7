"""The reporting period (lifecycle §6.1, §6.4): a calendar month `2026-11`, a quarter `2026-Q4`, a year `2026`,
or any from–to range of days; for a month, quarter or year also the cut-off preset, from the 15th of the
month before the period to the 14th of its last month (`2026-Q4` with the preset: 15/09/2026–14/12/2026).

A period covers whole days: P = [start 00:00, the day after the end 00:00) in Vietnam time (`bounds`).
A malformed text or a range that ends before it starts raises `ValidationError` naming the expected form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ
from desktop.core.validation import parse_date

EXPECTED = "kỳ báo cáo phải có dạng 2026-11 (tháng), 2026-Q4 (quý) hoặc 2026 (năm)"
CUTOFF_DAY = 15  # the preset runs from this day of the month before to the day before it in the last month
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_ROMAN = ("I", "II", "III", "IV")


class Kind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"


@dataclass(frozen=True)
class Period:
    """Whole days `start` … `end` (both included). `kind`/`year`/`number` say which calendar period it stands
    for (month 1–12, quarter 1–4; 0 for a year or a range); `cutoff` marks the 15th-to-14th preset."""

    start: date
    end: date
    kind: Kind = Kind.RANGE
    year: int = 0
    number: int = 0
    cutoff: bool = False

    def bounds(self) -> tuple[datetime, datetime]:
        """[start 00:00, the day after the end 00:00), aware, in Vietnam time."""
        return (
            datetime.combine(self.start, time(0), VN_TZ),
            datetime.combine(self.end + timedelta(days=1), time(0), VN_TZ),
        )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label_vi(self) -> str:
        """'Tháng 11/2026', 'Quý IV/2026', 'Năm 2026', or 'Từ 01/11/2026 đến 30/11/2026' (plus the dates
        of a cut-off preset)."""
        dates = f"từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y}"
        if self.kind is Kind.RANGE:
            return dates[0].upper() + dates[1:]
        if self.kind is Kind.MONTH:
            name = f"Tháng {self.number:02d}/{self.year}"
        elif self.kind is Kind.QUARTER:
            name = f"Quý {_ROMAN[self.number - 1]}/{self.year}"
        else:
            name = f"Năm {self.year}"
        return f"{name} ({dates})" if self.cutoff else name

    def previous(self) -> Period:
        """The period just before: the previous month, quarter or year (same preset), or for a range the
        range of the same length ending the day before."""
        if self.kind is Kind.MONTH:
            year, month = (self.year, self.number - 1) if self.number > 1 else (self.year - 1, 12)
            return month_period(year, month, self.cutoff)
        if self.kind is Kind.QUARTER:
            year, quarter = (self.year, self.number - 1) if self.number > 1 else (self.year - 1, 4)
            return quarter_period(year, quarter, self.cutoff)
        if self.kind is Kind.YEAR:
            return year_period(self.year - 1, self.cutoff)
        return date_range(self.start - timedelta(days=self.days), self.start - timedelta(days=1))


def _first_of(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _months(kind: Kind, year: int, first_month: int, count: int, number: int, cutoff: bool) -> Period:
    if not 1 <= year <= 9998:
        raise ValidationError(f"Năm {year} nằm ngoài lịch; {EXPECTED}.", "period")
    if cutoff:
        start = _first_of(year, first_month - 1).replace(day=CUTOFF_DAY)
        end = _first_of(year, first_month + count - 1).replace(day=CUTOFF_DAY - 1)
    else:
        start = _first_of(year, first_month)
        end = _first_of(year, first_month + count) - timedelta(days=1)
    return Period(start, end, kind, year, number, cutoff)


def month_period(year: int, month: int, cutoff: bool = False) -> Period:
    return _months(Kind.MONTH, year, month, 1, month, cutoff)


def quarter_period(year: int, quarter: int, cutoff: bool = False) -> Period:
    return _months(Kind.QUARTER, year, 3 * quarter - 2, 3, quarter, cutoff)


def year_period(year: int, cutoff: bool = False) -> Period:
    return _months(Kind.YEAR, year, 1, 12, 0, cutoff)


def parse_period(text: str, cutoff: bool = False) -> Period:
    """`2026-11`, `2026-Q4` (also `2026Q4`, `2026-q4`) or `2026`; `cutoff` applies the 15th-to-14th preset."""
    value = text.strip()
    if match := _MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValidationError(f"Tháng {month} không tồn tại; {EXPECTED}.", "period")
        return month_period(year, month, cutoff)
    if match := _QUARTER.match(value):
        return quarter_period(int(match[1]), int(match[2]), cutoff)
    if match := _YEAR.match(value):
        return year_period(int(match[1]), cutoff)
    raise ValidationError(f"Kỳ báo cáo «{value}» không hợp lệ: {EXPECTED}.", "period")


def date_range(start: date, end: date) -> Period:
    """The days `start` … `end`; refused when the range is reversed."""
    if end < start:
        raise ValidationError(
            f"Khoảng thời gian ngược: ngày kết thúc {end:%d/%m/%Y} trước ngày bắt đầu {start:%d/%m/%Y} "
            "(dạng đúng: --from NGÀY_ĐẦU --to NGÀY_CUỐI, ví dụ --from 2026-10-01 --to 2026-12-31).",
            "period",
        )
    return Period(start, end)


def parse_range(start: str, end: str) -> Period:
    """Two typed dates (yyyy-mm-dd or dd/mm/yyyy) as a period."""
    return date_range(parse_date(start, "from", "Ngày bắt đầu"), parse_date(end, "to", "Ngày kết thúc"))


def containing(day: date, kind: Kind) -> Period:
    """The calendar month, quarter or year that holds `day`."""
    if kind is Kind.MONTH:
        return month_period(day.year, day.month)
    if kind is Kind.QUARTER:
        return quarter_period(day.year, (day.month - 1) // 3 + 1)
    if kind is Kind.YEAR:
        return year_period(day.year)
    return date_range(day, day)

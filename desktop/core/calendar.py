"""The working-day calendar of the one-stop counter (domain §4).

Three layers decide whether a day is worked, each overriding the one below:

1. the `holidays` package (country "VN", Vietnamese names): Saturday/Sunday rest days, the statutory
   holidays of Labor Code art. 112 with their lunar dates and compensatory days, Culture Day 24/11 from
   2026, and the swaps the library knows (its `weekend_workdays` and "Ngày nghỉ (thay cho …)" days).
   Lunar conversion is never hand-written here: the library agrees with the Vietnamese calendar (stack §8);
2. the shipped civil-servant schedules in `resources/calendar/vn-civil-service.json` (versioned data,
   2024–2026 from domain §4; read by `desktop.store.calendar_files`: this module does no I/O): weekdays given off by a swap (`off`) and the Saturdays worked instead
   (`work`). The library misses some of them (02/01/2026 off, Sat 10/01/2026 worked);
   A newer schedule imported into the profile (`motcua calendar import`, later the sync; checked by
   `desktop/core/calendar_schedule.py`) replaces the shipped one for the years it lists;
3. overrides the province sends later or an administrator enters (`CalendarOverride` rows, see
   `desktop/store/calendar_repo.py`), passed to `build_calendar(…, extra_overrides)`; later ones win.

Proposals whose adoption could not be verified (Monday 23/11/2026 before Culture Day, a Saturday 15/02/2025
make-up day) are kept in the data file under `unadopted` and NOT applied; the province can adopt one by
sending it as an override.

`WorkCalendar.version` names every layer (`vn-2026.11-1/h0.109`; with an imported schedule
`vn-2026.11-1+gl-2027.01-1/h0.109`; plus `/ov-<hash>` of the overrides) and is
stored with each dossier, so an appointment can be recomputed and audited with the same data later.
Working-day arithmetic uses a sorted table of working-day ordinals with `bisect`, built per year on first
use: adding N working days costs O(log n), whatever N is.
"""

from __future__ import annotations

import hashlib
import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib.metadata import version as package_version
from typing import Any, NamedTuple

import holidays

from desktop.core.errors import ValidationError

KINDS = ("off", "work")
MIN_YEAR = 2000
MAX_YEAR = 2100
SATURDAY = 5
MAX_VERSION = 24  # Dossier.calendar_version (60) holds "<shipped>+<imported>/h<lib>/ov-<hash>"
_VERSION = re.compile(r"^[A-Za-z][A-Za-z0-9_]*-(\d{4})\.(\d{2})-(\d{1,4})$")


@dataclass(frozen=True, order=True)
class CalendarException:
    """A day that differs from the Monday–Friday week: a weekday `off` or a weekend day worked (`work`).

    As an override it may also state the ordinary status of a day (e.g. `work` on a weekday the library
    wrongly gives off); `WorkCalendar.exceptions` only lists real departures from the Monday–Friday week.
    """

    day: date
    kind: str
    reason: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValidationError(f"Loại ngày '{self.kind}' không hợp lệ (chỉ 'off' hoặc 'work').", "kind")

    def to_dict(self) -> dict[str, str]:
        return {"day": self.day.isoformat(), "kind": self.kind, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CalendarException:
        try:
            day = date.fromisoformat(str(data["day"]))
        except (KeyError, ValueError) as exc:
            raise ValidationError(f"Ngày trong lịch không hợp lệ: {data.get('day')!r}.", "day") from exc
        return cls(day, str(data.get("kind", "")), str(data.get("reason", "")))


@dataclass(frozen=True)
class CalendarData:
    """The parsed shipped schedule file."""

    version: str
    years: tuple[int, ...]
    exceptions: tuple[CalendarException, ...]
    unadopted: tuple[CalendarException, ...]


def version_key(version: str) -> tuple[int, int, int]:
    """(year, month, number) of a schedule version such as "vn-2026.11-1"; ValidationError otherwise."""
    match = _VERSION.match(version)
    if match is None or len(version) > MAX_VERSION:
        raise ValidationError(
            f"Phiên bản lịch '{version}' không đúng dạng TIỀNTỐ-NĂM.THÁNG-SỐ, ví dụ gl-2027.01-1 "
            f"(tối đa {MAX_VERSION} ký tự).",
            "version",
        )
    year, month, number = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        raise ValidationError(f"Phiên bản lịch '{version}' có tháng không hợp lệ.", "version")
    return year, month, number


@cache
def _holidays_version() -> str:
    return package_version("holidays")


@cache
def _library_year(year: int) -> tuple[dict[date, str], frozenset[date]]:
    """The library's holidays (with Vietnamese names) and worked weekend days of one year."""
    lib = holidays.country_holidays("VN", years=year, language="vi")
    names = {d: str(name) for d, name in lib.items() if d.year == year}
    worked = frozenset(d for d in lib.weekend_workdays if d.year == year)
    return names, worked


class _Table(NamedTuple):
    lo: int
    hi: int
    base: int
    ordinals: tuple[int, ...]


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(f"Năm {year} nằm ngoài phạm vi lịch làm việc ({MIN_YEAR}–{MAX_YEAR}).", "year")


class WorkCalendar:
    """Which days the counter works, and working-day arithmetic over them."""

    def __init__(
        self,
        overrides: Mapping[date, CalendarException],
        version: str,
        years: Iterable[int] = (),
        unadopted: Iterable[CalendarException] = (),
    ) -> None:
        self.version = version
        self.years: tuple[int, ...] = tuple(sorted(set(years)))
        self.unadopted: tuple[CalendarException, ...] = tuple(sorted(unadopted))
        self._overrides = dict(overrides)
        self._year_cache: dict[int, tuple[dict[date, CalendarException], frozenset[int]]] = {}
        self._table: _Table | None = None
        self._lock = threading.Lock()

    # -- one year -----------------------------------------------------------------------------------
    def _year(self, year: int) -> tuple[dict[date, CalendarException], frozenset[int]]:
        """Exceptions of a year (keyed by day) and the ordinals of its working days."""
        cached = self._year_cache.get(year)
        if cached is not None:
            return cached
        _check_year(year)
        names, lib_worked = _library_year(year)
        found: dict[date, CalendarException] = {}
        working: set[int] = set()
        day = date(year, 1, 1)
        while day.year == year:
            weekend = day.weekday() >= SATURDAY
            override = self._overrides.get(day)
            if override is not None:
                works = override.kind == "work"
                reason = override.reason
            elif day in lib_worked:
                works, reason = True, "Ngày làm bù"
            else:
                works = not weekend and day not in names
                reason = names.get(day, "")
            if works:
                working.add(day.toordinal())
            if works == weekend:  # a departure from the Monday–Friday week
                kind = "work" if works else "off"
                found[day] = CalendarException(day, kind, reason or names.get(day, ""))
            day += timedelta(days=1)
        result = (found, frozenset(working))
        self._year_cache[year] = result
        return result

    def is_working_day(self, d: date) -> bool:
        return d.toordinal() in self._year(d.year)[1]

    def covers(self, year: int) -> bool:
        """Whether the official schedule of this year is known (shipped or imported data, or overrides)."""
        return year in self.years

    def uncovered_year(self, start: date, end: date) -> int | None:
        """The first year from `start` to `end` whose official schedule is not known (None: all are)."""
        return next((y for y in range(start.year, end.year + 1) if not self.covers(y)), None)

    def exceptions(self, year: int) -> list[CalendarException]:
        """Weekdays not worked (`off`) and weekend days worked (`work`) in a year, sorted by day."""
        return sorted(self._year(year)[0].values())

    # -- arithmetic -----------------------------------------------------------------------------------
    # `_table` = (first year, last year, base, ordinals): the sorted ordinals of the working days of those
    # contiguous years, `base` being the index of the first one, so indexes stay valid when the table grows
    # either way. It is replaced as a whole, never changed in place, so threads may share a calendar.
    def _ensure(self, first_year: int, last_year: int) -> _Table:
        """The table, grown if needed to cover the years first_year..last_year."""
        table = self._table
        if table is not None and table.lo <= first_year and last_year <= table.hi:
            return table
        with self._lock:
            table = self._table
            if table is None:
                _check_year(first_year)
                _check_year(last_year)
                ordinals = [o for y in range(first_year, last_year + 1) for o in self._sorted(y)]
                table = _Table(first_year, last_year, 0, tuple(ordinals))
            else:
                lo, hi, base = min(table.lo, first_year), max(table.hi, last_year), table.base
                _check_year(lo)
                _check_year(hi)
                head = [o for y in range(lo, table.lo) for o in self._sorted(y)]
                tail = [o for y in range(table.hi + 1, hi + 1) for o in self._sorted(y)]
                table = _Table(lo, hi, base - len(head), (*head, *table.ordinals, *tail))
            self._table = table
            return table

    def _sorted(self, year: int) -> list[int]:
        return sorted(self._year(year)[1])

    def working_day_index(self, d: date) -> int:
        """Index of the first working day on or after d; consecutive working days differ by one."""
        o = d.toordinal()
        table = self._ensure(d.year, d.year)
        j = bisect_left(table.ordinals, o)
        while j == len(table.ordinals):  # d is after the last working day of its year
            table = self._ensure(table.lo, table.hi + 1)
            j = bisect_left(table.ordinals, o)
        return j + table.base

    def day_at_index(self, index: int) -> date:
        """The working day with this index (inverse of `working_day_index`)."""
        table = self._table
        if table is None:
            raise ValueError("working-day indexes come from working_day_index() of the same calendar")
        while index - table.base >= len(table.ordinals):
            table = self._ensure(table.lo, table.hi + 1)
        while index < table.base:
            table = self._ensure(table.lo - 1, table.hi)
        return date.fromordinal(table.ordinals[index - table.base])

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after d (before d when n < 0); d itself when n == 0."""
        if n == 0:
            return d
        if n > 0:
            table = self._ensure(d.year, d.year)
            return self.day_at_index(bisect_right(table.ordinals, d.toordinal()) + table.base + n - 1)
        return self.day_at_index(self.working_day_index(d) + n)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after d."""
        return self.add_working_days(d, 1)

    def __repr__(self) -> str:
        return f"WorkCalendar({self.version!r})"


def overrides_digest(overrides: Iterable[CalendarException]) -> str:
    """A short, order-independent hash of override content, for the calendar version."""
    lines = sorted(f"{e.day.isoformat()} {e.kind}" for e in overrides)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:8]


def build_calendar(
    shipped: CalendarData,
    extra_overrides: Iterable[CalendarException] = (),
    imported: CalendarData | None = None,
) -> WorkCalendar:
    """The shipped schedule over the `holidays` package, an imported schedule, plus extra overrides.

    Of the shipped and the imported schedule, the newer version (`version_key`) is layered last and
    replaces the older one for every year it lists. Extra overrides come on top (later ones win) and also
    mark their years as known. (`desktop.store.calendar_files.load_calendar` reads the shipped file.)
    """
    layers = [shipped] if imported is None else [shipped, imported]
    layers.sort(key=lambda layer: version_key(layer.version))  # stable: on a tie the import wins
    merged: dict[date, CalendarException] = {}
    proposals: list[CalendarException] = []
    years: set[int] = set()
    for layer in layers:
        listed = set(layer.years)
        merged = {d: e for d, e in merged.items() if d.year not in listed}
        merged.update((e.day, e) for e in layer.exceptions)
        proposals = [e for e in proposals if e.day.year not in listed] + list(layer.unadopted)
        years |= listed
    extras: dict[date, CalendarException] = {}
    for exc in extra_overrides:
        extras[exc.day] = exc
    merged.update(extras)
    version = "+".join(layer.version for layer in layers) + f"/h{_holidays_version()}"
    if extras:
        version += f"/ov-{overrides_digest(extras.values())}"
    years |= {d.year for d in extras}
    unadopted = [e for e in proposals if e.day not in merged]
    return WorkCalendar(merged, version, years, unadopted)

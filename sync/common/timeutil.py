"""Local time of the counter, and the one clock of the application.

Vietnam has one time zone, +07:00, with no daylight saving.

Everything that needs "now" or "today" asks `now_local()` / `today_local()` (never `datetime.now()` or
`date.today()`), so the date can be pinned:

- in a process, `set_clock(fn)` replaces the clock (tests; `None` restores it);
- for a whole process tree, `MOTCUA_NOW` shifts the clock: an ISO date (taken at 09:00) or date-time
  (naive = Vietnam time), optionally followed by `@` and the Unix time at which that instant was current.
  The clock then runs on from there. Without `@…` the shift is counted from the start of the process;
  with it, every process given the same value (a test and the `motcua`/`motcua-server` processes it
  starts) reads the same running clock. Production sets neither: the real clock.
"""

from __future__ import annotations

import os
import time as _time
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache

VN_TZ = timezone(timedelta(hours=7), "ICT")
NOW_ENV = "MOTCUA_NOW"
DATE_ONLY_AT = time(9, 0)  # a `MOTCUA_NOW` without a time of day: the counter is open

_PROCESS_START = _time.time()


class _Pinned:
    clock: Callable[[], datetime] | None = None  # set_clock()


def now_local() -> datetime:
    """The current time as an aware datetime in +07:00 (pinned or shifted in tests, see above)."""
    if _Pinned.clock is not None:
        return as_local(_Pinned.clock())
    spec = os.environ.get(NOW_ENV, "").strip()
    now = datetime.now(VN_TZ)
    return now + _shift(spec) if spec else now


def today_local() -> date:
    """Today's date at the counter."""
    return now_local().date()


def set_clock(clock: Callable[[], datetime] | None) -> None:
    """Make `clock` this process's clock (naive results are Vietnam time); `None` gives the real one back."""
    _Pinned.clock = clock


def shifted_clock_spec(start: datetime, at: float | None = None) -> str:
    """The `MOTCUA_NOW` value that makes every process read `start` at Unix time `at` (default: now)."""
    return f"{as_local(start).isoformat()}@{_time.time() if at is None else at:.6f}"


@lru_cache(maxsize=16)
def _shift(spec: str) -> timedelta:
    text, _, anchor = spec.partition("@")
    try:
        start = parse_moment(text)
        real = float(anchor) if anchor else _PROCESS_START
    except ValueError:
        raise ValueError(
            f"{NOW_ENV}={spec!r}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][+07:00], optionally @unix-time"
        ) from None
    return start - datetime.fromtimestamp(real, VN_TZ)


def parse_moment(text: str) -> datetime:
    """`YYYY-MM-DD` (at 09:00) or an ISO date-time (naive = Vietnam time) as an aware datetime."""
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), DATE_ONLY_AT, VN_TZ)
    return as_local(datetime.fromisoformat(text))


def as_local(value: datetime) -> datetime:
    """Naive datetimes are taken as Vietnam local time; aware ones are converted to it."""
    if value.tzinfo is None:
        return value.replace(tzinfo=VN_TZ)
    return value.astimezone(VN_TZ)

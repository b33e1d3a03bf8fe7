"""`sync.common.timeutil` (the one clock, the time zone), shared with the reference server, under its old name."""

from sync.common.timeutil import (
    DATE_ONLY_AT,
    NOW_ENV,
    VN_TZ,
    as_local,
    now_local,
    parse_moment,
    set_clock,
    shifted_clock_spec,
    today_local,
)

__all__ = [
    "DATE_ONLY_AT",
    "NOW_ENV",
    "VN_TZ",
    "as_local",
    "now_local",
    "parse_moment",
    "set_clock",
    "shifted_clock_spec",
    "today_local",
]

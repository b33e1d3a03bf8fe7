"""Local time of the counter: Vietnam has one time zone, +07:00, with no daylight saving."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")


def now_local() -> datetime:
    """The current time as an aware datetime in +07:00."""
    return datetime.now(VN_TZ)


def as_local(value: datetime) -> datetime:
    """Naive datetimes are taken as Vietnam local time; aware ones are converted to it."""
    if value.tzinfo is None:
        return value.replace(tzinfo=VN_TZ)
    return value.astimezone(VN_TZ)

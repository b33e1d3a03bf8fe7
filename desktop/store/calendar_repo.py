"""The store side of the legal clock: calendar overrides and the unit's office hours.

`CalendarOverride` rows (the province's schedule updates, or an administrator's local correction) are
layered over the shipped schedule by `load_calendar`; rows are applied in insertion order, so for one day
the newest row wins. The resulting `WorkCalendar.version` carries a digest of the applied overrides.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.appointment import OfficeHours
from desktop.core.calendar import CalendarException, WorkCalendar, load_calendar
from desktop.store.models import CalendarOverride, Unit


def stored_overrides(session: Session) -> list[CalendarException]:
    """Every override row, oldest first."""
    rows = session.scalars(select(CalendarOverride).order_by(CalendarOverride.id))
    return [CalendarException(row.day, row.kind, row.reason) for row in rows]


def calendar_for(session: Session) -> WorkCalendar:
    """The shipped schedule plus this store's overrides."""
    return load_calendar(stored_overrides(session))


def save_overrides(
    session: Session, exceptions: Iterable[CalendarException], version: str, source: str = "server"
) -> int:
    """Store a schedule update (idempotent per day and version); returns the number of new rows."""
    added = 0
    for exc in exceptions:
        existing = session.scalars(
            select(CalendarOverride).where(
                CalendarOverride.day == exc.day, CalendarOverride.version == version
            )
        ).first()
        if existing is not None:
            existing.kind, existing.reason, existing.source = exc.kind, exc.reason, source
            continue
        session.add(
            CalendarOverride(day=exc.day, kind=exc.kind, reason=exc.reason, version=version, source=source)
        )
        added += 1
    session.flush()
    return added


def office_hours_of(unit: Unit | None) -> OfficeHours:
    """The unit's office hours (`Unit.office_hours` JSON), or the default sessions."""
    return OfficeHours.from_dict(unit.office_hours if unit is not None else None)

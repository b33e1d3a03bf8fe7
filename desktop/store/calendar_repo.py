"""The store side of the legal clock: the imported schedule, calendar overrides and the unit's office hours.

An imported civil-service schedule (`desktop.services.calendar_import`) is kept as `CalendarOverride` rows
with `source="import"` plus the setting `calendar_schedule` (JSON: version, years, unadopted proposals,
when); each import replaces the earlier one for the years it lists and keeps the others.

The other `CalendarOverride` rows (the province's single-day updates, or an administrator's local
correction) are layered over both by `load_calendar`; rows are applied in insertion order, so for one day
the newest row wins. The resulting `WorkCalendar.version` carries a digest of the applied overrides.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.appointment import OfficeHours
from desktop.core.calendar import CalendarData, CalendarException, WorkCalendar
from desktop.core.timeutil import now_local
from desktop.store import settings
from desktop.store.calendar_files import load_calendar
from desktop.store.models import CalendarOverride, Unit

IMPORT_SOURCE = "import"


def stored_overrides(session: Session) -> list[CalendarException]:
    """Every override row that is not part of the imported schedule, oldest first."""
    rows = session.scalars(
        select(CalendarOverride).where(CalendarOverride.source != IMPORT_SOURCE).order_by(CalendarOverride.id)
    )
    return [CalendarException(row.day, row.kind, row.reason) for row in rows]


def imported_schedule(session: Session) -> CalendarData | None:
    """The schedule imported into this profile (all imports merged), or None."""
    meta = settings.get(session, settings.CALENDAR_SCHEDULE)
    if not meta:
        return None
    info = json.loads(meta)
    rows = session.scalars(
        select(CalendarOverride)
        .where(CalendarOverride.source == IMPORT_SOURCE)
        .order_by(CalendarOverride.day)
    )
    return CalendarData(
        version=str(info["version"]),
        years=tuple(int(y) for y in info["years"]),
        exceptions=tuple(CalendarException(row.day, row.kind, row.reason) for row in rows),
        unadopted=tuple(CalendarException.from_dict(e) for e in info.get("unadopted", ())),
    )


def calendar_for(session: Session) -> WorkCalendar:
    """The shipped schedule, the imported one and this store's overrides."""
    return load_calendar(stored_overrides(session), imported_schedule(session))


def store_imported_schedule(session: Session, data: CalendarData, source: str = IMPORT_SOURCE) -> None:
    """Replace the imported schedule for the years `data` lists (other years are kept). The caller holds
    the transaction and has checked `data` (`desktop.core.calendar_schedule.parse_schedule`)."""
    previous = imported_schedule(session)
    listed = set(data.years)
    kept_years = {y for y in previous.years if y not in listed} if previous else set()
    kept_unadopted = [e for e in previous.unadopted if e.day.year not in listed] if previous else []
    rows = session.scalars(select(CalendarOverride).where(CalendarOverride.source == IMPORT_SOURCE))
    for row in rows:
        if row.day.year in listed:
            session.delete(row)
    session.flush()
    save_overrides(session, data.exceptions, data.version, source=IMPORT_SOURCE)
    info = {
        "version": data.version,
        "years": sorted(kept_years | listed),
        "unadopted": [e.to_dict() for e in [*kept_unadopted, *data.unadopted]],
        "source": source,
        "imported_at": now_local().isoformat(timespec="seconds"),
    }
    settings.put(session, settings.CALENDAR_SCHEDULE, json.dumps(info, ensure_ascii=False))
    session.flush()


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

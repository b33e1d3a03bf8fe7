"""Loading a newer civil-service schedule into the profile (Qt-free; `motcua calendar import`, later the sync).

The government announces each year's swaps (days off, Saturdays worked) late in the year before; a commune
must be able to apply them without a new release. `import_schedule` takes an already parsed and checked
document (`desktop.core.calendar_schedule.parse_schedule`), refuses a version older than the schedule in
force, and stores it in one transaction (`desktop.store.calendar_repo.store_imported_schedule`);
`apply_schedule` does the same inside a caller's transaction. From then on appointments,
`motcua calendar due|off`, the intake's coverage warning and the calendar version stored with each new
dossier all use it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.core.calendar import CalendarData, version_key
from desktop.core.errors import ValidationError
from desktop.store.calendar_files import shipped_schedule
from desktop.store.calendar_repo import (
    IMPORT_SOURCE,
    calendar_for,
    imported_schedule,
    store_imported_schedule,
)
from desktop.store.engine import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportedSchedule:
    """What an import changed, and the calendar now in force."""

    version: str  # of the imported document
    years: tuple[int, ...]  # the years it gave
    days: int  # its exceptions
    calendar_version: str  # WorkCalendar.version now (stored with new dossiers)
    covered_years: tuple[int, ...]  # every year whose official schedule is now known


def schedule_version_in_force(data: Iterable[CalendarData]) -> str:
    """The newest version among the given schedule layers."""
    return max((layer.version for layer in data), key=version_key)


def apply_schedule(session: Session, data: CalendarData, source: str = IMPORT_SOURCE) -> ImportedSchedule:
    """Check `data` (already parsed by `parse_schedule`) against the schedule in force and store it, in the
    caller's transaction (the sync applies it together with the rest of a pull)."""
    layers = [shipped_schedule()]
    previous = imported_schedule(session)
    if previous is not None:
        layers.append(previous)
    in_force = schedule_version_in_force(layers)
    if version_key(data.version) < version_key(in_force):
        raise ValidationError(
            f"Lịch phiên bản {data.version} cũ hơn lịch đang dùng ({in_force}); không nạp.", "version"
        )
    store_imported_schedule(session, data, source)
    calendar = calendar_for(session)
    log.info("calendar schedule %s imported (%s): years %s", data.version, source, data.years)
    return ImportedSchedule(data.version, data.years, len(data.exceptions), calendar.version, calendar.years)


def import_schedule(store: Store, data: CalendarData, source: str = IMPORT_SOURCE) -> ImportedSchedule:
    """Store `data` (checked by `parse_schedule`) over the shipped schedule, in one transaction."""
    with store.transaction() as session:
        return apply_schedule(session, data, source)

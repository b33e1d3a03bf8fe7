"""Storing a checked civil-service schedule over the one in force, inside a caller's transaction: the path
shared by `motcua calendar import` (`desktop.services.calendar_import`) and the sync
(`sync.client.reference`, which may not import services)."""

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

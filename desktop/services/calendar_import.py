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

from desktop.core.calendar import CalendarData
from desktop.store.calendar_apply import ImportedSchedule, apply_schedule, schedule_version_in_force
from desktop.store.calendar_repo import IMPORT_SOURCE
from desktop.store.engine import Store

__all__ = ["ImportedSchedule", "apply_schedule", "import_schedule", "schedule_version_in_force"]


def import_schedule(store: Store, data: CalendarData, source: str = IMPORT_SOURCE) -> ImportedSchedule:
    """Store `data` (checked by `parse_schedule`) over the shipped schedule, in one transaction."""
    with store.transaction() as session:
        return apply_schedule(session, data, source)

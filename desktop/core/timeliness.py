"""Whether a dossier's result came early, on time or late against its appointment (lifecycle §1, §6).

`current_due` is the extended appointment when there is one, else `due_at`; `finished_at` is the end of
processing (result ready, stop, refusal, withdrawal), never the return. Early = finished on a day before
the appointment's day; on time = on the appointment's day, not after its time; late = after it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from desktop.core.timeutil import as_local


class Timeliness(StrEnum):
    """The printed words are the form labels `result_<value>` (`resources/forms/labels_vi.json`)."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"


def current_due(due_at: datetime | None, extended_due_at: datetime | None) -> datetime | None:
    """The appointment in force: the extended one when there is one."""
    return extended_due_at or due_at


def timeliness(finished: datetime | None, due: datetime | None) -> Timeliness | None:
    """Early, on time or late; None while there is no result or no appointment."""
    if finished is None or due is None:
        return None
    finished, due = as_local(finished), as_local(due)
    if finished > due:
        return Timeliness.LATE
    return Timeliness.ON_TIME if finished.date() == due.date() else Timeliness.EARLY

"""The worklists' queries (definitions in `desktop.core.worklists`): one WHERE clause per list, a count and
a page sorted by `current_due` (oldest first, then rowid).

`current_due` is the expression `coalesce(extended_due_at, due_at)`, indexed together with the status
(`ix_dossiers_status_current_due`), so each list is one or three range scans of that index; today's returns
use `ix_dossiers_returned_at`. Times are compared as the ISO strings `LocalDateTime` stores (+07:00, with
microseconds), which sort like the moments they name. Rows are plain frozen dataclasses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.core.worklists import CLOCK_LIST_STATUSES, STATUS_OF, Moments, Worklist
from desktop.store.list_keys import read_time
from desktop.store.models import LocalDateTime

CURRENT_DUE = "coalesce(extended_due_at, due_at)"
_CLOCK = "status IN (" + ", ".join(f"'{s.value}'" for s in CLOCK_LIST_STATUSES) + ")"
_WHERE: dict[Worklist, str] = {
    Worklist.TO_HAND_OVER: "status = :status",
    Worklist.DUE_TODAY: f"{_CLOCK} AND {CURRENT_DUE} >= :now AND {CURRENT_DUE} < :tomorrow",
    Worklist.DUE_SOON: f"{_CLOCK} AND {CURRENT_DUE} >= :now AND {CURRENT_DUE} < :soon_end",
    Worklist.OVERDUE: f"{_CLOCK} AND {CURRENT_DUE} < :now",
    Worklist.WAITING_SUPPLEMENT: "status = :status",
    Worklist.FINANCIAL: "status = :status",
    Worklist.READY: "status = :status",
    Worklist.RETURNED_TODAY: "+status = :status AND returned_at >= :start AND returned_at < :tomorrow",
    Worklist.ONLINE_WAITING: "status = :status",
    Worklist.NEEDS_REVIEW: "review_note != ''",
}
_INDEX: dict[Worklist, str] = {
    Worklist.RETURNED_TODAY: "ix_dossiers_returned_at",
    Worklist.NEEDS_REVIEW: "ix_dossiers_review",
}
_DEFAULT_INDEX = "ix_dossiers_status_current_due"


@dataclass(frozen=True, slots=True)
class WorklistEntry:
    """One dossier of a worklist, as stored; `since` is when its wait began (supplement request, result)."""

    id: str
    code: str
    applicant_name: str
    procedure_code: str
    procedure_name: str
    status: str
    received_at: datetime
    current_due: datetime | None
    returned_at: datetime | None
    since: datetime | None
    review_note: str = ""


def _stored(value: datetime) -> str:
    stored = LocalDateTime().process_bind_param(value, None)
    assert stored is not None
    return stored


def _params(worklist: Worklist, at: Moments) -> dict[str, Any]:
    params: dict[str, Any] = {
        "now": _stored(at.now),
        "tomorrow": _stored(at.tomorrow),
        "soon_end": _stored(at.due_soon_end),
        "start": _stored(at.start_of_today),
    }
    if worklist in STATUS_OF:
        params["status"] = STATUS_OF[worklist].value
    return params


def _source(worklist: Worklist) -> str:
    return f"dossiers INDEXED BY {_INDEX.get(worklist, _DEFAULT_INDEX)}"


def count(session: Session, worklist: Worklist, at: Moments) -> int:
    sql = f"SELECT count(*) FROM {_source(worklist)} WHERE {_WHERE[worklist]}"
    return int(session.execute(text(sql), _params(worklist, at)).scalar_one())


def counts(session: Session, at: Moments) -> dict[Worklist, int]:
    """Every list's count."""
    return {worklist: count(session, worklist, at) for worklist in Worklist}


_SINCE = {
    Worklist.WAITING_SUPPLEMENT: "(SELECT max(p.started_at) FROM dossier_pauses AS p "
    "WHERE p.dossier_id = d.id AND p.ended_at IS NULL)",
    Worklist.READY: "d.result_ready_at",
    Worklist.ONLINE_WAITING: "d.submitted_at",
}


def fetch(
    session: Session, worklist: Worklist, at: Moments, limit: int = 500, offset: int = 0
) -> list[WorklistEntry]:
    """A page of the list, by `current_due` then rowid."""
    page = (
        f"SELECT rowid AS rid FROM {_source(worklist)} WHERE {_WHERE[worklist]} "
        f"ORDER BY {CURRENT_DUE}, rowid LIMIT :limit OFFSET :offset"
    )
    since = _SINCE.get(worklist, "NULL")
    sql = (
        "SELECT d.id, d.code, a.full_name, p.code, p.name, d.status, d.received_at, "
        f"coalesce(d.extended_due_at, d.due_at), d.returned_at, {since}, d.review_note "
        f"FROM ({page}) AS page JOIN dossiers AS d ON d.rowid = page.rid "
        "JOIN applicants AS a ON a.id = d.applicant_id JOIN procedures AS p ON p.id = d.procedure_id "
        "ORDER BY coalesce(d.extended_due_at, d.due_at), d.rowid"
    )
    params = {**_params(worklist, at), "limit": max(0, limit), "offset": max(0, offset)}
    return [_entry(values) for values in session.execute(text(sql), params)]


def _entry(values: Sequence[Any]) -> WorklistEntry:
    received = read_time(values[6])
    assert received is not None
    return WorklistEntry(
        id=values[0],
        code=values[1],
        applicant_name=values[2],
        procedure_code=values[3],
        procedure_name=values[4],
        status=values[5],
        received_at=received,
        current_due=read_time(values[7]),
        returned_at=read_time(values[8]),
        since=read_time(values[9]),
        review_note=values[10],
    )

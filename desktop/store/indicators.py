"""The indicators' queries (definitions in `desktop.core.indicators`): one SQL condition per figure, used both
to count (one pass over the dossiers of the period, `sum(CASE …)`) and to list the dossiers behind a figure
(`figure_rows`), so the dashboard's count and its list never disagree.

Times are compared as the ISO strings `LocalDateTime` stores (+07:00, microseconds), which sort like the
moments they name; a day is the first ten characters. Pauses are joined once per dossier, aggregated.
Handling time is counted in the same pass, on a temporary table of working-day indexes the calendar fills.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.core.indicators import CHANNELS, Counts
from desktop.core.timeutil import VN_TZ
from desktop.store.day_figures import DIGITISED_SQL, DUE, SYNCED_SQL
from desktop.store.day_figures import UNSYNCED as UNSYNCED
from desktop.store.due_history import DUE_AT, due_changes, fill_due_at
from desktop.store.list_keys import read_time, stored_time
from desktop.store.queries import FEES_PAID_SQL

# the working days after a day up to and including another: `temp.indicator_days` maps each day to the index
# of the first working day after it (`_fill_days`), so the span from day a to day b is idx(b) − idx(a)
WORKDAYS = "(SELECT idx FROM temp.indicator_days WHERE day = substr({0}, 1, 10))"


def _span(first: str, last: str) -> str:
    return f"({WORKDAYS.format(last)} - {WORKDAYS.format(first)})"


# per dossier: its supplement rounds, the start of a pause open at :at, the working days of its closed pauses
def _pauses(days: bool) -> str:
    paused = (
        f"sum(CASE WHEN ended_at IS NOT NULL THEN {_span('started_at', 'ended_at')} END)" if days else "0"
    )
    return (
        "LEFT JOIN (SELECT dossier_id, count(*) AS rounds, max(CASE WHEN started_at < :at "
        "AND (ended_at IS NULL OR ended_at >= :at) THEN started_at END) AS open_start, "
        f"{paused} AS paused_days FROM dossier_pauses GROUP BY dossier_id) p ON p.dossier_id = d.id"
    )


PAUSES = _pauses(days=False)
RECEIVED = "d.received_at >= :start AND d.received_at < :end AND d.status != 'registered'"
RECEIVED766 = f"{RECEIVED} AND d.status != 'refused'"
# (`+d.status`: read along the index on `finished_at`, not the status's, which holds most dossiers)
RESOLVED = "+d.status IN ('result_ready', 'returned') AND d.finished_at >= :start AND d.finished_at < :end"
LATE = f"d.finished_at > {DUE}"
EARLY = f"NOT ({LATE}) AND substr(d.finished_at, 1, 10) < substr({DUE}, 1, 10)"
ENDED = "('refused', 'withdrawn', 'stopped', 'result_ready', 'returned')"  # statuses whose processing ended
# a row of an ended status without `finished_at` (made before it was stamped) has ended too, at a time unknown
IN_PROGRESS = (
    "d.status NOT IN ('registered', 'refused') AND d.received_at < :end "
    f"AND (d.finished_at >= :end OR (d.finished_at IS NULL AND d.status NOT IN {ENDED}))"
)
OVERDUE = f"{IN_PROGRESS} AND {DUE_AT} < coalesce(p.open_start, :at)"
D766 = (
    "d.status NOT IN ('registered', 'refused') AND d.received_at < :end "
    "AND (d.finished_at IS NULL OR d.finished_at >= :start)"
)
END766 = "CASE WHEN d.finished_at < :end THEN d.finished_at ELSE coalesce(p.open_start, :at) END"
D766_LATE = f"{D766} AND (coalesce(p.rounds, 0) > 1 OR {END766} > {DUE_AT})"


def _closed(status: str) -> str:
    return f"d.status = '{status}' AND coalesce(d.finished_at, d.received_at) >= :start AND coalesce(d.finished_at, d.received_at) < :end"


# figure -> the condition that puts a dossier in it (the keys are the dashboard's and the JSON's)
FIGURES: dict[str, str] = {
    "received": RECEIVED,
    "resolved": RESOLVED,
    "resolved_early": f"{RESOLVED} AND {EARLY}",
    "resolved_on_time": f"{RESOLVED} AND NOT ({LATE}) AND NOT ({EARLY})",
    "resolved_late": f"{RESOLVED} AND {LATE}",
    "resolved_late_original_due": f"{RESOLVED} AND d.finished_at > d.due_at",
    "in_progress": IN_PROGRESS,
    "in_progress_on_time": f"{IN_PROGRESS} AND NOT ({OVERDUE})",
    "overdue": OVERDUE,
    "withdrawn": _closed("withdrawn"),
    "stopped": _closed("stopped"),
    "refused": _closed("refused"),
    "synced": f"{RECEIVED} AND {SYNCED_SQL}",
    "unsynced": f"{RECEIVED} AND NOT ({SYNCED_SQL})",
    "digitised": f"{RECEIVED} AND {DIGITISED_SQL}",
    "supplement_requests": "EXISTS (SELECT 1 FROM dossier_pauses q WHERE q.dossier_id = d.id "
    "AND q.started_at >= :start AND q.started_at < :end)",
}
_COUNTED = [
    "received", "resolved", "resolved_early", "resolved_late", "resolved_late_original_due", "in_progress",
    "overdue", "withdrawn", "stopped", "refused", "synced", "unsynced",
]  # fmt: skip
# the rows that can be in any figure: received before the end, not finished before the start; written as
# three terms SQLite reads from the indexes on `received_at` and `finished_at` (a month reads its own rows
# and the open ones, not every dossier received before it ends)
_SCOPE = (
    "((d.received_at >= :start AND d.received_at < :end) OR (d.finished_at >= :start AND d.received_at < :end)"
    " OR (d.finished_at IS NULL AND d.received_at < :end))"
)


# the dossiers still open at P's end (finished after it or not at all)
_OPEN = "+d.received_at < :end AND (d.finished_at IS NULL OR d.finished_at >= :end)"


def _prepare(session: Session, params: dict[str, Any], at: datetime) -> None:
    """The due at `at` of the dossiers open at P's end whose appointment moved since (`due_history`)."""
    fill_due_at(session, _OPEN, params, at)


def _n(condition: str) -> str:
    return f"sum(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def _params(start: datetime, end: datetime, at: datetime) -> dict[str, Any]:
    return {"start": stored_time(start), "end": stored_time(end), "at": stored_time(at)}


def _fill_days(session: Session, end: datetime, index: Callable[[date], int]) -> None:
    """`temp.indicator_days`: each day from the first receipt to the period's end, with `index(day)`."""
    session.execute(
        text(
            "CREATE TEMP TABLE IF NOT EXISTS indicator_days (day TEXT PRIMARY KEY, idx INTEGER) WITHOUT ROWID"
        )
    )
    session.execute(text("DELETE FROM temp.indicator_days"))
    first = session.execute(text("SELECT min(received_at) FROM dossiers")).scalar_one()
    if first is None:
        return
    day, last = date.fromisoformat(first[:10]), end.date()
    rows = []
    while day <= last:
        rows.append({"day": day.isoformat(), "idx": index(day)})
        day += timedelta(days=1)
    if rows:
        session.execute(text("INSERT INTO temp.indicator_days (day, idx) VALUES (:day, :idx)"), rows)


def count_figures_scan(
    session: Session, start: datetime, end: datetime, at: datetime, index: Callable[[date], int]
) -> Counts:
    """The counts of [start, end) judged at `at`, in one pass over the dossiers; `index(day)` = the index of
    the first working day after `day` (`desktop.core.indicators.first_after`). The definition the summary
    (`count_figures`) must always equal; used when a bound is not a day's start."""
    _fill_days(session, end, index)
    params = _params(start, end, at)
    _prepare(session, params, at)
    handling = f"{_span('d.received_at', 'd.finished_at')} - coalesce(p.paused_days, 0)"
    columns = [*(_n(FIGURES[name]) for name in _COUNTED)]
    columns += [_n(f"{RECEIVED} AND d.channel = '{c}'") for c in CHANNELS]
    columns += [_n(f"{RECEIVED} AND d.rating = {points}") for points in (1, 2, 3, 4, 5)]
    columns += [_n(c) for c in (RECEIVED766, f"{RECEIVED766} AND {SYNCED_SQL}",
                                f"{RECEIVED766} AND d.channel = 'online'", D766, D766_LATE,
                                f"{RECEIVED} AND {DIGITISED_SQL}", f"{RECEIVED766} AND {DIGITISED_SQL}")]  # fmt: skip
    columns += [
        f"sum(CASE WHEN {RECEIVED} THEN {FEES_PAID_SQL} END)",
        f"sum(CASE WHEN {RESOLVED} THEN {handling} END)",
    ]
    sql = f"SELECT {', '.join(columns)} FROM dossiers d {_pauses(days=True)} WHERE {_SCOPE}"
    values = [int(v or 0) for v in session.execute(text(sql), params).one()]
    named = dict(zip(_COUNTED, values, strict=False))
    rest = values[len(_COUNTED) :]
    received766, synced766, online766, d766, d766_late, digitised, digitised766, fees, handling_days = rest[
        8:
    ]
    supplements = session.execute(
        text("SELECT count(*) FROM dossier_pauses WHERE started_at >= :start AND started_at < :end"), params
    ).scalar_one()
    return Counts(
        **named,
        by_channel=dict(zip(CHANNELS, rest[:3], strict=True)),
        ratings={points: n for points, n in zip((1, 2, 3, 4, 5), rest[3:8], strict=True) if n},
        supplement_requests=int(supplements),
        digitised=digitised,
        fees_collected=fees,
        handling_days=handling_days,
        received766=received766,
        synced766=synced766,
        online766=online766,
        digitised766=digitised766,
        d766=d766,
        d766_late=d766_late,
    )


def _whole_day(moment: datetime) -> str | None:
    """The day `moment` starts (as stored), or None when it is not a day's start."""
    day = moment.date()
    return (
        day.isoformat() if stored_time(moment) == stored_time(datetime.combine(day, time(0), VN_TZ)) else None
    )


def _s(condition: str, value: str = "n") -> str:
    return f"sum(CASE WHEN {condition} THEN {value} ELSE 0 END)"


_R, _R766 = "status != 'registered'", "status NOT IN ('registered', 'refused')"
_RECEIVED_COLUMNS = [
    _s(_R), *(_s(f"{_R} AND channel = '{c}'") for c in CHANNELS),
    *(_s(f"{_R} AND rating = {points}") for points in (1, 2, 3, 4, 5)),
    _s(f"{_R} AND synced"), _s(f"{_R} AND NOT synced"), _s(f"{_R} AND digitised"), _s(_R, "fees"),
    _s(_R766), _s(f"{_R766} AND synced"), _s(f"{_R766} AND channel = 'online'"), _s(f"{_R766} AND digitised"),
]  # fmt: skip
_RS = "f.status IN ('result_ready', 'returned') AND f.finished"
_FINISHED_COLUMNS = [
    _s(_RS), _s(f"{_RS} AND timeliness = 1"), _s(f"{_RS} AND timeliness = 2"), _s(f"{_RS} AND late_original"),
    *(_s(f"f.status = '{status}'") for status in ("withdrawn", "stopped", "refused")),
    _s(f"f.{_R766} AND f.finished"), _s(f"f.{_R766} AND f.finished AND late766"),
    _s(_RS, "f.n * (fd.idx - rd.idx)"),
]  # fmt: skip


def count_figures(
    session: Session, start: datetime, end: datetime, at: datetime, index: Callable[[date], int]
) -> Counts:
    """The counts of [start, end) judged at `at` (`index` as in `count_figures_scan`, which they always
    equal): from the per-day summary (`desktop.store.day_figures`) for what was received or ended in P, and
    the dossiers open at P's end one by one."""
    first, last = _whole_day(start), _whole_day(end)
    if first is None or last is None:
        return count_figures_scan(session, start, end, at, index)
    _fill_days(session, end, index)
    params = {**_params(start, end, at), "first": first, "last": last}
    _prepare(session, params, at)
    received = session.execute(
        text(
            f"SELECT {', '.join(_RECEIVED_COLUMNS)} FROM figures_received WHERE day >= :first AND day < :last"
        ),
        params,
    ).one()
    finished = session.execute(
        text(
            f"SELECT {', '.join(_FINISHED_COLUMNS)} FROM figures_finished f "
            "LEFT JOIN temp.indicator_days fd ON fd.day = f.day LEFT JOIN temp.indicator_days rd ON rd.day = f.recv_day "
            "WHERE f.day >= :first AND f.day < :last AND f.recv_day < :last"
        ),
        params,
    ).one()
    open_ = session.execute(
        text(
            f"SELECT {', '.join(_n(c) for c in (IN_PROGRESS, OVERDUE, D766, D766_LATE))} "
            f"FROM dossiers d {PAUSES} WHERE {_OPEN}"
        ),
        params,
    ).one()
    paused = session.execute(  # (CROSS JOIN: along the pauses, not the year's resolved dossiers)
        text(
            f"SELECT sum({_span('q.started_at', 'q.ended_at')}) FROM dossier_pauses q "
            f"CROSS JOIN dossiers d ON d.id = q.dossier_id WHERE q.ended_at IS NOT NULL AND {RESOLVED} "
            "AND d.received_at < :end"
        ),
        params,
    ).scalar_one()
    supplements = session.execute(
        text("SELECT count(*) FROM dossier_pauses WHERE started_at >= :start AND started_at < :end"), params
    ).scalar_one()
    r = [int(v or 0) for v in received]
    f = [int(v or 0) for v in finished]
    in_progress, overdue, d766_open, d766_late_open = (int(v or 0) for v in open_)
    return Counts(
        received=r[0],
        by_channel=dict(zip(CHANNELS, r[1:4], strict=True)),
        ratings={points: n for points, n in zip((1, 2, 3, 4, 5), r[4:9], strict=True) if n},
        synced=r[9],
        unsynced=r[10],
        digitised=r[11],
        fees_collected=r[12],
        received766=r[13],
        synced766=r[14],
        online766=r[15],
        digitised766=r[16],
        resolved=f[0],
        resolved_early=f[1],
        resolved_late=f[2],
        resolved_late_original_due=f[3],
        withdrawn=f[4],
        stopped=f[5],
        refused=f[6],
        d766=f[7] + d766_open,
        d766_late=f[8] + d766_late_open,
        handling_days=f[9] - int(paused or 0),
        in_progress=in_progress,
        overdue=overdue,
        supplement_requests=int(supplements),
    )


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One dossier behind a figure."""

    id: str
    code: str
    applicant_name: str
    procedure_code: str
    status: str
    received_at: datetime
    current_due: datetime | None
    finished_at: datetime | None


def figure_rows(
    session: Session, figure: str, start: datetime, end: datetime, at: datetime, limit: int = 1000
) -> Sequence[FigureRow]:
    """The dossiers counted in `figure` (a key of `FIGURES`), the most overdue first (by due, oldest first)."""
    condition = FIGURES[figure]
    params = _params(start, end, at)
    _prepare(session, params, at)
    sql = (
        "SELECT d.id, d.code, a.full_name, pr.code, d.status, d.received_at, "
        f"{DUE_AT} AS due, d.finished_at FROM dossiers d {PAUSES} "
        "JOIN applicants a ON a.id = d.applicant_id JOIN procedures pr ON pr.id = d.procedure_id "
        f"WHERE {_SCOPE} AND {condition} ORDER BY due IS NULL, due, d.rowid LIMIT :limit"
    )
    rows = session.execute(text(sql), {**params, "limit": limit})
    return [
        FigureRow(i, code, name, proc, status, read_time(received) or start, read_time(due), read_time(fin))
        for i, code, name, proc, status, received, due, fin in rows
    ]


@dataclass(frozen=True, slots=True)
class ReportFields:
    """What `motcua dossiers --json` adds for the indicators: the fields a figure is computed from."""

    channel: str
    sync_status: str
    digitised: bool
    pauses: list[tuple[datetime, datetime | None]]
    due_changes: list[tuple[datetime, datetime | None]]  # (recorded at, due in force before) (`due_history`)


def report_fields(session: Session, ids: Sequence[str]) -> dict[str, ReportFields]:
    """The report fields of the dossiers `ids` (one page of the list)."""
    if not ids:
        return {}
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    params = {f"i{n}": value for n, value in enumerate(ids)}
    rows = session.execute(
        text(
            f"SELECT d.id, d.channel, d.sync_status, {DIGITISED_SQL} FROM dossiers d WHERE d.id IN ({marks})"
        ),
        params,
    )
    pauses: dict[str, list[tuple[datetime, datetime | None]]] = {}
    for dossier_id, started, ended in session.execute(
        text(
            f"SELECT dossier_id, started_at, ended_at FROM dossier_pauses WHERE dossier_id IN ({marks}) ORDER BY started_at"
        ),
        params,
    ):
        pauses.setdefault(dossier_id, []).append((read_time(started) or datetime.min, read_time(ended)))
    changes = due_changes(session, ids)
    return {
        dossier_id: ReportFields(
            channel, sync_status, bool(digitised), pauses.get(dossier_id, []), changes.get(dossier_id, [])
        )
        for dossier_id, channel, sync_status, digitised in rows
    }


def weekly_counts(session: Session, start: datetime, weeks: int) -> list[tuple[int, int, int]]:
    """(received, resolved, resolved late) per week of 7 days from `start` (a Monday 00:00), `weeks` weeks,
    by the figures' definitions, from the per-day summary."""
    end = start + timedelta(days=7 * weeks)
    params = {"first": start.date().isoformat(), "last": end.date().isoformat()}
    week = "CAST((julianday(day) - julianday(:first)) / 7 AS INTEGER)"
    table = [[0, 0, 0] for _ in range(weeks)]
    received = session.execute(
        text(
            f"SELECT {week}, sum(n) FROM figures_received WHERE day >= :first AND day < :last AND {_R} GROUP BY 1"
        ),
        params,
    )
    for index, n in received:
        table[index][0] = int(n)
    resolved = session.execute(
        text(
            f"SELECT {week}, sum(n), {_s('timeliness = 2')} FROM figures_finished f "
            f"WHERE day >= :first AND day < :last AND {_RS} GROUP BY 1"
        ),
        params,
    )
    for index, n, late in resolved:
        table[index][1], table[index][2] = int(n), int(late)
    return [(a, b, c) for a, b, c in table]

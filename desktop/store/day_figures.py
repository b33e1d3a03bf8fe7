"""The indicators' per-day summary (schema 9): every dossier counted once in each of two narrow tables, kept
exact by SQLite triggers in the same transaction as any change to a dossier or to what its figures read
(papers, scans, fee lines, pauses, the catalogue's `required` flag), whoever writes it (a service, the sync,
an undo, a bulk copy).

- `figures_received`: per day of receipt × status × channel × rating × synced × digitised: dossiers and
  fees collected (the "received in P" figures).
- `figures_finished`: per day of the end of processing (the receipt's day when unset) × day of receipt ×
  status × finished × timeliness against the appointment in force (0 on time, 1 early, 2 late) × late
  against the original appointment × late for Decision 766 item 2.1 (more than one supplement round, or
  finished after the due): dossiers (resolved, withdrawn, stopped, refused, the 2.1 members that ended in P).

A period of whole days then reads a few thousand summary rows instead of every dossier
(`desktop.store.indicators.count_figures`); the dossiers still open at its end are read one by one. Each
trigger takes the dossier's contribution out BEFORE the change and adds it back AFTER, computed by the
same expressions the figures use (`DIGITISED_SQL`, `FEES_PAID_SQL`, `DUE`).

**Held** (schema 13): a writer of many dossiers at once (a page of `GET /changes`, `sync.client`) takes
their contributions out in one statement per table, writes with the triggers held (they fire only while
`figures_hold` is empty), and adds the contributions back in one statement (`held`): the same figures, at
a third of the cost of the triggers' four statements a row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from desktop.store.models import Attachment, DocumentLine, Dossier, DossierPause, FeeLine
from desktop.store.queries import FEES_PAID_SQL

DUE = "coalesce(d.extended_due_at, d.due_at)"
# a dossier with at least one scan, and a scan on each received paper its procedure requires
DIGITISED_SQL = (
    "(EXISTS (SELECT 1 FROM attachments a0 WHERE a0.dossier_id = d.id AND NOT a0.removed) AND NOT EXISTS ("
    "SELECT 1 FROM document_lines l LEFT JOIN procedure_documents pd ON pd.id = l.procedure_document_id "
    "WHERE l.dossier_id = d.id AND l.received AND coalesce(pd.required, 1) "
    "AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.document_line_id = l.id AND NOT a.removed)))"
)
UNSYNCED = ("pending", "rejected")  # `sync_status` values of a dossier the province does not have yet
SYNCED_SQL = f"d.sync_status NOT IN {UNSYNCED}"

TIMELINESS = (
    f"CASE WHEN d.finished_at > {DUE} THEN 2 "
    f"WHEN substr(d.finished_at, 1, 10) < substr({DUE}, 1, 10) THEN 1 ELSE 0 END"
)
LATE766 = (
    "CASE WHEN (SELECT count(*) FROM dossier_pauses q WHERE q.dossier_id = d.id) > 1 "
    f"OR d.finished_at > {DUE} THEN 1 ELSE 0 END"
)

# table -> (key columns with their expressions over `dossiers d`, value columns with theirs)
_RECEIVED_KEYS = {
    "day": "substr(d.received_at, 1, 10)",
    "status": "d.status",
    "channel": "d.channel",
    "rating": "coalesce(d.rating, 0)",
    "synced": f"CASE WHEN {SYNCED_SQL} THEN 1 ELSE 0 END",
    "digitised": f"CASE WHEN {DIGITISED_SQL} THEN 1 ELSE 0 END",
}
_FINISHED_KEYS = {
    "day": "substr(coalesce(d.finished_at, d.received_at), 1, 10)",
    "recv_day": "substr(d.received_at, 1, 10)",
    "status": "d.status",
    "finished": "d.finished_at IS NOT NULL",
    "timeliness": TIMELINESS,
    "late_original": "CASE WHEN d.finished_at > d.due_at THEN 1 ELSE 0 END",
    "late766": LATE766,
}
TABLES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "figures_received": (_RECEIVED_KEYS, {"n": "1", "fees": FEES_PAID_SQL}),
    "figures_finished": (_FINISHED_KEYS, {"n": "1"}),
}


def _create(table: str) -> str:
    keys, values = TABLES[table]
    columns = [
        f"{k} {'TEXT' if k.endswith('day') or k in ('status', 'channel') else 'INTEGER'} NOT NULL"
        for k in keys
    ]
    columns += [f"{v} INTEGER NOT NULL" for v in values]
    return f"CREATE TABLE {table} ({', '.join(columns)}, PRIMARY KEY ({', '.join(keys)})) WITHOUT ROWID"


def _apply(table: str, sign: str, where: str) -> str:
    """Add (`sign` '+1') or take out ('-1') the contribution of the dossiers `d` matching `where`."""
    keys, values = TABLES[table]
    names = [*keys, *values]
    exprs = [*keys.values(), *(f"{sign} * {e}" for e in values.values())]
    updates = ", ".join(f"{v} = {v} + excluded.{v}" for v in values)
    return (
        f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(exprs)} FROM dossiers d WHERE {where} "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates};"
    )


def _rebuild(table: str) -> str:
    keys, values = TABLES[table]
    exprs = [*keys.values(), *(f"sum({e})" for e in values.values())]
    return (
        f"INSERT INTO {table} ({', '.join([*keys, *values])}) SELECT {', '.join(exprs)} FROM dossiers d "
        f"GROUP BY {', '.join(str(n + 1) for n in range(len(keys)))}"
    )


# source table -> (the summary tables it changes, the columns that matter, the dossiers of a row R)
_BOTH = ("figures_received", "figures_finished")
_SOURCES: dict[str, tuple[tuple[str, ...], str, str]] = {
    "attachments": (
        ("figures_received",),
        "dossier_id, document_line_id, removed",
        "d.id IN (R.dossier_id, (SELECT dossier_id FROM document_lines WHERE id = R.document_line_id))",
    ),
    "document_lines": (
        ("figures_received",),
        "dossier_id, procedure_document_id, received",
        "d.id = R.dossier_id",
    ),
    "procedure_documents": (
        ("figures_received",),
        "id, required",
        "d.id IN (SELECT dossier_id FROM document_lines WHERE procedure_document_id = R.id)",
    ),
    "fee_lines": (("figures_received",), "dossier_id, amount, state", "d.id = R.dossier_id"),
    "dossier_pauses": (("figures_finished",), "dossier_id", "d.id = R.dossier_id"),
}
_DOSSIER_COLUMNS = (
    "id, received_at, status, channel, rating, sync_status, finished_at, due_at, extended_due_at, "
    "payment_channel, fee_amount"
)


HOLD = "figures_hold"  # a row while a writer keeps the triggers from firing (`held`)
UNLESS_HELD = f"WHEN NOT EXISTS (SELECT 1 FROM {HOLD}) "


def _trigger(
    name: str,
    when: str,
    event: str,
    source: str,
    tables: tuple[str, ...],
    sign: str,
    where: str,
    unless: str = UNLESS_HELD,
) -> str:
    body = " ".join(_apply(t, sign, where) for t in tables)
    return f"CREATE TRIGGER {name} {when} {event} ON {source} {unless}BEGIN {body} END"


def _triggers(unless: str = UNLESS_HELD) -> list[str]:
    out = [
        _trigger("dossiers_fig_ai", "AFTER", "INSERT", "dossiers", _BOTH, "+1", "d.id = new.id", unless),
        _trigger("dossiers_fig_bd", "BEFORE", "DELETE", "dossiers", _BOTH, "-1", "d.id = old.id", unless),
        _trigger(
            "dossiers_fig_bu",
            "BEFORE",
            f"UPDATE OF {_DOSSIER_COLUMNS}",
            "dossiers",
            _BOTH,
            "-1",
            "d.id = old.id",
            unless,
        ),
        _trigger(
            "dossiers_fig_au",
            "AFTER",
            f"UPDATE OF {_DOSSIER_COLUMNS}",
            "dossiers",
            _BOTH,
            "+1",
            "d.id = new.id",
            unless,
        ),
    ]
    for source, (tables, columns, rows) in _SOURCES.items():
        old, new = rows.replace("R.", "old."), rows.replace("R.", "new.")
        both = f"({old} OR {new})"
        for when, sign in (("BEFORE", "-1"), ("AFTER", "+1")):
            tag = when[0].lower()
            out += [
                _trigger(f"{source}_fig_{tag}i", when, "INSERT", source, tables, sign, new, unless),
                _trigger(f"{source}_fig_{tag}d", when, "DELETE", source, tables, sign, old, unless),
                _trigger(
                    f"{source}_fig_{tag}u", when, f"UPDATE OF {columns}", source, tables, sign, both, unless
                ),
            ]
    return out


HOLD_DDL = f"CREATE TABLE {HOLD} (held INTEGER NOT NULL)"
DDL: list[str] = [_create("figures_received"), _create("figures_finished"), HOLD_DDL, *_triggers()]
DDL_V9: list[str] = [_create("figures_received"), _create("figures_finished"), *_triggers(unless="")]


def _grouped(table: str, sign: str, where: str) -> str:
    """Add (`sign` '+1') or take out ('-1') the contribution of the dossiers `d` matching `where`, one
    upsert per summary row they fall in."""
    keys, values = TABLES[table]
    exprs = [*keys.values(), *(f"{sign} * sum({e})" for e in values.values())]
    updates = ", ".join(f"{v} = {v} + excluded.{v}" for v in values)
    return (
        f"INSERT INTO {table} ({', '.join([*keys, *values])}) SELECT {', '.join(exprs)} FROM dossiers d "
        f"WHERE {where} GROUP BY {', '.join(str(n + 1) for n in range(len(keys)))} "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"
    )


_LISTED = "d.id IN (SELECT value FROM json_each(?))"


@contextmanager
def held(conn: Connection, dossier_ids: Iterable[str]) -> Iterator[None]:
    """Inside the caller's transaction: the contributions of `dossier_ids` taken out, the triggers held
    while the body writes, then the contributions of those dossiers as they are now added back (also when
    the body fails, so the summary is exact whatever it wrote). The body must write no other dossier, nor
    the papers, scans, fees or pauses of another: their figures would not follow."""
    ids = (json.dumps(sorted(set(dossier_ids))),)
    for table in TABLES:
        conn.exec_driver_sql(_grouped(table, "-1", _LISTED), ids)
    conn.exec_driver_sql(f"INSERT INTO {HOLD} (held) VALUES (1)")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"DELETE FROM {HOLD}")
        for table in TABLES:
            conn.exec_driver_sql(_grouped(table, "+1", _LISTED), ids)


def differences(conn: Connection) -> int:
    """How many summary rows differ from a recount of the dossiers (0: exact; None-free, read-only)."""
    total = 0
    for table in TABLES:
        keys, values = TABLES[table]
        recount = _rebuild(table).split(" SELECT ", 1)[1]
        kept = f"SELECT * FROM {table} WHERE " + " OR ".join(f"{v} != 0" for v in values)
        total += int(
            conn.exec_driver_sql(
                f"SELECT count(*) FROM (SELECT * FROM (SELECT {recount}) EXCEPT {kept} "
                f"UNION ALL SELECT * FROM ({kept} EXCEPT SELECT {recount}))"
            ).scalar_one()
        )
    return total


def rebuild(conn: Connection) -> None:
    """Recount both tables from the dossiers (the schema step; after a repair)."""
    for table in TABLES:
        conn.exec_driver_sql(f"DELETE FROM {table}")
        conn.exec_driver_sql(_rebuild(table))


def pending_dossiers(session: Session) -> set[str] | None:
    """The ids of the dossiers whose figures the session's unflushed changes touch, to name to `held`;
    None when one of them is not a dossier's row the hold can follow (a catalogue's paper, say)."""
    ids: set[str] = set()
    for row in (*session.new, *session.dirty, *session.deleted):
        if isinstance(row, Dossier):
            if row.id is None:
                return None
            ids.add(row.id)
        elif isinstance(row, DocumentLine | Attachment | FeeLine | DossierPause):
            owner = row.dossier_id or (row.dossier.id if isinstance(row, DocumentLine) else None)
            if owner is None:
                return None
            ids.add(owner)
        elif getattr(row, "__tablename__", "") in _SOURCES:
            return None
    return ids


@contextmanager
def held_flush(session: Session, dossier_ids: Iterable[str]) -> Iterator[None]:
    """`held` for `dossier_ids` and the dossiers the session's unflushed changes touch (flushed by the
    body, with whatever else it writes of those dossiers); the triggers as usual when those changes cannot
    be named (`pending_dossiers`)."""
    pending = pending_dossiers(session)
    if pending is None:
        yield
        return
    with held(session.connection(), pending | set(dossier_ids)):
        yield

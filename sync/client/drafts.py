"""The rows of the dossiers a page of `GET /changes` makes, written without the ORM's unit of work.

A `dossier` item for a dossier this workstation lacks (`sync.client.unit_dossiers`) makes its applicant,
dossier, papers and scans as instances of the models kept out of the session ("drafts", `draft`: their
values set without the ORM's attribute events, their collections plain lists): the folds of its later
events (`sync.client.folds`) work on them as on any dossier. When the run of items is written, their rows
go in with one Core executemany a table, the unset columns given their defaults as a flush would. Written
by hand because the ORM's construction and flush of such new objects (their state tracking, the cascades,
the relationship sync) was three quarters of the time a first pull spent in the store
(`benchmarks/sync_first_pull.py`); SQLAlchemy's own bulk inserts do not cross relationships (the papers'
scans need the papers' ids).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any, TypeVar, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session, class_mapper

from desktop.store.models import Applicant, Attachment, Base, DocumentLine, Dossier, DossierPause

M = TypeVar("M", bound=Base)


def draft(model: type[M], collections: tuple[str, ...] = (), **given: Any) -> M:
    """An instance of `model` outside the session with the `given` values, and the `collections` (its
    relationships to many) as empty plain lists: nothing tracks a draft's changes, its rows are written
    whole (`write_drafts`)."""
    made: M = class_mapper(model).class_manager.new_instance()
    made.__dict__.update(given)
    made.__dict__.update((name, []) for name in collections)
    return made


def values(row: Base) -> dict[str, Any]:
    """Every column of a draft's table: its value, or the column's default (also for a None the column
    does not allow: what the flush would have sent it); an autoincremented key left to the database."""
    given = row.__dict__
    out: dict[str, Any] = {}
    for key, nullable, default, counted in _columns(type(row)):
        value = given.get(key)
        if value is None:
            if counted:
                continue
            if default is not None and (key not in given or not nullable):
                value = default.arg(None) if default.is_callable else default.arg
        out[key] = value
    return out


@cache
def _columns(model: type[Base]) -> tuple[tuple[str, bool, Any, bool], ...]:
    """Each column of `model`'s table: its key, whether it takes NULL, its default, whether the database
    numbers it (an autoincremented key)."""
    table = cast(Table, model.__table__)
    return tuple(
        (column.key, bool(column.nullable), column.default, column is table.autoincrement_column)
        for column in table.columns
    )


def _insert(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """One Core executemany (on the table: the ORM's bulk insert costs as much again) per set of keys
    (an autoincremented key is given for some rows only)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    for group in groups.values():
        session.execute(insert(cast(Table, model.__table__)), group)


def write_drafts(session: Session, applicants: Iterable[Applicant], dossiers: Iterable[Dossier]) -> None:
    """Insert the draft `applicants` and `dossiers` with their papers, scans and pauses (in the caller's
    transaction; the papers numbered after the store's last, so their scans can name them)."""
    made = list(dossiers)
    _insert(session, Applicant, [values(applicant) for applicant in applicants])
    _insert(session, Dossier, [values(dossier) for dossier in made])
    last = session.execute(select(func.coalesce(func.max(DocumentLine.id), 0))).scalar_one()
    lines: list[dict[str, Any]] = []
    scans: list[dict[str, Any]] = []
    pauses: list[dict[str, Any]] = []
    for dossier in made:
        for line in dossier.documents:
            last += 1
            line.id, line.dossier_id = last, dossier.id
            lines.append(values(line))
            for scan in line.attachments:
                scan.document_line_id = line.id
                scans.append(values(scan))
        pauses.extend(values(pause) for pause in dossier.pauses)
    _insert(session, DocumentLine, lines)
    _insert(session, Attachment, scans)
    _insert(session, DossierPause, pauses)

"""What a run of upstream steps in one `GET /changes` page needs from the store, read once for the run
instead of once per step (`sync.client.changes.apply_step`): which of their events are already here, their
dossiers (with their pauses), which of those are held by another workstation, and the last event of each
(its `seq` and `hash`, where the next link of the chain starts).

The dossiers and pauses are read with Core into drafts (`sync.client.drafts.draft`: instances of the models
outside the session, which `take_step` moves as any dossier); when the run ends, the columns the steps
changed are written with one Core executemany per set of columns, the new pauses inserted, the steps'
events written in one executemany, and the dossiers' sync state refreshed (`refresh_dossiers`), the day
summary's triggers held and the run's dossiers recounted at once (`desktop.store.day_figures.held_flush`).
Written without the ORM's loading and flush, which were half of the time of a page of steps
(`benchmarks/sync_upstream_steps.py`); the session's own copies of those rows, if it holds any, are expired.

A run is the consecutive step items of a page: any other item (a `dossier` item appends events, an online
submission creates a dossier) first writes what the run gathered and drops what was read (`settle`), so
every item sees the store as the per-step path would.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session, aliased

from desktop.store.day_figures import held_flush
from desktop.store.models import Dossier, DossierPause, Event
from sync.client.drafts import draft, values
from sync.client.outbox import refresh_dossiers
from sync.client.unit_dossiers import EVENTS, held_elsewhere
from sync.protocol import StepChange

# the columns a step reads (`sync.client.changes.move_by_step`, `take_step`, the page's tally): a draft
# holds only these (another one reads as None: add it here when a step comes to need it)
STEP_READS = (
    Dossier.id,
    Dossier.code,
    Dossier.status,
    Dossier.review_note,
    Dossier.result_kind,
    Dossier.reason,
    Dossier.handed_over_at,
)
DOSSIERS = cast(Table, Dossier.__table__)
PAUSES = cast(Table, DossierPause.__table__)
_COLUMNS = frozenset(DOSSIERS.c.keys())
_UNREAD = object()


class PageSteps:
    """The reads of a run of steps (module docstring), loaded at its first step."""

    loaded: bool
    known: set[str]  # event UUIDs already in the store (or written by this run)
    dossiers: dict[str, Dossier]  # by code
    elsewhere: set[str]  # ids of dossiers received at another workstation
    last: dict[str, tuple[int, str]]  # dossier id -> (seq, hash) of its last event
    rows: list[dict[str, Any]]  # events to write
    read: dict[str, dict[str, Any]]  # dossier id -> its columns as read
    pauses_read: dict[int, Any]  # pause id -> its end as read
    refreshed: set[str]  # ids of the dossiers whose sync state the runs settled so far refreshed

    def __init__(self) -> None:
        self.refreshed = set()
        self._reset()

    def _reset(self) -> None:
        self.loaded, self.known, self.dossiers, self.elsewhere, self.last, self.rows = (
            False,
            set(),
            {},
            set(),
            {},
            [],
        )
        self.read, self.pauses_read = {}, {}

    def load(self, session: Session, items: Sequence[Any]) -> None:
        """Read what the steps among `items` (the run, from its first step on) need."""
        steps = [item for item in items if isinstance(item, StepChange)]
        uuids = {item.event.uuid for item in steps}
        codes = {item.dossier_code for item in steps}
        self.known = set(session.scalars(select(Event.uuid).where(Event.uuid.in_(uuids))))
        for row in session.execute(select(*STEP_READS).where(Dossier.code.in_(codes))):
            read = dict(row._mapping)
            self.read[read["id"]] = read
            self.dossiers[read["code"]] = draft(Dossier, ("pauses",), **read)
        by_id = {dossier.id: dossier for dossier in self.dossiers.values()}
        pauses = select(PAUSES).where(PAUSES.c.dossier_id.in_(list(by_id))).order_by(PAUSES.c.started_at)
        for row in session.execute(pauses):
            pause = draft(DossierPause, **row._mapping)
            self.pauses_read[pause.id] = pause.ended_at
            by_id[pause.dossier_id].pauses.append(pause)
        ids = [dossier.id for dossier in self.dossiers.values()]
        self.elsewhere = set(session.scalars(held_elsewhere().where(Event.dossier_id.in_(ids))))
        later = aliased(Event)
        newest = select(func.max(later.seq)).where(later.dossier_id == Event.dossier_id).scalar_subquery()
        self.last = {
            dossier_id: (seq, hash_)
            for dossier_id, seq, hash_ in session.execute(
                select(Event.dossier_id, Event.seq, Event.hash).where(
                    Event.dossier_id.in_(ids), Event.seq == newest
                )
            )
        }
        self.loaded = True

    def append(self, row: dict[str, Any]) -> None:
        """An event to write; the next step of its dossier chains after it."""
        self.rows.append(row)
        self.known.add(row["uuid"])
        self.last[row["dossier_id"]] = (row["seq"], row["hash"])

    def settle(self, session: Session) -> None:
        """Write what the run changed (module docstring) and forget what was read."""
        if self.rows:
            ids = {row["dossier_id"] for row in self.rows}
            with held_flush(session, ids):
                session.flush()
                self._write(session)
                session.execute(insert(EVENTS), self.rows)  # Core: no ORM bulk step
                refresh_dossiers(session, ids)
            self.refreshed |= ids
            for held in list(session.identity_map.values()):  # the session's copies read the rows again
                if (isinstance(held, Dossier) and held.id in ids) or (
                    isinstance(held, DossierPause) and held.dossier_id in ids
                ):
                    session.expire(held)
        self._reset()

    def _write(self, session: Session) -> None:
        """The columns the steps changed, one executemany per set of columns; the pauses opened and ended."""
        changed: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        new_pauses: list[dict[str, Any]] = []
        ended: list[dict[str, Any]] = []
        for dossier in self.dossiers.values():
            before = self.read[dossier.id]
            now = {k: v for k, v in dossier.__dict__.items() if k in _COLUMNS and before.get(k, _UNREAD) != v}
            if now:
                changed.setdefault(tuple(sorted(now)), []).append({"b_id": dossier.id, **now})
            for pause in dossier.pauses:
                if pause.id is None:
                    new_pauses.append(values(pause))
                elif pause.ended_at != self.pauses_read[pause.id]:
                    ended.append({"b_id": pause.id, "ended_at": pause.ended_at})
        for columns, rows in changed.items():
            statement = update(DOSSIERS).where(DOSSIERS.c.id == bindparam("b_id"))
            session.execute(statement.values({c: bindparam(c) for c in columns}), rows)
        if ended:
            statement = update(PAUSES).where(PAUSES.c.id == bindparam("b_id"))
            session.execute(statement.values(ended_at=bindparam("ended_at")), ended)
        if new_pauses:
            session.execute(insert(PAUSES), new_pauses)

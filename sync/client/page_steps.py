"""What a run of upstream steps in one `GET /changes` page needs from the store, read once for the run
instead of once per step (`sync.client.changes.apply_step`): which of their events are already here, their
dossiers (with their pauses), which of those are held by another workstation, and the last event of each
(its `seq` and `hash`, where the next link of the chain starts). The steps' events are written together,
one executemany, when the run ends, with the dossiers' rows and their sync state (`refresh_dossiers`), the day
summary's triggers held and the run's dossiers recounted at once (`desktop.store.day_figures.held_flush`).

A run is the consecutive step items of a page: any other item (a `dossier` item appends events, an online
submission creates a dossier) first writes the events gathered so far and drops what was read
(`settle`), so every item sees the store as the per-step path would.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, aliased, load_only, selectinload

from desktop.store.day_figures import held_flush
from desktop.store.models import Dossier, Event
from sync.client.outbox import refresh_dossiers
from sync.client.unit_dossiers import EVENTS, held_elsewhere
from sync.protocol import StepChange

# the columns a step reads (`sync.client.changes.move_by_step`, `take_step`, the page's tally); another
# one is loaded when something asks for it
STEP_READS = (
    Dossier.id,
    Dossier.code,
    Dossier.status,
    Dossier.review_note,
    Dossier.result_kind,
    Dossier.reason,
    Dossier.handed_over_at,
)


class PageSteps:
    """The reads of a run of steps (module docstring), loaded at its first step."""

    loaded: bool
    known: set[str]  # event UUIDs already in the store (or written by this run)
    dossiers: dict[str, Dossier]  # by code
    elsewhere: set[str]  # ids of dossiers received at another workstation
    last: dict[str, tuple[int, str]]  # dossier id -> (seq, hash) of its last event
    rows: list[dict[str, Any]]  # events to write
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

    def load(self, session: Session, items: Sequence[Any]) -> None:
        """Read what the steps among `items` (the run, from its first step on) need."""
        steps = [item for item in items if isinstance(item, StepChange)]
        uuids = {item.event.uuid for item in steps}
        codes = {item.dossier_code for item in steps}
        self.known = set(session.scalars(select(Event.uuid).where(Event.uuid.in_(uuids))))
        self.dossiers = {
            dossier.code: dossier
            for dossier in session.scalars(
                select(Dossier)
                .where(Dossier.code.in_(codes))
                .options(load_only(*STEP_READS), selectinload(Dossier.pauses))
            )
        }
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
        """Write the dossiers moved and the events gathered (one executemany), refresh those dossiers' sync
        state, and forget what was read."""
        if self.rows:
            ids = {row["dossier_id"] for row in self.rows}
            with held_flush(session, ids):
                session.flush()
                session.execute(insert(EVENTS), self.rows)  # Core: no ORM bulk step
                refresh_dossiers(session, ids)
            self.refreshed |= ids
        self._reset()

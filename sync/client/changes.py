"""The way back on the workstation (issue 20): applying a page of `GET /changes` to the local store.

A page is applied in ONE local transaction together with its cursor (`CURSOR`, in `SyncState`): the caller
opens it, so a page that fails half-way applies nothing and the cursor stays where it was. Each item:

- `step` (an upstream status change, `sync.protocol.StepChange`): its event (kind `upstream_step`, the
  server's UUID and payload) is appended to the dossier's chain after the workstation's own events and
  goes back to the province with the next push (which knows it by its UUID). Already there (the same page
  delivered twice): nothing more happens. The dossier's status moves by the lifecycle rules (lifecycle
  §7), never last-writer-wins and never losing what the counter entered:
  - the dossier is where the province found it, or the table allows the step from where it is (rule 4):
    the status moves, with the fields the step sets (result ready: `result_ready_at`, `finished_at`, the
    result at the counter; stop, withdrawal: `finished_at`; a supplement request opens a pause);
  - already at that status (rule 1), or returned when the province says result ready (rule 5, the step
    was passed): the event is added, the status stays;
  - otherwise (the counter withdrew or returned it offline, a step backwards: rules 6, 7): the status
    stays and the dossier is flagged "Cần xem lại" (`Dossier.review_note`) with both facts;
  A step on a dossier received at another workstation is left to that workstation: it comes down
  with the dossier's chain once the holder has appended it (`sync.client.unit_dossiers`);
- `dossier` (a dossier another workstation of the unit pushed, `sync.protocol.DossierChange`): the
  events this workstation lacks are kept and the dossier follows them (`sync.client.unit_dossiers`);
- a dossier of another unit, one this workstation does not hold, a malformed step: refused with a reason;
- `online_submission`: a dossier submitted on the public portal becomes a local dossier in status 1
  (`sync.client.online`; its files fetched before the page's transaction);
- `catalogue_version`, `calendar`, `unit_settings`: reference data the province published, installed in force from their
  dates (`sync.client.reference`); one meant for another unit, a broken fee line, a past year: refused;
- a kind this version does not know (a newer server's): skipped with a reason.

Nothing here talks to the network: `sync.engine` fetches the pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import takewhile
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from desktop.core.timeutil import as_local
from desktop.scan.blobstore import BlobStore
from desktop.store.models import Dossier
from sync.client.config import get_state, put_state
from sync.client.online import OnlineRefused, apply_online
from sync.client.outbox import refresh_dossiers
from sync.client.page_steps import PageSteps
from sync.client.reference import Refused as ReferenceRefused
from sync.client.reference import apply_calendar, apply_catalogue, apply_unit_settings
from sync.client.step_moves import move_by_step
from sync.client.unit_dossiers import ChainRefused, PageDossiers, apply_dossier
from sync.events import UpstreamStep, event_hash, read_event
from sync.protocol import (
    CHANGE_CALENDAR,
    CHANGE_CATALOGUE,
    CHANGE_DOSSIER,
    CHANGE_ONLINE,
    CHANGE_STEP,
    CHANGE_UNIT_SETTINGS,
    CalendarChange,
    CatalogueChange,
    ChangesPage,
    DossierChange,
    OnlineSubmissionChange,
    StepChange,
    UnitSettingsChange,
)

CURSOR = "changes_cursor"  # `next_cursor` of the last page applied (SyncState)


@dataclass
class PullTally:
    """What came back in a pass: steps applied, items refused or skipped (each with its reason), and
    items already applied before (a page delivered again)."""

    applied: int = 0
    refused: int = 0
    repeated: int = 0
    review: int = 0  # of those applied: dossiers flagged "Cần xem lại"
    online: int = 0  # of those applied: online submissions waiting at the counter
    reasons: list[str] = field(default_factory=list)
    dossiers: list[str] = field(default_factory=list)  # codes of the unit's dossiers that came down
    installed: list[str] = field(default_factory=list)  # catalogue and calendar versions installed

    def add(self, other: PullTally) -> None:
        self.applied += other.applied
        self.online += other.online
        self.refused += other.refused
        self.repeated += other.repeated
        self.review += other.review
        self.reasons.extend(other.reasons)
        self.dossiers.extend(other.dossiers)
        self.installed.extend(other.installed)


class Refused(Exception):
    """An item not applied; the message (Vietnamese) goes to the pass history."""


def cursor(session: Session) -> str:
    return get_state(session, CURSOR)


@dataclass
class Page:
    """What the items of one page share: where the online submissions' files were fetched, and what its
    current run of steps or of `dossier` items read from the store (`sync.client.page_steps`,
    `sync.client.unit_dossiers.PageDossiers`)."""

    blobs: BlobStore
    steps: PageSteps = field(default_factory=PageSteps)
    dossiers: PageDossiers = field(default_factory=PageDossiers)

    def before(self, session: Session, items: Sequence[Any]) -> None:
        """Before `items[0]`: the other kind's run written out (so the item sees the store as the items
        before it left it), and the reads of the run it starts."""
        kind = items[0].kind
        if kind != CHANGE_STEP:
            self.steps.settle(session)
        if kind != CHANGE_DOSSIER:
            self.dossiers.settle(session)
        reads: PageSteps | PageDossiers | None = None
        if kind == CHANGE_STEP:
            reads = self.steps
        elif kind == CHANGE_DOSSIER:
            reads = self.dossiers
        if reads is not None and not reads.loaded:
            reads.load(session, list(takewhile(lambda item: item.kind == kind, items)))

    def settle(self, session: Session) -> None:
        self.steps.settle(session)
        self.dossiers.settle(session)


def _step(session: Session, item: Any, unit_code: str, page: Page) -> Dossier | None:
    return apply_step(session, item, unit_code, page.steps)


def _online(session: Session, item: Any, unit_code: str, page: Page) -> Dossier | None:
    return apply_online(session, item, unit_code, page.blobs)


def _dossier(session: Session, item: Any, unit_code: str, page: Page) -> Dossier | None:
    return apply_dossier(session, item, unit_code, page.dossiers)


def _catalogue(session: Session, item: Any, unit_code: str, _page: Page) -> str | None:
    return apply_catalogue(session, item, unit_code)


def _calendar(session: Session, item: Any, unit_code: str, _page: Page) -> str | None:
    return apply_calendar(session, item, unit_code)


def _unit_settings(session: Session, item: Any, unit_code: str, _page: Page) -> str | None:
    return apply_unit_settings(session, item, unit_code)


# one function per kind of item: the local dossier it made or moved (reference data: the label of what it
# installed), or None when it was there already; `Refused`/`OnlineRefused`/`ChainRefused`/
# `ReferenceRefused` when it cannot be taken
Applier = Callable[[Session, Any, str, Page], "Dossier | str | None"]
APPLIERS: dict[str, tuple[type[BaseModel], Applier]] = {
    CHANGE_STEP: (StepChange, _step),
    CHANGE_ONLINE: (OnlineSubmissionChange, _online),
    CHANGE_DOSSIER: (DossierChange, _dossier),
    CHANGE_CATALOGUE: (CatalogueChange, _catalogue),
    CHANGE_CALENDAR: (CalendarChange, _calendar),
    CHANGE_UNIT_SETTINGS: (UnitSettingsChange, _unit_settings),
}


def apply_page(session: Session, page: ChangesPage, unit_code: str, blobs: BlobStore) -> PullTally:
    """Apply every item of `page` and store its cursor, inside the caller's transaction (`blobs`: where
    the files of online submissions were fetched)."""
    tally = PullTally()
    touched: dict[str, str] = {}  # dossier id -> the kind of the last item that made or moved it
    context = Page(blobs)
    for position, item in enumerate(page.items):
        context.before(session, page.items[position:])
        try:
            known = APPLIERS.get(item.kind)
            if known is None:
                raise Refused(
                    f"Thay đổi loại '{item.kind}' từ tỉnh chưa được phiên bản này hỗ trợ: đã bỏ qua "
                    "(hãy cập nhật phần mềm)."
                )
            model, apply = known
            if not isinstance(item, model):  # a known kind that did not parse as its model
                raise Refused(
                    f"Một thay đổi loại '{item.kind}' từ tỉnh gửi về không đúng định dạng: đã bỏ qua."
                )
            made = apply(session, item, unit_code, context)
            if made is None:
                tally.repeated += 1
                continue
            if isinstance(made, str):
                tally.applied += 1
                tally.installed.append(made)
                continue
            touched[made.id] = item.kind
            tally.applied += 1
            tally.review += bool(made.review_note)
            tally.online += item.kind == CHANGE_ONLINE
            if item.kind == CHANGE_DOSSIER:
                tally.dossiers.append(made.code)
        except (Refused, OnlineRefused, ChainRefused, ReferenceRefused) as exc:
            tally.refused += 1
            tally.reasons.append(str(exc))
    context.settle(session)
    session.flush()
    # a dossier last moved by a step: its run refreshed it as it wrote (`PageSteps.settle`); one made by a
    # `dossier` item was written with its sync state (`PageDossiers`)
    fresh, written = context.steps.refreshed, context.dossiers.refreshed
    refresh_dossiers(
        session,
        [
            i
            for i, kind in touched.items()
            if not (kind == CHANGE_STEP and i in fresh) and not (kind == CHANGE_DOSSIER and i in written)
        ],
    )
    put_state(session, CURSOR, page.next_cursor)
    return tally


def apply_step(session: Session, item: StepChange, unit_code: str, steps: PageSteps) -> Dossier | None:
    """Append the step's event to its dossier and move the dossier by the rules (module docstring); None
    when the event is already there. Refused when it cannot be taken. `steps`: the store's rows this step
    needs, read once for the page's run of steps (`sync.client.page_steps`)."""
    code = item.dossier_code
    if not code.startswith(unit_code + "-"):
        raise Refused(f"Hồ sơ {code} không thuộc đơn vị {unit_code}: đã bỏ qua bước xử lý tỉnh gửi về.")
    if item.event.uuid in steps.known:
        return None
    dossier = steps.dossiers.get(code)
    if dossier is None:
        raise Refused(f"Hồ sơ {code} không có trong sổ của máy trạm này: đã bỏ qua bước xử lý tỉnh gửi về.")
    if dossier.id in steps.elsewhere:
        return None  # received at another workstation: the step comes with its chain (`unit_dossiers`)
    step = read_event(item.event.type, item.event.payload)
    if not isinstance(step, UpstreamStep) or step.code != code or step.status_code != item.status_code:
        raise Refused(f"Bước xử lý tỉnh gửi về cho hồ sơ {code} không đúng định dạng: đã bỏ qua.")
    at = as_local(item.at)
    _append(steps, dossier, item, at)
    move_by_step(dossier, step, at)
    return dossier


def _append(steps: PageSteps, dossier: Dossier, item: StepChange, at: datetime) -> None:
    """The province's event, next in the dossier's chain, by the province (no officer, the server's
    time); pending, so the next push takes it back to the province."""
    last = steps.last.get(dossier.id)
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, "")
    event = item.event
    steps.append(
        {
            "uuid": event.uuid,
            "dossier_id": dossier.id,
            "seq": seq,
            "type": event.type,
            "payload": event.payload,
            "officer_id": None,
            "device_time": at,
            "clock_offset_ms": 0,
            "prev_hash": prev_hash,
            "hash": event_hash(prev_hash, event.uuid, seq, event.type, event.payload),
        }
    )

"""Dossiers received at the unit's other workstations, on this one (issue 20, Deliver items 2-3).

An item `dossier` of `GET /changes` (`sync.protocol.DossierChange`, written by `sync.server.unit_dossiers`)
carries a dossier another workstation of the unit pushed: the province's record and the whole chain of
its events. `apply_dossier`, inside the page's transaction (`sync.client.changes.apply_page`):

- checks the chain first: each event's hash recomputed from its payload (`sync.events.event_hash`), each
  `prev_hash` the hash before, sequences from 1 without a hole; a broken chain, a dossier of another unit,
  or a first event that is not the intake is refused with its reason and nothing of it is kept;
- keeps the events it lacks (by UUID) with `push_status` `remote`: held by the province already and by
  another workstation, never pushed by this one; a dossier whose intake came that way is held elsewhere
  (`held_elsewhere`: the end-of-day check leaves it out, the province's steps on it come with its chain);
- a new dossier gets its rows from the intake snapshot (`sync.events.Received`): the applicant, the
  dossier, its papers and the scans' rows (the scans themselves are fetched when the dossier is opened,
  `sync.client.scan_fetch`), with the list and search keys, so the list, search, worklists and reports
  see it; then each event the province accepted moves it (`sync.client.folds`: status and the fields each
  step sets, as the services set them; an event the province refused is kept in the chain without effect).

**Acting on it.** An officer here records a step like on any dossier: the service appends the event after
the last one this workstation has seen and the push sends it; the province takes it when the chain and
the shared action table allow it from the status it holds (`sync.server.unit_dossiers`), and announces it
to the others, which keep it like any event of the chain. The chain stays one history: its positions
are the province's, and events are append-only on both ends (never renumbered or re-hashed).

**Two workstations acting offline on the same dossier** (lifecycle §7, never last-writer-wins): the
first push takes the positions; the second is answered `conflict`. When the first's events come down to
the second workstation, its own events at those positions stay in its history, set aside with the reason
(rule 9: never dropped, never sent into a history they do not follow), the first's events are not kept
there, and the dossier is flagged "Cần xem lại" (`Dossier.review_note`, the worklist of its own) with
both facts, for an officer to decide. The first workstation and the province keep the one history.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session, selectinload

from desktop.core.status import LABELS_VI, Status, national_code
from desktop.core.timeutil import as_local, now_local
from desktop.store.day_figures import held_flush
from desktop.store.list_keys import list_values
from desktop.store.models import (
    Applicant,
    Attachment,
    DocumentLine,
    Dossier,
    Event,
    Procedure,
    Unit,
    new_uuid,
)
from sync.client.drafts import draft, write_drafts
from sync.client.folds import fold
from sync.client.status import Row, sync_state
from sync.common.lifecycle import BY_CODE
from sync.events import (
    ApplicantSnapshot,
    Received,
    TypedEvent,
    event_hash,
    read_event,
)
from sync.protocol import ChainEvent, DossierChange

REMOTE = "remote"  # Event.push_status of an event that came from another workstation through the province
UNTAKEN = ("pending", "conflict", "invalid")
EVENTS = cast(Table, Event.__table__)  # this workstation's events the province has not placed


class ChainRefused(Exception):
    """A `dossier` item not kept; the message (Vietnamese) goes to the pass history."""


def held_elsewhere() -> Any:
    """The ids of the dossiers received at another workstation (their intake came down), as a subquery."""
    return select(Event.dossier_id).where(Event.seq == 1, Event.push_status == REMOTE)


class PageDossiers:
    """What a run of `dossier` items of one page (consecutive items of that kind) needs from the store,
    read once at its first item instead of once per item: the events held of each of their dossiers, the
    dossiers themselves (with pauses, papers and scans), the codes in use, the applicants of their intake
    snapshots, the procedures and the unit. The dossiers the run makes are added to the session and
    flushed together, their events written in one executemany (`settle`, before any other kind of item
    and at the end of the page), so each item sees what the items before it made."""

    loaded: bool
    held: dict[str, dict[str, tuple[int, str]]]  # dossier id -> {event uuid: (seq, push_status)}
    dossiers: dict[str, Dossier]  # by id: in the store, or made by this run
    codes: dict[str, str]  # dossier code -> id, of the codes the run names and those it made
    applicants: dict[str, Applicant]  # by id
    asked: set[str]  # the applicant ids looked up in the store (those not in `applicants` are not there)
    unit: Unit | None
    procedures: dict[str, Procedure | None]  # by code: the active version first
    rows: list[dict[str, Any]]  # events to write
    drafts: dict[str, Dossier]  # by id: the dossiers the run made, not yet written (`sync.client.drafts`)
    new_applicants: list[Applicant]  # the applicants the run made, not yet written

    refreshed: set[str]  # ids of the dossiers made whose sync state was written with them

    def __init__(self) -> None:
        self.refreshed = set()
        self._reset()

    def _reset(self) -> None:
        self.loaded, self.held, self.dossiers, self.codes = False, {}, {}, {}
        self.applicants, self.asked, self.procedures, self.rows, self.unit = {}, set(), {}, [], None
        self.drafts, self.new_applicants = {}, []

    def load(self, session: Session, items: list[Any]) -> None:
        run = [item for item in items if isinstance(item, DossierChange)]
        ids = [item.dossier_id for item in run]
        for dossier_id, uuid, seq, status in session.execute(
            select(Event.dossier_id, Event.uuid, Event.seq, Event.push_status).where(
                Event.dossier_id.in_(ids)
            )
        ):
            self.held.setdefault(dossier_id, {})[uuid] = (seq, status)
        loading = select(Dossier).where(Dossier.id.in_(ids))
        self.dossiers = {dossier.id: dossier for dossier in session.scalars(loading.options(*_NESTED))}
        codes = [item.dossier_code for item in run]
        self.codes = {
            code: dossier_id
            for code, dossier_id in session.execute(
                select(Dossier.code, Dossier.id).where(Dossier.code.in_(codes))
            )
        }
        named = self.asked = {_applicant_id(item) for item in run} - {""}
        self.applicants = {a.id: a for a in session.scalars(select(Applicant).where(Applicant.id.in_(named)))}
        self.unit = session.scalars(select(Unit).order_by(Unit.id)).first()
        self.loaded = True

    def procedure(self, session: Session, code: str) -> Procedure | None:
        if code not in self.procedures:
            with session.no_autoflush:
                self.procedures[code] = session.scalars(
                    select(Procedure).where(Procedure.code == code).order_by(Procedure.active.desc())
                ).first()
        return self.procedures[code]

    def append(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if row["dossier_id"] not in self.drafts:  # an event on a dossier already written: refresh it
            self.refreshed.discard(row["dossier_id"])
        self.held.setdefault(row["dossier_id"], {})[row["uuid"]] = (row["seq"], row["push_status"])

    def write(self, session: Session, reread: bool = True) -> None:
        """The dossiers made and moved and the events gathered, into the store, the day summary's triggers
        held and the run's dossiers recounted at once (`day_figures.held_flush`). What was read is kept:
        the dossiers made are read back as the session's (unless `reread` is False: the run ends)."""
        self._sync_state()
        with held_flush(session, self.dossiers):
            session.flush()
            write_drafts(session, self.new_applicants, self.drafts.values())
            if self.rows:
                session.execute(insert(EVENTS), self.rows)  # Core: no ORM bulk step
                self.rows = []
        made, self.drafts, self.new_applicants = list(self.drafts), {}, []
        if reread and made:
            loading = select(Dossier).where(Dossier.id.in_(made)).options(*_NESTED)
            self.dossiers.update((dossier.id, dossier) for dossier in session.scalars(loading))
            applicants = select(Applicant).where(Applicant.id.in_(list(self.applicants)))
            self.applicants = {applicant.id: applicant for applicant in session.scalars(applicants)}

    def _sync_state(self) -> None:
        """Each dossier made: its sync state from the events gathered for it (`sync.client.status`), set on
        the draft, so it is inserted with it instead of updated after (its scans are the province's: none
        waiting to go)."""
        events: dict[str, list[Row]] = {dossier_id: [] for dossier_id in self.drafts}
        for row in self.rows:
            if row["dossier_id"] in events:
                events[row["dossier_id"]].append(
                    (row["seq"], row["type"], row["push_status"], row.get("push_error", ""), row["pushed_at"])
                )
        for dossier_id, rows in events.items():
            state = sync_state(sorted(rows, key=lambda row: row[0]))
            dossier = self.drafts[dossier_id]
            dossier.sync_status = "pending" if state.state == "none" else state.state
            dossier.sync_error = state.message
        self.refreshed |= set(events)

    def settle(self, session: Session) -> None:
        """`write`, then forget what was read."""
        if self.loaded:
            self.write(session, reread=False)
        self._reset()


_NESTED = (  # what the folds of a dossier's events read and move
    selectinload(Dossier.pauses),
    selectinload(Dossier.documents).selectinload(DocumentLine.attachments),
)


def _applicant_id(item: DossierChange) -> str:
    """The applicant's id in the item's intake snapshot ("" when it has none or is not first)."""
    first = item.events[0].payload if item.events and item.events[0].seq == 1 else {}
    applicant = first.get("applicant") if isinstance(first, dict) else None
    given = applicant.get("id") if isinstance(applicant, dict) else None
    return given if isinstance(given, str) else ""


def apply_dossier(
    session: Session, item: DossierChange, unit_code: str, known: PageDossiers
) -> Dossier | None:
    """Keep what this workstation lacks of the dossier (module docstring); None when it had it all.
    `known`: the store's rows of the page's run of `dossier` items (`PageDossiers`, loaded)."""
    code = item.dossier_code
    if not code.startswith(unit_code + "-"):
        raise ChainRefused(f"Hồ sơ {code} không thuộc đơn vị {unit_code}: đã bỏ qua hồ sơ tỉnh gửi về.")
    _check_chain(item)
    held = dict(known.held.get(item.dossier_id, {}))
    new = [event for event in item.events if event.uuid not in held]
    if not new:
        return None
    bodies = [_typed(event, code) for event in new]  # all readable before anything is written
    dossier = known.dossiers.get(item.dossier_id)
    if dossier is None:
        if code in known.codes:
            raise ChainRefused(f"Mã hồ sơ {code} đã dùng cho một hồ sơ khác của máy trạm này: đã bỏ qua.")
        if new[0].seq != 1:
            raise ChainRefused(f"Hồ sơ {code} tỉnh gửi về thiếu phần tiếp nhận: đã bỏ qua.")
        dossier = _create(session, item, bodies[0], known)
        known.dossiers[dossier.id], known.codes[code] = dossier, dossier.id
        known.drafts[dossier.id] = dossier
    if _diverged(session, dossier, item, held, new[0].seq, known):
        return dossier
    for event, body in zip(new, bodies, strict=True):
        known.append(_row(item.dossier_id, event))
        if event.status == "accepted":
            fold(dossier, body, as_local(event.occurred_at))
    return dossier


def _check_chain(item: DossierChange) -> None:
    before = ""
    for position, event in enumerate(item.events, start=1):
        if not event.payload:
            raise ChainRefused(
                f"Hồ sơ {item.dossier_code} được gửi lên tỉnh bởi phiên bản cũ của phần mềm: tỉnh không giữ đủ "
                "dữ liệu để chép sang máy trạm này, đã bỏ qua."
            )
        intact = (
            event.seq == position
            and event.prev_hash == before
            and event_hash(event.prev_hash, event.uuid, event.seq, event.type, event.payload) == event.hash
        )
        if not intact:
            raise ChainRefused(
                f"Lịch sử hồ sơ {item.dossier_code} tỉnh gửi về không khớp mã kiểm tra (thay đổi #{event.seq}): "
                "đã bỏ qua, hãy báo quản trị hệ thống tỉnh."
            )
        before = event.hash


def _typed(event: ChainEvent, code: str) -> TypedEvent:
    try:
        return read_event(event.type, event.payload)
    except ValueError:
        raise ChainRefused(
            f"Thay đổi #{event.seq} của hồ sơ {code} tỉnh gửi về không đọc được: đã bỏ qua."
        ) from None


def _row(dossier_id: str, event: ChainEvent) -> dict[str, Any]:
    return {
        "uuid": event.uuid,
        "dossier_id": dossier_id,
        "seq": event.seq,
        "type": event.type,
        "payload": event.payload,
        "officer_id": None,
        "device_time": as_local(event.occurred_at),
        "clock_offset_ms": event.clock_offset_ms,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
        "push_status": REMOTE,
        "pushed_at": now_local(),
    }


def _diverged(
    session: Session,
    dossier: Dossier,
    item: DossierChange,
    held: dict[str, tuple[int, str]],
    first_new: int,
    known: PageDossiers,
) -> bool:
    """Whether this workstation appended, at the positions the province gave to another's events, events
    of its own the province has not taken (both acted offline). Then those stay in this workstation's
    history, set aside (`conflict`, with the reason: never sent into a history they do not follow, never
    dropped), the other's events are not kept, and the dossier is flagged "Cần xem lại" with both facts.
    A position held by an event the province had taken is a fork it does not know: refused."""
    chain = {event.uuid for event in item.events}
    clash = {uuid for uuid, (seq, _status) in held.items() if seq >= first_new and uuid not in chain}
    if not clash:
        return False
    known.write(session)
    mine = list(session.scalars(select(Event).where(Event.uuid.in_(clash)).order_by(Event.seq)))
    if any(event.push_status not in UNTAKEN for event in mine):
        raise ChainRefused(
            f"Lịch sử hồ sơ {item.dossier_code} trên máy trạm này khác với tỉnh: đã bỏ qua, hãy báo "
            "quản trị hệ thống tỉnh."
        )
    there = BY_CODE.get(item.record.TrangThaiHoSo or 0)
    theirs = LABELS_VI[there] if there is not None else "không rõ"
    last = item.events[-1]
    fact = (
        f"Máy trạm khác đã ghi hồ sơ ở '{theirs}' lúc {as_local(last.occurred_at):%H:%M %d/%m/%Y}; "
        f"máy này ghi '{LABELS_VI[Status(dossier.status)]}' khi chưa kết nối"
    )
    for event in mine:
        event.push_status = "conflict"
        event.push_error = f"{fact}: thay đổi được giữ lại trên máy này, chưa gửi lên tỉnh."
    dossier.review_note = f"{fact}. Cần xem lại và quyết định."
    return True


def _create(session: Session, item: DossierChange, intake: TypedEvent, known: PageDossiers) -> Dossier:
    """The rows of a dossier received elsewhere, from its intake snapshot: drafts, outside the session,
    written with the run's (`PageDossiers.write`, `sync.client.drafts`)."""
    if not isinstance(intake, Received):
        raise ChainRefused(f"Hồ sơ {item.dossier_code} tỉnh gửi về không bắt đầu bằng tiếp nhận: đã bỏ qua.")
    procedure, unit = known.procedure(session, intake.procedure.code), known.unit
    if procedure is None or unit is None:
        raise ChainRefused(
            f"Thủ tục {intake.procedure.code} của hồ sơ {item.dossier_code} chưa có trong danh mục của máy "
            "trạm này: đã bỏ qua (hãy cập nhật danh mục)."
        )
    snap = intake.applicant
    applicant = known.applicants.get(snap.id) if snap.id else None
    if applicant is None and snap.id and snap.id not in known.asked:
        with session.no_autoflush:  # not one the run made (those are in `known`)
            applicant = session.get(Applicant, snap.id)
    if applicant is None:
        columns = set(Applicant.__table__.columns.keys()) - {"id", "created_at"}
        given = {name: getattr(snap, name) for name in columns & set(ApplicantSnapshot.model_fields)}
        values = {name: value for name, value in given.items() if value is not None}
        applicant = draft(Applicant, id=snap.id or new_uuid(), **values)
        known.new_applicants.append(applicant)
        if snap.id:
            known.applicants[snap.id] = applicant
    received = as_local(intake.received_at or item.events[0].occurred_at)
    sub = intake.submitter
    dossier = draft(
        Dossier,
        ("documents", "pauses"),
        id=item.dossier_id,
        code=item.dossier_code,
        unit_id=unit.id,
        procedure_id=procedure.id,
        applicant_id=applicant.id,
        officer_id=None,
        status=Status(intake.status or Status.RECEIVED.value).value,
        status_code=national_code(Status(intake.status or Status.RECEIVED.value)),
        channel=intake.channel,
        delivery=intake.delivery,
        delivery_address=intake.delivery_address,
        submitter_name=sub.name,
        submitter_id_number=sub.id_number,
        submitter_phone=sub.phone,
        summary=intake.summary,
        notes=intake.notes,
        sets_count=intake.sets_count,
        submitted_at=as_local(intake.submitted_at) if intake.submitted_at else received,
        received_at=received,
        due_at=as_local(intake.due_at) if intake.due_at else None,
        calendar_version=intake.calendar_version,
        time_rule=intake.time_rule,
        register_number=intake.register_number,
        fee_amount=intake.fee_amount,
        **list_values(
            code=item.dossier_code,
            applicant_name=snap.full_name,
            id_number=snap.id_number,
            phone=snap.phone,
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            submitter_name=sub.name,
            submitter_id_number=sub.id_number,
            submitter_phone=sub.phone,
        ),
    )
    for position, doc in enumerate(intake.documents, start=1):
        line = draft(
            DocumentLine,
            ("attachments",),
            dossier_id=dossier.id,
            position=doc.position or position,
            name=doc.name,
            originals=doc.originals,
            copies=doc.copies,
            received=doc.received,
            missing_note=doc.missing_note,
        )
        dossier.documents.append(line)
        for index, scan in enumerate(doc.attachments, start=1):
            line.attachments.append(
                draft(
                    Attachment,
                    id=scan.id or new_uuid(),
                    dossier_id=dossier.id,
                    position=index,
                    sha256=scan.sha256,
                    size=scan.size,
                    pages=scan.pages,
                    mime=scan.mime or "application/pdf",
                    profile=scan.profile,
                    source=scan.source,
                    created_at=received,
                    uploaded_at=now_local(),  # the province holds it: never sent from here
                )
            )
    return dossier

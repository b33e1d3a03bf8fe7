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

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from desktop.core.status import LABELS_VI, Status, national_code
from desktop.core.timeutil import as_local, now_local
from desktop.store.list_keys import list_values
from desktop.store.models import (
    Applicant,
    Attachment,
    DocumentLine,
    Dossier,
    Event,
    Procedure,
    Unit,
)
from sync.client.folds import fold
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
UNTAKEN = ("pending", "conflict", "invalid")  # this workstation's events the province has not placed


class ChainRefused(Exception):
    """A `dossier` item not kept; the message (Vietnamese) goes to the pass history."""


def held_elsewhere() -> Any:
    """The ids of the dossiers received at another workstation (their intake came down), as a subquery."""
    return select(Event.dossier_id).where(Event.seq == 1, Event.push_status == REMOTE)


def apply_dossier(session: Session, item: DossierChange, unit_code: str) -> Dossier | None:
    """Keep what this workstation lacks of the dossier (module docstring); None when it had it all."""
    code = item.dossier_code
    if not code.startswith(unit_code + "-"):
        raise ChainRefused(f"Hồ sơ {code} không thuộc đơn vị {unit_code}: đã bỏ qua hồ sơ tỉnh gửi về.")
    _check_chain(item)
    held = {
        uuid: (seq, status)
        for uuid, seq, status in session.execute(
            select(Event.uuid, Event.seq, Event.push_status).where(Event.dossier_id == item.dossier_id)
        )
    }
    new = [event for event in item.events if event.uuid not in held]
    if not new:
        return None
    bodies = [_typed(event, code) for event in new]  # all readable before anything is written
    dossier = session.get(Dossier, item.dossier_id)
    if dossier is None:
        if session.scalar(select(Dossier.id).where(Dossier.code == code)) is not None:
            raise ChainRefused(f"Mã hồ sơ {code} đã dùng cho một hồ sơ khác của máy trạm này: đã bỏ qua.")
        if new[0].seq != 1:
            raise ChainRefused(f"Hồ sơ {code} tỉnh gửi về thiếu phần tiếp nhận: đã bỏ qua.")
        dossier = _create(session, item, bodies[0])
    if _diverged(session, dossier, item, held, new[0].seq):
        return dossier
    for event, body in zip(new, bodies, strict=True):
        session.add(_row(item.dossier_id, event))
        if event.status == "accepted":
            fold(dossier, body, as_local(event.occurred_at))
    session.flush()
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


def _row(dossier_id: str, event: ChainEvent) -> Event:
    return Event(
        uuid=event.uuid,
        dossier_id=dossier_id,
        seq=event.seq,
        type=event.type,
        payload=event.payload,
        officer_id=None,
        device_time=as_local(event.occurred_at),
        clock_offset_ms=event.clock_offset_ms,
        prev_hash=event.prev_hash,
        hash=event.hash,
        push_status=REMOTE,
        pushed_at=now_local(),
    )


def _diverged(
    session: Session, dossier: Dossier, item: DossierChange, held: dict[str, tuple[int, str]], first_new: int
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


def _create(session: Session, item: DossierChange, intake: TypedEvent) -> Dossier:
    """The rows of a dossier received elsewhere, from its intake snapshot."""
    if not isinstance(intake, Received):
        raise ChainRefused(f"Hồ sơ {item.dossier_code} tỉnh gửi về không bắt đầu bằng tiếp nhận: đã bỏ qua.")
    procedure = session.scalars(
        select(Procedure).where(Procedure.code == intake.procedure.code).order_by(Procedure.active.desc())
    ).first()
    unit = session.scalars(select(Unit).order_by(Unit.id)).first()
    if procedure is None or unit is None:
        raise ChainRefused(
            f"Thủ tục {intake.procedure.code} của hồ sơ {item.dossier_code} chưa có trong danh mục của máy "
            "trạm này: đã bỏ qua (hãy cập nhật danh mục)."
        )
    snap = intake.applicant
    applicant = session.get(Applicant, snap.id) if snap.id else None
    if applicant is None:
        columns = set(Applicant.__table__.columns.keys()) - {"id", "created_at"}
        given = {name: getattr(snap, name) for name in columns & set(ApplicantSnapshot.model_fields)}
        values = {name: value for name, value in given.items() if value is not None}
        applicant = Applicant(**({"id": snap.id} if snap.id else {}), **values)
        session.add(applicant)
    received = as_local(intake.received_at or item.events[0].occurred_at)
    sub = intake.submitter
    dossier = Dossier(
        id=item.dossier_id,
        code=item.dossier_code,
        unit=unit,
        procedure=procedure,
        applicant=applicant,
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
    session.add(dossier)
    for position, doc in enumerate(intake.documents, start=1):
        line = DocumentLine(
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
                Attachment(
                    **({"id": scan.id} if scan.id else {}),
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
    session.flush()
    set_committed_value(dossier, "pauses", [])  # a new dossier has none: the folds need not ask the store
    return dossier

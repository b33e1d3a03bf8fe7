"""Taking in a batch of events: idempotent, per-dossier order, one answer per event (design §3).

The whole batch is one transaction, read with three queries (the batch's known UUIDs, its dossiers and
their codes) and written with one flush of the dossiers plus one multi-row insert of the events, which
is what makes ingest fast on PostgreSQL (benchmarks/sync_push.py). Answers:

- `duplicate`: the UUID is stored with the same content (a retry after a lost response);
- `conflict`: the UUID, or the dossier's sequence number, is taken by other content;
- `gap`: an earlier event of the dossier is missing; `expected_seq` says which one to send;
- `rejected`: stored but not applied, with a Vietnamese reason and the offending field; among them an
  event whose `hash` is not that of its content (`sync.events`: recomputed from the `payload` received;
  the chain itself, `prev_hash` = the dossier's last hash, is checked first and answered `conflict`), and
  one that does not fit the dossier's history (`sync.server.history`: the officer's unit, its moment,
  fields fixed at reception, the status change by the shared action table);
- `accepted`: stored and folded into the dossier's state.

A dossier marked as demo data (`MoRong.demo`, `sync.protocol.is_demo`) is answered `rejected` and not
stored at all, unless the server is a training server (`motcua-server --training`): synthetic dossiers
never reach a real commune, and a retry gets the same answer.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from sync.events import UpstreamStep, content_fault
from sync.protocol import (
    SUPPLEMENT_TIMES,
    EventResult,
    WireEvent,
    content_digest,
    field_label,
    from_dvcqg_time,
    is_demo,
    merge_record,
)
from sync.server.history import NOT_STEPS, Rejection, history_fault, moment
from sync.server.models import ServerDossier, ServerEvent, ServerOfficer, utcnow
from sync.server.upstream import NOT_UPSTREAM, upstream_echoes

CREATE_FIELDS = ("MaHoSo", "MaTTHC", "ChuHoSo", "NgayTiepNhan", "TrangThaiHoSo")
TIME_FIELDS = ("NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy")


def _validate(
    event: WireEvent, dossier: ServerDossier | None, unit_code: str, codes: dict[str, str]
) -> Rejection | None:
    """The province's rules for one event; None when it may be applied."""
    record = event.record
    known = dossier is not None and dossier.code is not None
    if not known:
        for name in CREATE_FIELDS:
            if getattr(record, name) in (None, ""):
                return Rejection(
                    f"Thiếu {field_label(name)}: hồ sơ chưa được tỉnh tiếp nhận nên cần đủ thông tin ban đầu.",
                    name,
                )
    times = [(name, getattr(record, name)) for name in TIME_FIELDS]
    for entry in record.DanhSachHoSoBoSung or []:
        times += [("DanhSachHoSoBoSung", getattr(entry, name)) for name in SUPPLEMENT_TIMES]
    times += [("DanhSachGiayToKetQua", entry.NgayKy) for entry in record.DanhSachGiayToKetQua or []]
    for name, value in times:
        if value is not None:
            try:
                from_dvcqg_time(value)
            except ValueError:
                return Rejection(f"Thời điểm '{value}' không hợp lệ (định dạng yyyyMMddHHmmss).", name)
    code = record.MaHoSo
    if code is not None:
        if dossier is not None and dossier.code is not None and code != dossier.code:
            return Rejection(f"Không được đổi mã hồ sơ '{dossier.code}' thành '{code}'.", "MaHoSo")
        if not code.startswith(unit_code + "-"):
            return Rejection(f"Mã hồ sơ '{code}' không mang mã định danh của đơn vị {unit_code}.", "MaHoSo")
        owner = codes.get(code)
        if owner is not None and owner != event.dossier_id:
            return Rejection(
                f"Mã hồ sơ '{code}' đã được dùng cho một hồ sơ khác trên hệ thống tỉnh.", "MaHoSo"
            )
    return None


def _tampered(event: WireEvent) -> Rejection | None:
    """The event's hash recomputed from what was received; None when it matches (or, from an older
    client, when no payload came to check)."""
    if event.payload is None:
        return None
    fault = content_fault(event.prev_hash, event.uuid, event.seq, event.type, event.payload, event.hash)
    return Rejection(fault.reason, fault.field) if fault else None


DEMO_REFUSED = (
    "Hồ sơ là dữ liệu mẫu (demo): hệ thống tỉnh thật không nhận. "
    "Dữ liệu mẫu chỉ được gửi lên máy chủ tập huấn."
)


def ingest(
    session: Session,
    events: list[WireEvent],
    unit_id: int,
    unit_code: str,
    device_id: str,
    training: bool = False,
) -> list[EventResult]:
    """Answer every event of a batch, in order; the caller commits. `training`: demo data is taken."""
    uuids = [e.uuid for e in events]
    stored = {
        row.uuid: row
        for row in session.execute(
            select(
                ServerEvent.uuid,
                ServerEvent.digest,
                ServerEvent.status,
                ServerEvent.reason,
                ServerEvent.field,
            ).where(ServerEvent.uuid.in_(uuids))
        )
    }
    dossier_ids = {e.dossier_id for e in events}
    dossiers = {
        d.id: d for d in session.scalars(select(ServerDossier).where(ServerDossier.id.in_(dossier_ids)))
    }
    batch_codes = {e.record.MaHoSo for e in events if e.record.MaHoSo}
    codes: dict[str, str] = {
        code: did
        for code, did in session.execute(
            select(ServerDossier.code, ServerDossier.id).where(ServerDossier.code.in_(batch_codes))
        )
        if code is not None
    }
    steps = _latest_steps(session, list(dossiers))
    officers: dict[str, int] = {
        username: unit
        for username, unit in session.execute(
            select(ServerOfficer.username, ServerOfficer.unit_id).where(
                ServerOfficer.username.in_({e.officer for e in events if e.officer})
            )
        )
    }
    echoes = upstream_echoes(session, events)
    answered: dict[str, EventResult] = {}
    results: list[EventResult] = []
    rows: list[dict[str, Any]] = []
    now = utcnow()
    for event in events:
        body: dict[str, Any] = event.model_dump(mode="json")
        digest = content_digest(body)
        previous = stored.get(event.uuid)
        if previous is not None:
            results.append(
                _repeat(event.uuid, digest, previous.digest, previous.status, previous.reason, previous.field)
            )
            continue
        if event.uuid in answered:  # the same UUID twice in one batch
            first = answered[event.uuid]
            results.append(
                first
                if first.status in ("gap", "conflict")
                else EventResult(uuid=event.uuid, status="duplicate")
            )
            continue
        if not training and is_demo(event.record):
            results.append(
                EventResult(uuid=event.uuid, status="rejected", reason=DEMO_REFUSED, field="MoRong")
            )
            continue
        dossier = dossiers.get(event.dossier_id)
        if dossier is not None and dossier.unit_id != unit_id:
            result = EventResult(
                uuid=event.uuid, status="rejected", reason="Hồ sơ thuộc đơn vị khác.", field="dossier_id"
            )
            answered[event.uuid] = result
            results.append(result)
            continue
        expected = (dossier.last_seq if dossier else 0) + 1
        if event.seq != expected or event.prev_hash != (dossier.last_hash if dossier else ""):
            if event.seq > expected:
                result = EventResult(uuid=event.uuid, status="gap", expected_seq=expected)
            else:
                result = EventResult(
                    uuid=event.uuid,
                    status="conflict",
                    reason="Sự kiện không khớp với lịch sử hồ sơ trên hệ thống tỉnh.",
                    field="seq" if event.seq < expected else "prev_hash",
                    expected_seq=expected,
                )
            answered[event.uuid] = result
            results.append(result)
            continue
        echo = event.uuid in echoes  # an upstream step pushed back: in the chain, applied already
        rejection = _tampered(event) or (
            (None if echo else Rejection(NOT_UPSTREAM, "type"))
            if event.type == UpstreamStep.kind
            else _validate(event, dossier, unit_code, codes)
            or history_fault(
                event,
                dossier.record if dossier is not None else None,
                dossier.status_code if dossier is not None else None,
                steps.get(event.dossier_id),
                officers.get(event.officer or ""),
                unit_id,
                now,
            )
        )
        if dossier is None:
            dossier = ServerDossier(id=event.dossier_id, unit_id=unit_id, record={}, last_seq=0, last_hash="")
            session.add(dossier)
            dossiers[dossier.id] = dossier
        rows.append(
            {
                "uuid": event.uuid,
                "unit_id": unit_id,
                "dossier_id": event.dossier_id,
                "seq": event.seq,
                "type": event.type,
                "digest": digest,
                "body": body,
                "status": "rejected" if rejection else "accepted",
                "reason": rejection.reason if rejection else "",
                "field": rejection.field if rejection else "",
                "device_id": device_id,
                "received_at": now,
            }
        )
        dossier.last_seq = event.seq
        dossier.last_hash = event.hash
        dossier.updated_at = now
        if rejection is None:
            if not echo:
                _apply(dossier, event, codes)
            at = moment(event)
            if event.type not in NOT_STEPS and at is not None:
                steps[event.dossier_id] = at
            result = EventResult(uuid=event.uuid, status="accepted")
        else:
            result = EventResult(
                uuid=event.uuid, status="rejected", reason=rejection.reason, field=rejection.field
            )
        answered[event.uuid] = result
        results.append(result)
    if rows:
        session.flush()  # the new dossiers first (foreign key), then every event in one executemany
        session.execute(insert(ServerEvent), rows)
    return results


def _latest_steps(session: Session, dossier_ids: list[str]) -> dict[str, datetime]:
    """The moment of each dossier's latest accepted step (scans left out), from the events stored."""
    if not dossier_ids:
        return {}
    latest = (
        select(ServerEvent.dossier_id, func.max(ServerEvent.seq).label("seq"))
        .where(
            ServerEvent.dossier_id.in_(dossier_ids),
            ServerEvent.status == "accepted",
            ServerEvent.type.not_in(NOT_STEPS),
        )
        .group_by(ServerEvent.dossier_id)
        .subquery()
    )
    rows = session.execute(
        select(ServerEvent.dossier_id, ServerEvent.body).join(
            latest, (ServerEvent.dossier_id == latest.c.dossier_id) & (ServerEvent.seq == latest.c.seq)
        )
    )
    found = {dossier_id: moment(body) for dossier_id, body in rows}
    return {dossier_id: at for dossier_id, at in found.items() if at is not None}


def _apply(dossier: ServerDossier, event: WireEvent, codes: dict[str, str]) -> None:
    dossier.record = merge_record(dossier.record or {}, event.record)
    record = event.record
    if record.MaHoSo and dossier.code is None:
        dossier.code = record.MaHoSo
        codes[record.MaHoSo] = dossier.id
    if record.TrangThaiHoSo is not None:
        dossier.status_code = record.TrangThaiHoSo
    if record.NgayTiepNhan:
        dossier.received_day = _day(record.NgayTiepNhan)


def _day(value: str) -> date:
    return from_dvcqg_time(value).date()


def _repeat(uuid: str, digest: str, stored_digest: str, status: str, reason: str, field: str) -> EventResult:
    if digest != stored_digest:
        return EventResult(
            uuid=uuid,
            status="conflict",
            reason="Mã sự kiện đã có trên hệ thống tỉnh với nội dung khác.",
            field="uuid",
        )
    if status == "rejected":
        return EventResult(uuid=uuid, status="rejected", reason=reason, field=field or None)
    return EventResult(uuid=uuid, status="duplicate")

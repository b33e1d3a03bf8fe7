"""From the local event log to the wire: typed events (`sync.events`) mapped to the portal's `HoSo` vocabulary.

The intake snapshot (`Received`: its procedure, applicant and papers read as typed attributes) and the
change events use our own field names; this module is the one place that names their DVCQG counterparts
(supplement cycles: `sync.client.supplements`). Fields without a portal name go into `MoRong` unchanged,
so the province receives everything the commune recorded. A value the wire schema refuses (too long,
out of range) is moved into `MoRong` too rather than blocking the dossier; the server then says what is
missing, in Vietnamese. A change that still does not fit raises `Unsendable`: the outbox keeps it as a
local refusal shown on the dossier (`sync.client.outbox`). The stored payload itself travels beside the
record (`WireEvent.payload`) so that the server can recompute the event's hash.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from desktop.store.events import typed
from desktop.store.models import Event
from sync.client.supplements import split_supplement
from sync.events import (
    HASH_MISMATCH,
    ApplicantSnapshot,
    DocumentSnapshot,
    FeeChange,
    FeeLineSnapshot,
    OtherEvent,
    ProcedureRef,
    Rated,
    Received,
    ResultPosted,
    ResultReady,
    ResultReturned,
    TypedEvent,
    attachment_hashes,
    event_hash,
    read_event,
)
from sync.protocol import DEMO_FLAG, HoSo, WireEvent, dvcqg_time_or_none, field_label

CHANNELS = {"direct": 1, "online": 2, "postal": 3}
DELIVERY = {"counter": 0, "postal": 1}
APPLICANT_KINDS = {"person": 1, "organisation": 2}
TIMES = {
    "received_at": "NgayTiepNhan",
    "due_at": "NgayHenTra",
    "returned_at": "NgayTra",
    "finished_at": "NgayKetThucXuLy",
    "result_ready_at": "NgayKetThucXuLy",
    "posted_at": "NgayTra",
}
TEXTS = {
    "code": "MaHoSo",
    "summary": "TrichYeuHoSo",
    "processing_unit": "DonViXuLy",
    "to_unit": "DonViXuLy",  # a hand-over's receiving body (status 4)
    "notes": "GhiChu",
}
# the rating (no portal field): `MoRong.rating` is the level in force (a correction sets it back to null)
RATING_KEYS = {
    "level": "rating",
    "reason": "rating_reason",
    "stage": "rating_stage",
    "source": "rating_source",
}


# `LoaiPhiLePhi` and `HinhThucThu` codes were not found (lifecycle §8): our own reading, lệ phí 1, phí 2 [U]
FEE_KINDS = {"le_phi": 1, "phi": 2}
COUNTER_PAYMENT = 0  # `DuocThanhToanTrucTuyen`: cash or transfer at the counter (1 DVCQG, 2 provincial)
FREE_LINE = "Miễn phí, lệ phí"
# carried by the envelope already
ENVELOPE_KEYS = {"dossier_id", "unit_code"}
# the intake snapshot's parts mapped from its typed attributes
INTAKE_PARTS = {"procedure", "applicant", "documents"}


def _strip_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_strip_nul(k): _strip_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strip_nul(v) for v in value]
    return value


def record_fields(event: TypedEvent, officer: str | None = None) -> dict[str, Any]:
    """The portal fields of one event, plus `MoRong` for the rest (not yet validated). A supplement
    event's cycle goes into `DanhSachHoSoBoSung` (`sync.client.supplements`), with `officer` in it."""
    payload = event.to_payload()
    stripped = _strip_nul(payload)
    if stripped != payload:
        event = (
            OtherEvent(event.kind, stripped)
            if isinstance(event, OtherEvent)
            else read_event(event.kind, stripped)
        )
    supplement, rest = split_supplement(event, officer)
    out: dict[str, Any] = {"DanhSachHoSoBoSung": [supplement]} if supplement else {}
    rest = _result(event, rest, out)
    extra: dict[str, Any] = {}
    if isinstance(event, Received):  # the parts the stored snapshot has
        if "procedure" in rest:
            out.update(_procedure(event.procedure, extra))
        if "applicant" in rest:
            out.update(_applicant(event.applicant, extra))
        if "documents" in rest:
            out.update(_documents(event.documents, extra))
        rest = {k: v for k, v in rest.items() if k not in INTAKE_PARTS}
    if isinstance(event, Rated):
        rest = {RATING_KEYS.get(k, k): v for k, v in rest.items()}
    for key, value in rest.items():
        if key in ENVELOPE_KEYS:
            continue
        if key in TEXTS and isinstance(value, str):
            if value or key == "code":
                out[TEXTS[key]] = value
        elif key in TIMES and dvcqg_time_or_none(value) is not None:
            out[TIMES[key]] = dvcqg_time_or_none(value)
        elif key == "status_code" and isinstance(value, int):
            out["TrangThaiHoSo"] = value
        elif key == "channel" and value in CHANNELS:
            out["KenhThucHien"] = CHANNELS[value]
        elif key == "delivery" and value in DELIVERY:
            out["HinhThuc"] = DELIVERY[value]
        elif key == "fee_amount" and isinstance(value, int) and value >= 0:
            # a free dossier sends an explicit 0 line (lifecycle §3); the fee events give the real lines
            out["DanhSachLePhi"] = [{"TenPhiLePhi": "Lệ phí" if value else FREE_LINE, "Gia": value}]
            out["DuocThanhToanTrucTuyen"] = COUNTER_PAYMENT
        elif key == "lines" and isinstance(event, FeeChange):
            out["DanhSachLePhi"] = [_fee_line(line) for line in event.lines]
            out["DuocThanhToanTrucTuyen"] = COUNTER_PAYMENT
        else:
            extra[key] = value
    if extra:
        out["MoRong"] = extra
    return out


RESULT_DOCUMENT_KEYS = {"document_number", "signer", "issued_at", "result_file_sha256"}
RECEIVER_KINDS_VI = {"owner": "chủ hồ sơ", "authorised": "người được ủy quyền", "other": "người nhận thay"}


def _result(event: TypedEvent, rest: dict[str, Any], out: dict[str, Any]) -> dict[str, Any]:
    """Result ready: its document as `DanhSachGiayToKetQua`; a return: `HinhThuc` 0 at the counter with
    who took it in `ThongTinTra`, 1 by post with the waybill. The keys the portal has no name for stay in
    `rest` (so in `MoRong`)."""
    if isinstance(event, ResultReady):
        if event.document_number or event.signer or event.issued_at or event.result_file_sha256:
            document: dict[str, Any] = {
                "TenGiayTo": "Văn bản từ chối giải quyết"
                if event.result_kind == "refused"
                else "Kết quả giải quyết"
            }
            for name, value in (
                ("SoKyHieu", event.document_number),
                ("NguoiKy", event.signer),
                ("NgayKy", dvcqg_time_or_none(event.issued_at)),
                ("MaTepDinhKem", event.result_file_sha256),
            ):
                if value:
                    document[name] = value
            out["DanhSachGiayToKetQua"] = [document]
        return {k: v for k, v in rest.items() if k not in RESULT_DOCUMENT_KEYS}
    if isinstance(event, ResultReturned):
        out["HinhThuc"] = 0
        if event.receiver:
            who = RECEIVER_KINDS_VI.get(event.receiver_kind, "")
            parts = [f"Người nhận: {event.receiver}" + (f" ({who})" if who else "")]
            if event.receiver_id_number:
                parts.append(f"số giấy tờ: {event.receiver_id_number}")
            if event.authorisation:
                parts.append(f"giấy ủy quyền: {event.authorisation}")
            out["ThongTinTra"] = "; ".join(parts)
    elif isinstance(event, ResultPosted):
        out["HinhThuc"] = 1
        out["ThongTinTra"] = f"Gửi qua bưu chính, mã vận đơn: {event.waybill}"
    return rest


def _fee_line(line: FeeLineSnapshot) -> dict[str, Any]:
    """One `DanhSachLePhi` entry per fee line; an exempted or free line is an explicit `Gia` 0."""
    out: dict[str, Any] = {
        "TenPhiLePhi": line.name,
        "Gia": line.amount,
        "LoaiPhiLePhi": FEE_KINDS.get(line.kind, 1),
    }
    if line.fee_code:
        out["MaPhiLePhi"] = line.fee_code
    if line.method:
        out["HinhThucThu"] = line.method
    return out


def _procedure(procedure: ProcedureRef, extra: dict[str, Any]) -> dict[str, Any]:
    names = {
        "MaTTHC": procedure.code,
        "TenTTHC": procedure.name,
        "MaLinhVuc": procedure.field_code,
        "TenLinhVuc": procedure.field,
    }
    if procedure.model_extra:
        extra["procedure"] = dict(procedure.model_extra)
    return {name: value for name, value in names.items() if value}


def _applicant(applicant: ApplicantSnapshot, extra: dict[str, Any]) -> dict[str, Any]:
    names = {
        "ChuHoSo": applicant.full_name,
        "MaDoiTuong": applicant.id_number,
        "SoDienThoai": applicant.phone,
        "Email": applicant.email,
        "DiaChi": applicant.address,
    }
    out: dict[str, Any] = {name: value for name, value in names.items() if value}
    if applicant.kind in APPLICANT_KINDS:
        out["LoaiDoiTuong"] = APPLICANT_KINDS[applicant.kind]
    named = {"full_name", "id_number", "phone", "email", "address", "kind"}
    dumped = applicant.model_dump(mode="json", exclude_unset=True, exclude=named)
    rest = {k: v for k, v in dumped.items() if v}
    if rest:
        extra["applicant"] = rest
    return out


def _documents(documents: list[DocumentSnapshot], extra: dict[str, Any]) -> dict[str, Any]:
    details = [
        {"position": doc.position, "missing_note": doc.missing_note}
        | (
            {"attachments": [a.model_dump(mode="json", exclude_unset=True) for a in doc.attachments]}
            if doc.attachments
            else {}
        )
        for doc in documents
        if doc.missing_note or doc.attachments
    ]
    if details:
        extra["documents"] = details
    return {"TaiLieuNop": [_document(doc) for doc in documents]}


def _document(doc: DocumentSnapshot) -> dict[str, Any]:
    out: dict[str, Any] = {
        "TenTepDinhKem": doc.name,
        "SoBanChinh": doc.originals or 0,
        "SoBanSao": doc.copies or 0,
        "IsDeleted": not doc.received,
    }
    if doc.procedure_document_code:
        out["MaThanhPhanHoSo"] = doc.procedure_document_code
    return out


class Unsendable(ValueError):
    """A change the wire schema refuses even after moving fields into `MoRong` (e.g. `MoRong` itself is
    too large): kept locally as a refused change with this Vietnamese reason, never sent half-empty."""


def to_record(event: TypedEvent, officer: str | None = None) -> HoSo:
    """The `HoSo` record of an event's payload; fields the schema refuses move into `MoRong`, and when
    even that does not validate, `Unsendable` with a Vietnamese reason."""
    fields = record_fields(event, officer)
    bad: set[str] = set()
    for _ in range(len(fields) + 1):
        try:
            return HoSo.model_validate(fields)
        except ValidationError as exc:
            bad = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
            moved = {name: fields.pop(name) for name in bad if name in fields and name != "MoRong"}
            if not moved:
                break
            fields.setdefault("MoRong", {})["_invalid"] = {
                **fields.get("MoRong", {}).get("_invalid", {}),
                **moved,
            }
    names = ", ".join(sorted(field_label(name) for name in bad)) or "không rõ"
    raise Unsendable(
        "Máy này không gửi được thay đổi lên tỉnh: dữ liệu vượt giới hạn của giao thức đồng bộ "
        f"(trường: {names}). Hãy báo bộ phận hỗ trợ kỹ thuật; các hồ sơ khác vẫn được gửi."
    )


def wire_payload(payload: dict[str, Any]) -> dict[str, Any] | None:
    """The stored payload as it travels for the server's hash check; None (not checked by the server, as
    from an older client) in the one case the wire cannot carry it verbatim: a NUL character in it. Then
    `to_wire` checks the hash itself."""
    return payload if _strip_nul(payload) == payload else None


def to_wire(event: Event, officer: str | None, demo: bool = False) -> WireEvent:
    """The wire form of one outbox event; `demo`: a demo profile's, marked `MoRong.demo` (training only)."""
    body = typed(event)
    record = to_record(body, officer)
    payload = wire_payload(event.payload)
    if (
        payload is None
        and event_hash(event.prev_hash, event.uuid, event.seq, event.type, event.payload) != event.hash
    ):
        # the province cannot recompute this hash (no payload travels): this workstation does, so a row
        # edited outside the application is not sent unchecked
        raise Unsendable(HASH_MISMATCH)
    if demo:
        record = record.model_copy(update={"MoRong": {**(record.MoRong or {}), DEMO_FLAG: True}})
    return WireEvent(
        uuid=event.uuid,
        dossier_id=event.dossier_id,
        seq=event.seq,
        type=event.type,
        occurred_at=event.device_time,
        clock_offset_ms=event.clock_offset_ms,
        officer=officer,
        prev_hash=event.prev_hash,
        hash=event.hash,
        record=record,
        attachments=attachment_hashes(body)[:200],
        payload=payload,
    )

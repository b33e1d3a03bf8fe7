"""From the local event log to the wire: event payloads mapped to the portal's `HoSo` vocabulary.

The intake snapshot (`desktop/services/snapshot.py`) and change payloads use our own keys; this module is
the one place that names their DVCQG counterparts (supplement cycles: `sync.client.supplements`). Keys without a portal name go into `MoRong` unchanged,
so the province receives everything the commune recorded. A value the wire schema refuses (too long,
out of range) is moved into `MoRong` too rather than blocking the dossier; the server then says what is
missing, in Vietnamese. A change that still does not fit raises `Unsendable`: the outbox keeps it as a
local refusal shown on the dossier (`sync.client.outbox`).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from desktop.store.models import Event
from sync.client.supplements import split_supplement
from sync.protocol import DEMO_FLAG, HoSo, WireEvent, dvcqg_time_or_none, field_label

CHANNELS = {"direct": 1, "online": 2, "postal": 3}
DELIVERY = {"counter": 0, "postal": 1}
APPLICANT_KINDS = {"person": 1, "organisation": 2}
TIMES = {
    "received_at": "NgayTiepNhan",
    "due_at": "NgayHenTra",
    "returned_at": "NgayTra",
    "finished_at": "NgayKetThucXuLy",
}
TEXTS = {
    "code": "MaHoSo",
    "summary": "TrichYeuHoSo",
    "processing_unit": "DonViXuLy",
    "notes": "GhiChu",
}
# carried by the envelope already
ENVELOPE_KEYS = {"dossier_id", "unit_code"}


def _strip_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_strip_nul(k): _strip_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strip_nul(v) for v in value]
    return value


def record_fields(
    payload: dict[str, Any], event_type: str = "", officer: str | None = None
) -> dict[str, Any]:
    """The portal fields of one payload, plus `MoRong` for the rest (not yet validated). A supplement
    event's cycle goes into `DanhSachHoSoBoSung` (`sync.client.supplements`), with `officer` in it."""
    supplement, payload = split_supplement(event_type, _strip_nul(payload), officer)
    out: dict[str, Any] = {"DanhSachHoSoBoSung": [supplement]} if supplement else {}
    extra: dict[str, Any] = {}
    for key, value in payload.items():
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
        elif key == "procedure" and isinstance(value, dict):
            out.update(_procedure(value, extra))
        elif key == "applicant" and isinstance(value, dict):
            out.update(_applicant(value, extra))
        elif key == "documents" and isinstance(value, list):
            docs = [doc for doc in value if isinstance(doc, dict)]
            out["TaiLieuNop"] = [_document(doc) for doc in docs]
            details = [
                {
                    "position": doc.get("position"),
                    "missing_note": doc.get("missing_note"),
                    "attachments": doc["attachments"],
                }
                if doc.get("attachments")
                else {"position": doc.get("position"), "missing_note": doc.get("missing_note")}
                for doc in docs
                if doc.get("missing_note") or doc.get("attachments")
            ]
            if details:
                extra["documents"] = details
        elif key == "fee_amount" and isinstance(value, int) and value > 0:
            out["DanhSachLePhi"] = [{"TenPhiLePhi": "Lệ phí", "Gia": value}]
        else:
            extra[key] = value
    if extra:
        out["MoRong"] = extra
    return out


def _procedure(value: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    names = {"code": "MaTTHC", "name": "TenTTHC", "field_code": "MaLinhVuc", "field": "TenLinhVuc"}
    out = {names[k]: v for k, v in value.items() if k in names and v}
    rest = {k: v for k, v in value.items() if k not in names}
    if rest:
        extra["procedure"] = rest
    return out


def _applicant(value: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    names = {"full_name": "ChuHoSo", "id_number": "MaDoiTuong", "phone": "SoDienThoai", "email": "Email"}
    out: dict[str, Any] = {names[k]: v for k, v in value.items() if k in names and v}
    if value.get("address"):
        out["DiaChi"] = value["address"]
    if value.get("kind") in APPLICANT_KINDS:
        out["LoaiDoiTuong"] = APPLICANT_KINDS[value["kind"]]
    rest = {k: v for k, v in value.items() if k not in names and k not in ("address", "kind") and v}
    if rest:
        extra["applicant"] = rest
    return out


def _document(doc: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "TenTepDinhKem": str(doc.get("name", "")),
        "SoBanChinh": doc.get("originals", 0) or 0,
        "SoBanSao": doc.get("copies", 0) or 0,
        "IsDeleted": not doc.get("received", True),
    }
    if doc.get("procedure_document_code"):
        out["MaThanhPhanHoSo"] = doc["procedure_document_code"]
    return out


class Unsendable(ValueError):
    """A change the wire schema refuses even after moving fields into `MoRong` (e.g. `MoRong` itself is
    too large): kept locally as a refused change with this Vietnamese reason, never sent half-empty."""


def to_record(payload: dict[str, Any], event_type: str = "", officer: str | None = None) -> HoSo:
    """The `HoSo` record of an event's payload; fields the schema refuses move into `MoRong`, and when
    even that does not validate, `Unsendable` with a Vietnamese reason."""
    fields = record_fields(payload, event_type, officer)
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


def attachment_hashes(payload: dict[str, Any]) -> list[str]:
    """SHA-256 of every scan referenced by the payload (uploaded by tus in the next issue)."""
    hashes: list[str] = []
    for doc in payload.get("documents", []) or []:
        if isinstance(doc, dict):
            for att in doc.get("attachments", []) or []:
                if (
                    isinstance(att, dict)
                    and isinstance(att.get("sha256"), str)
                    and att["sha256"] not in hashes
                ):
                    hashes.append(att["sha256"])
    return hashes


def to_wire(event: Event, officer: str | None, demo: bool = False) -> WireEvent:
    """The wire form of one outbox event; `demo`: a demo profile's, marked `MoRong.demo` (training only)."""
    record = to_record(event.payload, event.type, officer)
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
        attachments=attachment_hashes(event.payload)[:200],
    )
